"""SOC-13 (seed 002 §5.1.10): the calendar and long-term work plans of a unit are roadmaps —
the head of the unit makes them through the roadmap pages, the institution agrees them, the
unit's staff read them, and nobody outside the institution finds them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from resurs.casework.units.demo import SUPPORT
from resurs.casework.units.models import Position, Unit, UnitKind, UnitStaff
from resurs.coordination.events.tests.helpers import bearer
from resurs.coordination.roadmaps import demo, permissions, services
from resurs.coordination.roadmaps.models import (
    Checkpoint,
    Item,
    Mark,
    MarkResult,
    Roadmap,
    RoadmapKind,
    RoadmapState,
)
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import declared, demo_loaders
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON, load_demo
from resurs.kernel.organisations.models import Organisation
from tests.factories import OrganisationFactory, direction, member, territory

pytestmark = pytest.mark.django_db

YEAR = 2026


def _unit(organisation, code="social_support", name=SUPPORT):
    return Unit.objects.create(
        organisation=organisation, kind=UnitKind.objects.get(code=code), name=name
    )


def _staff(role, unit, position):
    membership = member(role, unit.organisation)
    UnitStaff.objects.create(
        membership=membership, unit=unit, position=position, starts_on=datetime.date(2025, 1, 1)
    )
    return membership


@pytest.fixture
def units(db):
    a = OrganisationFactory(territory=territory("Пыть-Ях"), short_name="КЦСОН А")
    b = OrganisationFactory(territory=territory("Сургут"), short_name="КЦСОН Б")
    support, other_support = _unit(a), _unit(b)
    psychology = _unit(a, "psychological", "Отделение психологической помощи гражданам")
    return {
        "support": support,
        "psychology": psychology,
        "head": _staff(Role.HEAD, support, Position.HEAD),
        "specialist": _staff(Role.SPECIALIST, support, Position.SOCIAL_WORK_SPECIALIST),
        "psychology_head": _staff(Role.HEAD, psychology, Position.HEAD),
        "provider": member(Role.PROVIDER, a),
        "other_head": _staff(Role.HEAD, other_support, Position.HEAD),
        "other_provider": member(Role.PROVIDER, b),
        "department": member(Role.DEPARTMENT),
        "rc": member(Role.RESOURCE_CENTRE, direction=direction(2)),
    }


def _plan(units, kind=RoadmapKind.UNIT_CALENDAR, timeframe="1 квартал"):
    roadmap = services.roadmap_create(
        by=units["head"],
        organisation=units["support"].organisation,
        unit=units["support"],
        kind=kind,
        year=YEAR,
        title=f"План работы отделения на {YEAR} год",
    )
    section = services.section_create(by=units["head"], roadmap=roadmap, title="Профилактика")
    services.item_create(
        by=units["head"], section=section, name="День открытых дверей", timeframe=timeframe
    )
    return roadmap


def test_the_kinds_of_a_units_plan_are_roadmap_kinds():
    assert RoadmapKind.UNIT_CALENDAR.label == "Календарный план работы отделения"
    assert RoadmapKind.UNIT_LONG_TERM.label == "Перспективный план работы отделения"


def test_a_units_plan_names_a_unit_of_its_own_institution(units):
    support = units["support"]
    with pytest.raises(ValidationError) as no_unit:
        Roadmap(
            organisation=support.organisation, kind=RoadmapKind.UNIT_CALENDAR, year=YEAR, title="П"
        ).full_clean()
    assert "unit" in no_unit.value.message_dict
    other = units["other_head"].unit_staff.unit
    with pytest.raises(ValidationError) as foreign:
        Roadmap(
            organisation=support.organisation,
            unit=other,
            kind=RoadmapKind.UNIT_LONG_TERM,
            year=YEAR,
            title="П",
        ).full_clean()
    assert "unit" in foreign.value.message_dict
    roadmap = _plan(units, RoadmapKind.UNIT_LONG_TERM)
    assert roadmap.unit == support and list(support.work_plans.all()) == [roadmap]


def test_a_unit_has_one_plan_of_a_kind_a_year(units):
    _plan(units)
    with pytest.raises(ValidationError):
        _plan(units)
    assert _plan(units, RoadmapKind.UNIT_LONG_TERM).year == YEAR


def test_only_the_head_of_the_unit_makes_its_plan(units):
    for who in ("psychology_head", "specialist", "provider", "other_head", "rc"):
        with pytest.raises(PermissionDenied):
            services.roadmap_create(
                by=units[who],
                organisation=units["support"].organisation,
                unit=units["support"],
                kind=RoadmapKind.UNIT_CALENDAR,
                year=YEAR,
                title="План",
            )


def test_the_head_makes_the_plan_the_institution_agrees_and_the_head_marks_it(units, login):
    head = login(units["head"])
    assert head.get(reverse("roadmaps:unit_create")).status_code == 200
    response = head.post(
        reverse("roadmaps:unit_create"),
        {
            "unit": units["support"].pk,
            "kind": RoadmapKind.UNIT_CALENDAR,
            "year": YEAR,
            "title": "Календарный план работы отделения",
        },
    )
    roadmap = Roadmap.objects.get(unit=units["support"])
    assert response.status_code == 302 and response["Location"] == roadmap.get_absolute_url()
    head.post(reverse("roadmaps:section_create", args=[roadmap.pk]), {"title": "Профилактика"})
    section = roadmap.sections.get()
    created = head.post(
        reverse("roadmaps:item_create", args=[section.pk]),
        {"name": "День открытых дверей", "timeframe": "20 марта, 19 июня"},
    )
    assert created.status_code == 302
    item = Item.objects.get(section=section)
    assert [c.due_on for c in item.checkpoints.all()] == [
        datetime.date(YEAR, 3, 20),
        datetime.date(YEAR, 6, 19),
    ]
    head.post(reverse("roadmaps:submit", args=[roadmap.pk]))
    roadmap.refresh_from_db()
    assert roadmap.state == RoadmapState.SUBMITTED
    # The Department does not decide on a unit's plan; the institution does.
    login(units["department"]).post(reverse("roadmaps:agree", args=[roadmap.pk]))
    assert Roadmap.objects.get(pk=roadmap.pk).state == RoadmapState.SUBMITTED
    page = login(units["provider"]).get(roadmap.get_absolute_url()).content.decode()
    assert reverse("roadmaps:agree", args=[roadmap.pk]) in page
    login(units["provider"]).post(reverse("roadmaps:agree", args=[roadmap.pk]))
    assert Roadmap.objects.get(pk=roadmap.pk).state == RoadmapState.AGREED
    checkpoint = item.checkpoints.order_by("due_on").first()
    marked = head.post(
        reverse("roadmaps:checkpoint", args=[checkpoint.pk]),
        {"result": MarkResult.DONE, "done_text": "Принято 23 человека."},
    )
    assert marked.status_code == 302
    assert Mark.objects.get(checkpoint=checkpoint).done_text == "Принято 23 человека."


def test_the_specialist_of_the_unit_reads_the_plan_and_changes_nothing(units, login):
    roadmap = _plan(units)
    specialist = login(units["specialist"])
    listed = specialist.get(reverse("roadmaps:units")).content.decode()
    assert roadmap.get_absolute_url() in listed
    card = specialist.get(roadmap.get_absolute_url())
    assert card.status_code == 200 and "День открытых дверей" in card.content.decode()
    assert reverse("roadmaps:edit", args=[roadmap.pk]) not in card.content.decode()
    assert specialist.get(reverse("roadmaps:edit", args=[roadmap.pk])).status_code == 403
    assert specialist.get(reverse("roadmaps:unit_create")).status_code == 403
    section = roadmap.sections.get()
    refused = specialist.post(
        reverse("roadmaps:item_create", args=[section.pk]), {"name": "x", "timeframe": "май"}
    )
    assert refused.status_code == 403 and Item.objects.filter(section=section).count() == 1


def test_the_head_of_another_unit_reads_but_does_not_edit(units):
    roadmap = _plan(units)
    assert not permissions.is_owner(units["psychology_head"].scope, roadmap)
    assert permissions.is_owner(units["head"].scope, roadmap)


@pytest.mark.parametrize("outsider", ["other_head", "other_provider", "rc"])
def test_outside_the_institution_the_plan_is_not_found(units, login, client, outsider):
    roadmap = _plan(units)
    who = units[outsider]
    browser = login(who)
    assert browser.get(roadmap.get_absolute_url()).status_code == 404
    assert roadmap.get_absolute_url() not in browser.get(reverse("roadmaps:units")).content.decode()
    api = "/api/v1/roadmaps"
    assert client.get(f"{api}/{roadmap.pk}", headers=bearer(who)).status_code == 404
    listed = client.get(f"{api}?unit_id={units['support'].pk}", headers=bearer(who)).json()
    assert listed["items"] == []


def test_the_api_lists_the_plan_with_its_unit(units, client):
    roadmap = _plan(units)
    listed = client.get(
        "/api/v1/roadmaps?kind=unit_calendar", headers=bearer(units["specialist"])
    ).json()
    assert [(r["id"], r["unit_id"]) for r in listed["items"]] == [(roadmap.pk, units["support"].pk)]


def test_the_units_plans_stay_out_of_the_roadmaps_list(units, login):
    roadmap = _plan(units)
    page = login(units["department"]).get(reverse("roadmaps:list")).content.decode()
    assert roadmap.get_absolute_url() not in page


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_costs_the_same_for_few_and_many(
    units, login, django_assert_max_num_queries, count
):
    for year in range(2000, 2000 + count):
        Roadmap.objects.create(
            organisation=units["support"].organisation,
            unit=units["support"],
            kind=RoadmapKind.UNIT_CALENDAR,
            year=year,
            title=f"План {year}",
        )
    client = login(units["head"])
    with django_assert_max_num_queries(13):
        response = client.get(reverse("roadmaps:units"))
    assert response.content.decode().count("План 20") == count


@pytest.mark.parametrize(
    ("who", "shown"),
    [("head", True), ("specialist", True), ("provider", True), ("rc", False)],
)
def test_the_menu_offers_the_plans_to_the_unit_and_the_institution(units, login, who, shown):
    page = login(units[who]).get("/").content.decode()
    assert ("План работы отделения" in page) is shown
    assert (f'href="{reverse("roadmaps:units")}"' in page) is shown


def test_the_institution_is_asked_to_agree_and_the_head_sees_a_return(units, login):
    roadmap = _plan(units)
    services.roadmap_submit(by=units["head"], roadmap=roadmap)
    assert (
        "План работы отделения на согласовании"
        in login(units["provider"]).get("/").content.decode()
    )
    assert "На согласовании" not in login(units["department"]).get("/").content.decode()
    services.roadmap_return(by=units["provider"], roadmap=roadmap, remark="Добавьте рейд.")
    assert "Добавьте рейд." in login(units["head"]).get("/").content.decode()


def test_the_units_demo_loads_before_the_plans_demo():
    labels = {d.contribution.demo: d.app_label for d in declared() if d.contribution.demo}
    order = [labels[load] for load in demo_loaders()]
    assert order.index("units") < order.index("roadmaps")


def test_the_demo_plans_the_year_of_the_social_support_unit_once():
    load_demo()
    kcson = Organisation.objects.get(name=PYT_YAKH_KCSON)
    unit = _unit(kcson)
    demo.load_demo_data()
    today = timezone.localdate()
    plan = Roadmap.objects.get(unit=unit)
    assert plan.kind == RoadmapKind.UNIT_CALENDAR and plan.year == today.year
    assert plan.state == RoadmapState.AGREED
    names = " ".join(Item.objects.filter(section__roadmap=plan).values_list("name", flat=True))
    for words in ("День открытых дверей", "паспортов социальных участков", "Отчёт"):
        assert words in names
    open_day = Item.objects.get(section__roadmap=plan, name__startswith="День открытых дверей")
    assert open_day.checkpoints.count() == 4
    marks = Mark.objects.filter(checkpoint__item__section__roadmap=plan)
    assert all(m.checkpoint.due_on < today for m in marks)
    past = Checkpoint.objects.filter(item__section__roadmap=plan, due_on__lt=today)
    if past.exists():
        assert marks.exists() and past.overdue(today).count() == 1
    counts = (Roadmap.objects.count(), Item.objects.count(), Mark.objects.count())
    demo.load_demo_data()
    assert (Roadmap.objects.count(), Item.objects.count(), Mark.objects.count()) == counts
