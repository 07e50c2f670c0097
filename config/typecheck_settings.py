"""The settings django-stubs loads for mypy: the project's own with a placeholder key, since
a type check signs nothing and must run without SECRET_KEY (config/settings.py refuses)."""

import os

os.environ.setdefault("SECRET_KEY", "type-check-only-never-served")

from config.settings import *  # noqa: E402, F403
