"""Every view and API endpoint reads scoped models through `visible_to` (or a selector).

The rule is checked on the source: in a module named views.py or api.py, a scoped model's
manager may only be used as ``Model.objects.visible_to(...)``. Selectors are where the
other reads live, each one starting from ``visible_to`` too.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

from resurs.kernel.accounts.scoping import ScopedQuerySet

ROOT = Path(settings.BASE_DIR)


def scoped_model_names() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), ScopedQuerySet)
    }


def entry_modules() -> list[Path]:
    return sorted(
        path
        for pattern in ("views.py", "api.py", "views/*.py", "*/views.py", "*/views/*.py")
        for path in ROOT.glob(f"resurs/*/*/{pattern}")
        if ".venv" not in path.parts
    )


def unscoped_reads(source: str, models: set[str], label: str) -> list[str]:
    return [
        f"{label}:{node.lineno} {node.value.value.id}.{node.attr}"
        for node in ast.walk(ast.parse(source))
        # Model.objects.<anything but visible_to>
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr in {"objects", "_default_manager"}
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id in models
        and node.attr != "visible_to"
    ]


def test_the_rule_knows_the_scoped_models():
    assert {"Organisation", "ResourceCentreStatus", "Appointment", "LocalDocument"} <= (
        scoped_model_names()
    )


def test_views_and_api_read_scoped_models_only_through_visible_to():
    models = scoped_model_names()
    assert len(entry_modules()) >= 4
    problems = [
        problem
        for path in entry_modules()
        for problem in unscoped_reads(
            path.read_text(encoding="utf-8"), models, str(path.relative_to(ROOT))
        )
    ]
    assert problems == []


def test_the_checker_catches_an_unscoped_read():
    source = (
        "def v(request):\n"
        "    ok = Organisation.objects.visible_to(request)\n"
        "    return Organisation.objects.get(pk=1)\n"
    )
    assert unscoped_reads(source, {"Organisation"}, "views.py") == ["views.py:3 Organisation.get"]
