"""The register of recipients (442-FZ art. 25), derived from the facts: the ИППСУ and the
contract's date as the legend says, reversed facts left out, the page (search by POST,
filters, empty state, pinned queries) and its XLSX both write the access log, the API;
who must not see a recipient does not."""

import datetime
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from resurs.casework.citizens.models import AccessChannel, AccessLogEntry
from resurs.casework.conftest import make_person
from resurs.casework.plans.models import Plan, PlanKind, PlanStatus
from resurs.casework.socialservices import register
from resurs.casework.socialservices import services as facts
from resurs.casework.socialservices.models import Basis, Service, ServiceForm, ServiceKind
from resurs.kernel.accounts.services import api_token_create

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 10)


@pytest.fixture
def world(casework, settings):
    w = casework
    w.visit = Service.objects.create(
        code="01.001", name="Покупка продуктов", kind=ServiceKind.HOUSEHOLD, form=ServiceForm.HOME
    )
    w.urgent = Service.objects.create(
        code="08.001", name="Продуктовый набор", kind=ServiceKind.URGENT, form=ServiceForm.URGENT
    )
    w.plan = Plan.all_records.create(
        organisation=w.a.organisation, unit=w.a.support, district=w.a.districts[0],
        person=w.person, kind=PlanKind.SUPPORT, status=PlanStatus.APPROVED,
        approved_on=datetime.date(2026, 2, 20), starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 12, 31),
    )  # fmt: skip
    w.urgent_only = make_person(
        w.a.support, w.a.districts[0], w.specialist.user, last_name="Петров", first_name="Иван",
        sex="male",
    )  # fmt: skip
    record = facts.fact_record
    w.f1 = record(by=w.specialist, unit=w.a.support, service=w.visit, provided_on=DAY,
                  person=w.person, quantity=2, basis=Basis.SOCIAL_CONTRACT)  # fmt: skip
    w.f2 = record(by=w.specialist, unit=w.a.support, service=w.urgent, provided_on=DAY,
                  person=w.person)  # fmt: skip
    w.f3 = record(by=w.specialist, unit=w.a.support, service=w.urgent, provided_on=DAY,
                  person=w.urgent_only)  # fmt: skip
    w.gone = record(by=w.specialist, unit=w.a.support, service=w.visit, provided_on=DAY,
                    person=w.urgent_only, basis=Basis.SOCIAL_CONTRACT)  # fmt: skip
    facts.fact_reverse(by=w.specialist, fact=w.gone, reason="внесено ошибочно")
    return w


def rows_of(who, **filters):
    chosen = register.RegisterFilter(year=2026, **filters)
    return {row.person.pk: row for row in register.all_rows(who, chosen)}


def test_the_rows_are_derived_from_the_facts(world):
    rows = rows_of(world.head, month=3)
    mine, urgent = rows[world.person.pk], rows[world.urgent_only.pk]
    assert mine.services == 3 and mine.codes == [("01.001", 2), ("08.001", 1)]
    assert mine.plan == world.plan and mine.contract_on == datetime.date(2026, 2, 20)
    assert "утверждена 20.02.2026" in mine.plan_text
    # the reversed fact counts neither as a service nor as a contract
    assert urgent.services == 1 and urgent.contract_on is None
    assert urgent.contract_text == register.NO_CONTRACT


def test_without_an_ippsu_the_contract_is_the_first_non_urgent_service(world):
    world.plan.delete()
    assert rows_of(world.head)[world.person.pk].contract_on == DAY


def test_the_period_and_the_form_filter(world):
    assert rows_of(world.head, month=4) == {}
    assert set(rows_of(world.head, form=ServiceForm.HOME)) == {world.person.pk}


def test_outsiders_see_no_recipient(world):
    for label, membership in world.outsiders.items():
        assert rows_of(membership) == {}, label


def test_the_page_shows_the_legend_and_logs_each_recipient(world, login):
    client = login(world.provider)
    page = client.get(reverse("socialservices:register"), {"year": 2026}).content.decode()
    assert "Смирнова Ольга Ивановна" in page and "ч. 1 ст. 17" in page
    logged = AccessLogEntry.objects.filter(channel=AccessChannel.UI, membership=world.provider)
    assert set(logged.values_list("person_id", flat=True)) == {
        world.person.pk,
        world.urgent_only.pk,
    }


def test_the_search_is_posted_and_narrows_the_register(world, login):
    page = (
        login(world.head)
        .post(reverse("socialservices:register") + "?year=2026", {"q": "Петр"})
        .content.decode()
    )
    assert "Петров Иван" in page and "Смирнова Ольга" not in page


def test_the_empty_register_says_what_to_do(casework, login):
    page = login(casework.head).get(reverse("socialservices:register")).content.decode()
    assert "В этом году услуги ещё не внесены." in page


@pytest.mark.parametrize("extra", [0, 12])
def test_the_page_costs_the_same_for_any_length(world, login, django_assert_max_num_queries, extra):
    for number in range(extra):
        person = make_person(world.a.support, world.a.districts[0], world.specialist.user,
                             last_name=f"Иванов{'а' * (number + 1)}")  # fmt: skip
        facts.fact_record(by=world.head, unit=world.a.support, service=world.urgent,
                          provided_on=DAY, person=person)  # fmt: skip
    client = login(world.head)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("socialservices:register"), {"year": 2026})
    assert page.content.decode().count("/citizens/") >= extra + 2


def test_the_xlsx_carries_every_row_and_logs_the_export(world, login):
    response = login(world.provider).get(reverse("socialservices:register_xlsx"), {"year": 2026})
    assert "registr-poluchateley-2026.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Смирнова Ольга Ивановна" in cells and "01.001 × 2, 08.001 × 1" in cells
    assert AccessLogEntry.objects.filter(channel=AccessChannel.EXPORT).count() == 2


def test_the_api_lists_the_register_and_outsiders_get_nothing(world):
    _token, raw = api_token_create(membership=world.head, name="интеграция")
    body = Client().get(
        "/api/v1/services/register", {"year": 2026, "month": 3},
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    ).json()  # fmt: skip
    assert body["count"] == 2
    mine = next(item for item in body["items"] if item["person_id"] == world.person.pk)
    assert mine["contract_on"] == "2026-02-20" and mine["services"] == 3
    _token, raw = api_token_create(membership=world.other_head, name="интеграция")
    other = Client().get("/api/v1/services/register", {"year": 2026},
                         HTTP_AUTHORIZATION=f"Bearer {raw}").json()  # fmt: skip
    assert other["count"] == 0
    _token, raw = api_token_create(membership=world.department, name="интеграция")
    denied = Client().get("/api/v1/services/register", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert denied.status_code == 403
