import pytest


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # The check and the save run inside the request, so a test sees their outcome at once.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
