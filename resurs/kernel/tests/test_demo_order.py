"""The apps' demos run in INSTALLED_APPS order, except that a demo waits for the demos it
names in ``demo_after`` (a coordination demo planning a case-work unit's year, say)."""

import pytest

from resurs.kernel import contributions
from resurs.kernel.contributions import Contribution, Declared, demo_loaders


def _demo(name, calls):
    return lambda: calls.append(name)


def _declare(monkeypatch, *apps):
    monkeypatch.setattr(contributions, "declared", lambda: tuple(apps))


def _run(calls):
    for load in demo_loaders():
        load()
    return calls


def test_demos_keep_the_apps_order_without_demo_after(monkeypatch):
    calls: list[str] = []
    _declare(
        monkeypatch,
        Declared("a", Contribution(demo=_demo("a", calls))),
        Declared("b", Contribution()),
        Declared("c", Contribution(demo=_demo("c", calls))),
    )
    assert _run(calls) == ["a", "c"]


def test_a_demo_runs_after_the_demos_it_names(monkeypatch):
    calls: list[str] = []
    _declare(
        monkeypatch,
        Declared("roadmaps", Contribution(demo=_demo("roadmaps", calls), demo_after=("units",))),
        Declared("events", Contribution(demo=_demo("events", calls), demo_after=("nobody",))),
        Declared("units", Contribution(demo=_demo("units", calls))),
    )
    assert _run(calls) == ["events", "units", "roadmaps"]


def test_demos_waiting_for_each_other_are_refused(monkeypatch):
    _declare(
        monkeypatch,
        Declared("a", Contribution(demo=lambda: None, demo_after=("b",))),
        Declared("b", Contribution(demo=lambda: None, demo_after=("a",))),
    )
    with pytest.raises(LookupError, match="a, b"):
        demo_loaders()
