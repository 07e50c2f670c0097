"""Every module that serves a request reads scoped models through `visible_to` (or a selector).

The rule is checked on the source of every such module (`serves_requests`: views modules
and ``views/`` packages, ``api.py``, ``forms.py``, exports): a scoped model's manager may only
be used as ``Model.objects.visible_to(...)`` (or ``.none()``, which reads nothing), and
``get_object_or_404`` takes a queryset, never a scoped model. Selectors are where the other
reads live, each one starting from ``visible_to`` too.

The rule has no blind spots by name only if the set of modules it reads does not quietly
shrink (a pattern that stops matching after a rename, a package moved): `COVERED_AT_LEAST`
is the number of modules covered when it was last raised, and the test fails below it. A
change that adds request modules raises it; one that removes some lowers it in the same
commit, saying why. There is no allowlist: every finding was fixed by reading through the
scope.
"""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

from resurs.kernel.accounts.scoping import ScopedQuerySet

ROOT = Path(settings.BASE_DIR)
VIEWS_MODULE = re.compile(r"(^|_)views(_\w+)?\.py$")
NOT_A_READ = {"visible_to", "none"}
COVERED_AT_LEAST = 116


def scoped_model_names() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), ScopedQuerySet)
    }


def serves_requests(path: Path) -> bool:
    """A module a request runs through: views (``views.py``, ``dashboard_views.py``, any
    module of a ``views/`` package), ``api.py`` and ``…_api.py``, ``forms.py`` and
    ``…_forms.py``, exports (``export*.py``, any
    module of an ``exports/`` package)."""
    parts = path.relative_to(ROOT / "resurs").parts
    if "tests" in parts or "migrations" in parts:
        return False
    name = path.name
    return (
        VIEWS_MODULE.search(name) is not None
        or name in {"api.py", "forms.py"}
        or name.endswith(("_api.py", "_forms.py"))
        or name.startswith("export")
        or any(folder in {"views", "exports"} for folder in parts[:-1])
    )


def entry_modules() -> list[Path]:
    return sorted(path for path in (ROOT / "resurs").rglob("*.py") if serves_requests(path))


def unscoped_reads(source: str, models: set[str], label: str) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(source)):
        # Model.objects.<anything but visible_to or none>
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr in {"objects", "_default_manager"}
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id in models
            and node.attr not in NOT_A_READ
        ):
            problems.append(f"{label}:{node.lineno} {node.value.value.id}.{node.attr}")
        # get_object_or_404(Model, ...): the model's default manager, unscoped
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"get_object_or_404", "get_list_or_404"}
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in models
        ):
            problems.append(f"{label}:{node.lineno} {node.func.id}({node.args[0].id})")
    return problems


def test_the_rule_knows_the_scoped_models():
    assert {"Organisation", "ResourceCentreStatus", "Appointment", "LocalDocument"} <= (
        scoped_model_names()
    )


def test_request_modules_read_scoped_models_only_through_visible_to():
    models = scoped_model_names()
    problems = [
        problem
        for path in entry_modules()
        for problem in unscoped_reads(
            path.read_text(encoding="utf-8"), models, str(path.relative_to(ROOT))
        )
    ]
    assert problems == []


def test_the_covered_modules_do_not_shrink():
    covered = {str(path.relative_to(ROOT)) for path in entry_modules()}
    assert len(covered) >= COVERED_AT_LEAST, sorted(covered)
    # One of each kind, so that a pattern that stops matching is noticed by name too.
    assert {
        "resurs/kernel/organisations/views.py",
        "resurs/kernel/organisations/api.py",
        "resurs/kernel/organisations/forms.py",
        "resurs/coordination/roadmaps/document_views.py",
        "resurs/coordination/reporting/exports/board.py",
        "resurs/coordination/methodology/exporters.py",
        "resurs/coordination/events/views/events.py",
    } <= covered


def test_which_modules_serve_requests():
    serving = (
        "resurs/coordination/x/views.py",
        "resurs/coordination/x/drilldown_views.py",
        "resurs/coordination/x/views/cards.py",
        "resurs/coordination/x/api.py",
        "resurs/coordination/x/forms.py",
        "resurs/coordination/x/exporters.py",
        "resurs/coordination/x/exports/board.py",
    )
    other = (
        "resurs/coordination/x/reviews.py",
        "resurs/coordination/x/services.py",
        "resurs/coordination/x/tests/test_views.py",
    )
    assert [serves_requests(ROOT / path) for path in serving] == [True] * len(serving)
    assert [serves_requests(ROOT / path) for path in other] == [False] * len(other)


def test_the_checker_catches_an_unscoped_read():
    source = (
        "def v(request):\n"
        "    ok = Organisation.objects.visible_to(request)\n"
        "    return Organisation.objects.get(pk=1)\n"
    )
    assert unscoped_reads(source, {"Organisation"}, "views.py") == ["views.py:3 Organisation.get"]


def test_the_checker_catches_get_object_or_404_on_a_scoped_model():
    source = (
        "def v(request, pk):\n"
        "    ok = get_object_or_404(Organisation.objects.visible_to(request), pk=pk)\n"
        "    empty = Organisation.objects.none()\n"
        "    return get_object_or_404(Organisation, pk=pk)\n"
    )
    assert unscoped_reads(source, {"Organisation"}, "views.py") == [
        "views.py:4 get_object_or_404(Organisation)"
    ]
