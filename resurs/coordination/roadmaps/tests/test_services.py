"""MAP-1..MAP-3: the plan, its schedule, the workflow, proposals and versions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from resurs.coordination.roadmaps import services
from resurs.coordination.roadmaps.models import (
    Checkpoint,
    Item,
    ProposalState,
    RoadmapState,
    RoadmapVersion,
    ScheduleKind,
)
from resurs.coordination.roadmaps.tests.conftest import agreed, make_roadmap
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.writes.errors import DomainError, StaleVersion

pytestmark = pytest.mark.django_db


def items_of(roadmap):
    return list(Item.objects.filter(section__roadmap=roadmap).order_by("number"))


def test_an_item_stores_the_schedule_understood_from_its_timeframe(world):
    roadmap = make_roadmap(world, year=2022, items=[("1 квартал 2022 год", "Изучение опыта")])
    item = items_of(roadmap)[0]
    assert item.schedule_kind == ScheduleKind.DATED
    assert [c.due_on for c in item.checkpoints.all()] == [datetime.date(2022, 3, 31)]
    assert item.window_start == datetime.date(2022, 1, 1)


def test_a_continuous_item_is_reviewed_at_the_four_quarter_ends(world):
    roadmap = make_roadmap(world, year=2022, items=[("В актуальном режиме", "Анализ НПА")])
    item = items_of(roadmap)[0]
    assert item.schedule_kind == ScheduleKind.CONTINUOUS
    checkpoints = list(item.checkpoints.all())
    assert [c.due_on.month for c in checkpoints] == [3, 6, 9, 12]
    assert all(c.is_review for c in checkpoints)


def test_an_unrecognised_timeframe_waits_for_a_person_and_is_set_by_hand(world):
    roadmap = make_roadmap(world, items=[("по согласованию с Департаментом", "Форум")])
    item = items_of(roadmap)[0]
    assert item.schedule_kind == ScheduleKind.UNRECOGNISED
    assert not item.checkpoints.exists()
    services.item_set_schedule(
        by=world["rc"], item=item, dates=[datetime.date(2026, 11, 30), datetime.date(2026, 5, 1)]
    )
    item.refresh_from_db()
    assert item.schedule_kind == ScheduleKind.DATED and item.schedule_set_by_hand
    assert [c.due_on for c in item.checkpoints.order_by("due_on")] == [
        datetime.date(2026, 5, 1),
        datetime.date(2026, 11, 30),
    ]
    assert item.timeframe == "по согласованию с Департаментом"


def test_a_changed_timeframe_is_parsed_again(world, roadmap):
    item = items_of(roadmap)[0]
    services.item_update(
        by=world["rc"], item=item, expected_version=item.version, timeframe="ежемесячно"
    )
    assert Checkpoint.objects.filter(item=item).count() == 12


def test_items_are_numbered_through_the_plan_and_move_across_sections(world):
    roadmap = make_roadmap(world, items=[("4 квартал", "А"), ("4 квартал", "Б")])
    second = services.section_create(by=world["rc"], roadmap=roadmap, title="Информационная")
    services.item_create(by=world["rc"], section=second, name="В", timeframe="ежеквартально")
    assert [(i.number, i.name) for i in items_of(roadmap)] == [(1, "А"), (2, "Б"), (3, "В")]
    first_c = items_of(roadmap)[2]
    services.item_move(by=world["rc"], item=first_c, step=-1)  # up into section 1, at its end
    moved = Item.objects.get(pk=first_c.pk)
    assert moved.section.number == 1
    services.item_move(by=world["rc"], item=items_of(roadmap)[0], step=1)
    assert [i.name for i in items_of(roadmap)] == ["Б", "А", "В"]
    services.item_delete(by=world["rc"], item=items_of(roadmap)[0])
    assert [(i.number, i.name) for i in items_of(roadmap)] == [(1, "А"), (2, "В")]


def test_sections_move_and_renumber(world, roadmap):
    second = services.section_create(by=world["rc"], roadmap=roadmap, title="Второй")
    services.section_move(by=world["rc"], section=second, step=-1)
    second.refresh_from_db()
    assert second.number == 1
    assert items_of(roadmap)[0].number == 1  # the item of the old first section is now 1


def test_a_concurrent_item_edit_is_refused(world, roadmap):
    item = items_of(roadmap)[0]
    loaded = item.version
    services.item_update(by=world["rc"], item=item, expected_version=loaded, name="Первый")
    with pytest.raises(StaleVersion):
        services.item_update(
            by=world["rc"],
            item=Item.objects.get(pk=item.pk),
            expected_version=loaded,
            name="Второй",
        )
    assert Item.objects.get(pk=item.pk).name == "Первый"


def test_only_the_owner_edits_the_plan(world, roadmap):
    item = items_of(roadmap)[0]
    for who in ("provider", "other_rc", "department"):
        with pytest.raises(PermissionDenied):
            services.item_update(by=world[who], item=item, expected_version=None, name="Чужое")


def test_workflow_submit_return_resubmit_agree(world, roadmap):
    item = items_of(roadmap)[0]
    with pytest.raises(PermissionDenied):
        services.roadmap_submit(by=world["provider"], roadmap=roadmap)
    services.roadmap_submit(by=world["rc"], roadmap=roadmap)
    assert roadmap.state == RoadmapState.SUBMITTED
    with pytest.raises(DomainError):  # a submitted plan is not edited
        services.item_update(by=world["rc"], item=item, expected_version=None, name="x")
    with pytest.raises(PermissionDenied):
        services.roadmap_agree(by=world["rc"], roadmap=roadmap)
    services.roadmap_return(
        by=world["department"],
        roadmap=roadmap,
        remark="Уточните сроки",
        item_remarks={item.pk: "Срок — квартал и год"},
    )
    item.refresh_from_db()
    assert roadmap.state == RoadmapState.RETURNED and item.remark == "Срок — квартал и год"
    services.item_update(
        by=world["rc"], item=item, expected_version=item.version, timeframe="1 квартал 2026 года"
    )
    services.roadmap_submit(by=world["rc"], roadmap=roadmap)
    assert roadmap.state == RoadmapState.RESUBMITTED
    services.roadmap_agree(by=world["department"], roadmap=roadmap)
    item.refresh_from_db()
    assert roadmap.state == RoadmapState.AGREED and roadmap.agreed_version == 1
    assert item.remark == ""
    version = RoadmapVersion.objects.get(roadmap=roadmap)
    assert version.content["sections"][0]["items"][0]["timeframe"] == "1 квартал 2026 года"
    states = [
        e.changes.get("state")
        for e in AuditEntry.objects.filter(object_id=str(roadmap.pk), content_type__model="roadmap")
        if "state" in e.changes
    ]
    assert ["черновик", "на согласовании"] in states and [
        "направлена повторно",
        "согласована",
    ] in states


def test_a_return_needs_a_remark(world, roadmap):
    services.roadmap_submit(by=world["rc"], roadmap=roadmap)
    with pytest.raises(ValidationError):
        services.roadmap_return(by=world["department"], roadmap=roadmap, remark=" ")


def test_an_empty_plan_is_not_submitted(world):
    roadmap = make_roadmap(world, items=[])
    with pytest.raises(DomainError):
        services.roadmap_submit(by=world["rc"], roadmap=roadmap)


def test_a_change_after_agreement_makes_a_new_version(world, roadmap):
    agreed(world, roadmap)
    with pytest.raises(DomainError):
        services.item_update(
            by=world["rc"], item=items_of(roadmap)[0], expected_version=None, name="x"
        )
    services.roadmap_reopen(by=world["rc"], roadmap=roadmap)
    section = roadmap.sections.get()
    services.item_create(by=world["rc"], section=section, name="Новое", timeframe="4 квартал")
    agreed(world, roadmap)
    assert roadmap.agreed_version == 2
    assert list(roadmap.versions.values_list("number", flat=True)) == [1, 2]


def test_a_provider_proposes_and_the_rc_accepts_into_the_plan(world, roadmap):
    proposal = services.proposal_create(
        by=world["provider"],
        roadmap=roadmap,
        text="Провести круглый стол",
        suggested_name="Круглый стол для специалистов",
        suggested_timeframe="3 квартал",
        suggested_section=roadmap.sections.get(),
    )
    with pytest.raises(PermissionDenied):
        services.proposal_accept(by=world["provider"], proposal=proposal)
    services.proposal_accept(by=world["rc"], proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    assert proposal.item.name == "Круглый стол для специалистов"
    assert proposal.item.checkpoints.get().due_on == datetime.date(2026, 9, 30)
    with pytest.raises(DomainError):
        services.proposal_decline(by=world["rc"], proposal=proposal, note="поздно")


def test_a_provider_of_another_direction_cannot_propose(world, roadmap):
    with pytest.raises(DomainError):
        services.proposal_create(by=world["other_provider"], roadmap=roadmap, text="Предложение")
    with pytest.raises(PermissionDenied):
        services.proposal_create(by=world["uszn_surgut"], roadmap=roadmap, text="Предложение")


def test_the_rc_declines_with_a_reason(world, roadmap):
    proposal = services.proposal_create(by=world["provider"], roadmap=roadmap, text="Идея")
    with pytest.raises(ValidationError):
        services.proposal_decline(by=world["rc"], proposal=proposal, note="")
    services.proposal_decline(by=world["rc"], proposal=proposal, note="Уже есть в плане")
    assert proposal.state == ProposalState.DECLINED


def test_item_changes_are_in_the_roadmaps_history(world, roadmap):
    from resurs.kernel.audit.services import history_of

    item = items_of(roadmap)[0]
    services.item_update(by=world["rc"], item=item, expected_version=None, name="Новое имя")
    entry = history_of(roadmap).filter(content_type__model="item").first()
    assert entry.changes["name"] == ["Семинар", "Новое имя"]
    assert entry.actor == world["rc"].user
