"""The home page's «Требует внимания» from roadmaps, in a fixed number of queries."""

import datetime

import pytest
from django.core.files.base import ContentFile

from resurs.coordination.roadmaps import services
from resurs.coordination.roadmaps.attention import items_for
from resurs.coordination.roadmaps.tests.conftest import agreed, make_roadmap

pytestmark = pytest.mark.django_db


def titles(membership):
    from resurs.kernel.accounts.scoping import Scope

    return [item.title for item in items_for(Scope.of(membership))]


def test_the_department_sees_what_awaits_its_decision(world, roadmap):
    services.roadmap_submit(by=world["rc"], roadmap=roadmap)
    assert any("На согласовании" in t for t in titles(world["department"]))
    assert not any("На согласовании" in t for t in titles(world["rc"]))


def test_the_rc_sees_returned_plans_overdue_checkpoints_and_proposals(world):
    agreed(world, make_roadmap(world, year=2024, items=[("1 квартал", "А")]))
    draft = make_roadmap(world, year=2026)
    services.proposal_create(by=world["provider"], roadmap=draft, text="Идея")
    services.roadmap_submit(by=world["rc"], roadmap=draft)
    services.roadmap_return(by=world["department"], roadmap=draft, remark="Доработать")
    shown = titles(world["rc"])
    assert any("возвращена на доработку" in t for t in shown)
    assert any("Просрочены контрольные точки" in t for t in shown)
    assert any("Предложения поставщиков" in t for t in shown)
    assert titles(world["other_rc"]) == []


def test_last_years_report_is_due_until_its_file_exists(world, monkeypatch):
    from django.utils import timezone

    roadmap = agreed(world, make_roadmap(world, year=2025))
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2026, 1, 12))
    assert any("Годовой отчёт" in t for t in titles(world["rc"]))
    assert any("Годовой отчёт" in t for t in titles(world["department"]))
    roadmap.annual_report.save("report.pdf", ContentFile(b"%PDF-1.4"), save=True)
    assert not any("Годовой отчёт" in t for t in titles(world["rc"]))


def test_the_attention_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for year in (2024, 2025):
        agreed(world, make_roadmap(world, year=year, items=[("ежемесячно", "А")]))
    from resurs.kernel.accounts.scoping import Scope

    with django_assert_max_num_queries(6):
        items_for(Scope.of(world["rc"]))
