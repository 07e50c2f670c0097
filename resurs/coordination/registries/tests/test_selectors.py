"""What other apps read from the registries: KPI 6.5 and 6.6 (000:6) and the public page."""

from datetime import date

import pytest

from resurs.coordination.registries.models import (
    ActStatus,
    ParticipantCategory,
    ParticipantStatus,
    PracticeStatus,
)
from resurs.coordination.registries.selectors import (
    public_legal_acts,
    public_registry_items,
    registry_counts,
    social_partner_count,
)
from resurs.coordination.registries.tests import records
from tests.factories import OrganisationFactory, direction

pytestmark = pytest.mark.django_db
Q1 = {"period_start": date(2022, 1, 1), "period_end": date(2022, 3, 31)}


def test_registry_counts_are_the_records_added_in_the_period_by_kind(world):
    owner = world["owner"]
    records.participant(owner, registered_on=date(2022, 2, 9))
    records.participant(owner, registered_on=date(2022, 4, 1))  # next quarter
    records.act(owner, direction_number=None, registered_on=date(2022, 1, 1))  # all directions
    records.act(owner, direction_number=8, registered_on=date(2022, 3, 31))  # another direction
    records.technology(owner, registered_on=date(2022, 3, 31))
    records.article(owner, registered_on=date(2021, 12, 31))
    records.practice(owner, registered_on=date(2022, 2, 1))
    records.technology(world["other_rc_2"].organisation, registered_on=date(2022, 2, 1))

    assert registry_counts(organisation=owner, direction=direction(2), **Q1) == {
        "participants": 1,
        "legal_acts": 1,
        "technologies": 1,
        "articles": 0,
        "social_practices": 1,
    }
    assert registry_counts(organisation=owner, **Q1)["legal_acts"] == 2


def test_social_partners_are_partners_and_volunteers_taking_part_in_the_period(world):
    owner = world["owner"]
    partner, volunteer = OrganisationFactory(), OrganisationFactory()
    records.participant(
        owner,
        organisation=partner,
        category=ParticipantCategory.SOCIAL_PARTNER,
        joined_on=date(2021, 5, 1),
    )
    records.participant(
        owner,
        organisation=volunteer,
        category=ParticipantCategory.VOLUNTEER,
        joined_on=date(2022, 3, 31),
    )
    # The same partner in another direction of the same RC is the same partner.
    records.participant(
        owner,
        number=8,
        organisation=partner,
        category=ParticipantCategory.SOCIAL_PARTNER,
        joined_on=date(2021, 1, 1),
    )
    # Not counted: a provider; one who left before the quarter; one who joined after it.
    records.participant(
        owner, category=ParticipantCategory.STATE_PROVIDER, joined_on=date(2021, 1, 1)
    )
    records.participant(
        owner,
        category=ParticipantCategory.SOCIAL_PARTNER,
        joined_on=date(2020, 1, 1),
        status=ParticipantStatus.LEFT,
        left_on=date(2021, 12, 31),
    )
    records.participant(
        owner, category=ParticipantCategory.SOCIAL_PARTNER, joined_on=date(2022, 4, 1)
    )
    # …but one who left during the quarter took part in it.
    records.participant(
        owner,
        category=ParticipantCategory.VOLUNTEER,
        joined_on=date(2020, 1, 1),
        status=ParticipantStatus.LEFT,
        left_on=date(2022, 1, 1),
    )

    assert social_partner_count(organisation=owner, direction=direction(2), **Q1) == 3
    assert social_partner_count(organisation=owner, **Q1) == 3
    on_a_day = {"period_start": date(2022, 3, 30), "period_end": date(2022, 3, 30)}
    assert social_partner_count(organisation=owner, direction=direction(2), **on_a_day) == 1


def test_public_items_are_the_owners_public_records_without_acts(world):
    owner = world["owner"]
    partner = OrganisationFactory(name="АНО «Партнёр»")
    records.participant(
        owner,
        organisation=partner,
        is_public=True,
        participation_form="Соглашение о сотрудничестве",
    )
    records.participant(owner, is_public=False)
    records.participant(
        owner, is_public=True, status=ParticipantStatus.LEFT, left_on=date(2024, 6, 1)
    )
    records.technology(
        owner,
        title="Пролонгированное консультирование",
        is_public=True,
        introduced_year=2022,
        target_group="Семьи детей раннего возраста",
    )
    records.article(owner, title="Из опыта", is_public=True, url="https://example.ru/a")
    practice = records.practice(owner, title="Программа выходного дня", is_public=True)
    records.cell(practice, OrganisationFactory(), PracticeStatus.IMPLEMENTED)
    records.cell(practice, OrganisationFactory(), PracticeStatus.PLANNED)
    records.act(owner, is_public=True)
    records.technology(world["other_rc_2"].organisation, is_public=True)

    items = public_registry_items(owner)

    assert [(i.kind, i.title) for i in items] == [
        ("participant", "АНО «Партнёр»"),
        ("technology", "Пролонгированное консультирование"),
        ("article", "Из опыта"),
        ("social_practice", "Программа выходного дня"),
    ]
    assert items[1].year == 2022 and "Семьи детей раннего возраста" in items[1].summary
    assert items[2].url == "https://example.ru/a" and items[2].date == date(2024, 12, 20)
    assert "Внедрена в учреждениях: 1; внедряется или планируется: 1." in items[3].summary
    assert items[0].url is None


def test_the_normative_base_is_federal_to_local_with_the_status(world):
    owner = world["owner"]
    records.act(
        owner,
        level="local",
        kind="order",
        number="19",
        adopted_on=date(2022, 2, 9),
        title="О деятельности Ресурсного центра",
        is_public=True,
    )
    records.act(
        owner,
        level="regional",
        number="177-р",
        adopted_on=date(2020, 2, 20),
        status=ActStatus.REPEALED,
        repealed_on=date(2022, 2, 4),
        is_public=True,
    )
    records.act(
        owner,
        level="federal",
        kind="law",
        number="442-ФЗ",
        adopted_on=date(2013, 12, 28),
        title="Об основах социального обслуживания граждан в Российской Федерации",
        is_public=True,
    )
    records.act(owner, level="federal", is_public=False)

    acts = public_legal_acts(owner)

    assert [a.number for a in acts] == ["442-ФЗ", "177-р", "19"]
    assert acts[0].citation == (
        "Федеральный закон от 28.12.2013 № 442-ФЗ «Об основах социального обслуживания граждан в "
        "Российской Федерации»"
    )
    assert (acts[1].in_force, acts[1].repealed_on) == (False, date(2022, 2, 4))
    assert acts[0].level == "федеральный" and acts[2].url is None
