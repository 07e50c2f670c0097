"""X-4: the reporting API — forms, the whole chain of a report (fill, submit, return,
resubmit, accept, reopen), the board, the KPIs; scoped (404), optimistic locking (409),
values checked with the indicator's code (422), a fixed number of queries for the list."""

import datetime

import pytest

from resurs.coordination.events.tests.helpers import bearer, make_consultation
from resurs.coordination.reporting import kpi, selectors, services
from resurs.coordination.reporting.models import KpiSnapshot, Report, ReportForm, ReportState
from resurs.kernel.accounts.roles import Role
from resurs.kernel.workcalendar.periods import Period
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

pytestmark = pytest.mark.django_db
API = "/api/v1/reporting"
PERIOD = Period.from_key("2026-q3")
FORM = "provider-monitoring"


@pytest.fixture
def world(db):
    """Resource centres of directions 2 and 8 (in territories without a УСЗН, so they owe no
    provider report), the Surgut УСЗН and two Surgut providers of direction 2 with their
    provider-monitoring reports for the III quarter of 2026 open."""
    rc_org = OrganisationFactory(territory=territory("Нягань"), short_name="РЦ 2")
    rc_status(rc_org, number=2)
    rc_8_org = OrganisationFactory(territory=territory("Урай"), short_name="РЦ 8")
    rc_status(rc_8_org, number=8)
    uszn = member(Role.USZN, org={"territory": territory("Сургут"), "name": "УСЗН по Сургуту"})
    provider_org = OrganisationFactory(territory=territory("Сургут"), name="БУ «Центр „Радуга“»")
    provider_org.directions.add(direction(2))
    other_org = OrganisationFactory(territory=territory("Сургут"), name="БУ «Центр „Ирида“»")
    other_org.directions.add(direction(2))
    form = ReportForm.objects.get(code=FORM)
    services.open_period(form=form, period=PERIOD)
    return {
        "rc_org": rc_org,
        "rc_8_org": rc_8_org,
        "uszn": uszn,
        "provider": member(Role.PROVIDER, provider_org),
        "other_provider": member(Role.PROVIDER, other_org),
        "rc": member(Role.RESOURCE_CENTRE, rc_org, direction=direction(2)),
        "rc_8": member(Role.RESOURCE_CENTRE, rc_8_org, direction=direction(8)),
        "department": member(Role.DEPARTMENT),
        "report": Report.objects.get(form=form, sender=provider_org),
        "other_report": Report.objects.get(form=form, sender=other_org),
    }


def call(client, method, url, who, data=None):
    kwargs = {"headers": bearer(who)}
    if data is not None:
        kwargs.update(data=data, content_type="application/json")
    return getattr(client, method)(url, **kwargs)


VALUES = {
    "consultations": 5,
    "recipients_total": "40",
    "recipients_new": 10,
    "technologies": [{"name": "Кинезиотерапия", "recipients": 12}],
    "problems": "Нехватка специалистов",
}


def test_schema_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        f"{API}/forms", f"{API}/forms/{{code}}", f"{API}/reports", f"{API}/reports/{{pk}}",
        f"{API}/reports/{{pk}}/values", f"{API}/reports/{{pk}}/submit",
        f"{API}/reports/{{pk}}/accept", f"{API}/reports/{{pk}}/return",
        f"{API}/reports/{{pk}}/reopen", f"{API}/board", f"{API}/kpi",
    ):  # fmt: skip
        assert path in paths, path


def test_forms_and_the_structure_of_a_form(world, client):
    forms = call(client, "get", f"{API}/forms", world["provider"]).json()
    by_code = {f["code"]: f for f in forms["items"]}
    assert by_code[FORM]["sender"] == "provider" and by_code[FORM]["receiver"] == "uszn"
    assert by_code[FORM]["period_kind"] == "quarter" and by_code[FORM]["due_day"] == 3
    assert by_code["uszn-consolidation"]["consolidates"] == FORM
    detail = call(client, "get", f"{API}/forms/{FORM}", world["provider"]).json()
    assert detail["form_version"] == 1
    assert detail["sections"][0]["title"] == "1. Мероприятия и методическая работа"
    indicators = {i["code"]: i for s in detail["sections"] for i in s["indicators"]}
    assert indicators["consultations"]["counter"] == "consultations"
    assert indicators["recipients_new_share"]["formula"].startswith("recipients_new")
    assert [c["code"] for c in indicators["technologies"]["columns"]] == ["name", "recipients"]
    assert call(client, "get", f"{API}/forms/no-such-form", world["provider"]).status_code == 404


def test_the_whole_chain_through_the_api(world, client):
    provider, uszn, department = world["provider"], world["uszn"], world["department"]
    make_consultation(provider.organisation, held_on=datetime.date(2026, 8, 5))
    make_consultation(provider.organisation, held_on=datetime.date(2026, 8, 19))
    url = f"{API}/reports/{world['report'].pk}"

    listed = call(client, "get", f"{API}/reports?form={FORM}&period=2026-q3", provider).json()
    assert [r["id"] for r in listed["items"]] == [world["report"].pk]
    report = call(client, "get", url, provider).json()
    assert report["state"] == "not_started" and report["period"] == "2026-q3"
    assert report["period_label"] == "III квартал 2026"
    assert report["receiver_name"] == "УСЗН по Сургуту"
    values = {v["code"]: v for v in report["values"]}
    assert values["consultations"]["counted"] == 2  # counted now, nothing typed yet
    assert values["consultations"]["value"] is None
    assert values["consultations"]["counted_url"]

    saved = call(
        client, "put", f"{url}/values", provider, {"version": report["version"], "values": VALUES}
    )
    assert saved.status_code == 200, saved.content
    report = saved.json()
    values = {v["code"]: v for v in report["values"]}
    assert report["state"] == "draft"
    assert values["consultations"]["value"] == 5 and values["consultations"]["counted"] == 2
    assert values["consultations"]["differs"] is True
    assert values["recipients_total"]["value"] == 40
    assert values["recipients_new_share"]["value"] == 25.0
    assert values["events_held"]["value"] == 0  # empty and countable: took the count
    assert values["technologies"]["value"] == [{"name": "Кинезиотерапия", "recipients": 12}]

    # The receiver may not decide on a draft; the sender submits.
    early = call(client, "post", f"{url}/accept", uszn, {"version": report["version"]})
    assert early.status_code == 422
    assert "решение принимается по представленному отчёту" in early.json()["detail"]
    submitted = call(client, "post", f"{url}/submit", provider, {"version": report["version"]})
    assert submitted.status_code == 200, submitted.content
    report = submitted.json()
    assert report["state"] == "submitted" and report["submitted_at"]
    assert report["timeliness"]["status"] == "late"
    assert report["timeliness"]["days_late"] == Report.objects.get(pk=report["id"]).days_late > 0

    # The УСЗН sees both reports of its providers, returns this one with remarks.
    received = call(client, "get", f"{API}/reports?receiver_id={uszn.organisation_id}", uszn)
    assert {r["id"] for r in received.json()["items"]} == {
        world["report"].pk, world["other_report"].pk,
    }  # fmt: skip
    returned = call(
        client, "post", f"{url}/return", uszn,
        {"version": report["version"], "remarks": "Уточните число получателей"},
    )  # fmt: skip
    assert returned.status_code == 200, returned.content
    report = returned.json()
    assert report["state"] == "returned" and report["remarks"] == "Уточните число получателей"

    # The provider corrects and resubmits; the first submission's time is kept.
    first_submitted_at = report["submitted_at"]
    report = call(
        client, "put", f"{url}/values", provider,
        {"version": report["version"], "values": {**VALUES, "recipients_total": 50}},
    ).json()  # fmt: skip
    assert {v["code"]: v["value"] for v in report["values"]}["recipients_new_share"] == 20.0
    report = call(client, "post", f"{url}/submit", provider, {"version": report["version"]}).json()
    assert report["state"] == "resubmitted" and report["submitted_at"] == first_submitted_at

    accepted = call(client, "post", f"{url}/accept", uszn, {"version": report["version"]})
    assert accepted.status_code == 200, accepted.content
    report = accepted.json()
    assert report["state"] == "accepted"
    # Accepted data is locked: the sender cannot change it.
    locked = call(
        client, "put", f"{url}/values", provider, {"version": report["version"], "values": VALUES}
    )
    assert locked.status_code == 422 and "изменить его нельзя" in locked.json()["detail"]

    # Reopening needs a reason; the Department gives one.
    no_reason = call(client, "post", f"{url}/reopen", department, {"version": report["version"]})
    assert no_reason.status_code == 422
    reopened = call(
        client, "post", f"{url}/reopen", department,
        {"version": report["version"], "reason": "Ошибка в числе получателей"},
    )  # fmt: skip
    assert reopened.status_code == 200, reopened.content
    assert reopened.json()["state"] == "returned"
    assert reopened.json()["remarks"] == "Открыт повторно: Ошибка в числе получателей"
    assert Report.objects.get(pk=world["report"].pk).state == ReportState.RETURNED


def test_nothing_to_report_is_submitted_without_values(world, client):
    report = world["other_report"]
    response = call(
        client, "post", f"{API}/reports/{report.pk}/submit", world["other_provider"],
        {"version": report.version, "nothing_to_report": True},
    )  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["nothing_to_report"] is True
    assert response.json()["timeliness"]["status"] == "nothing"


def test_another_providers_report_is_404(world, client):
    other, report = world["other_provider"], world["report"]
    url = f"{API}/reports/{report.pk}"
    assert call(client, "get", url, other).status_code == 404
    assert call(client, "get", url, other).json() == {"detail": "Не найдено."}
    response = call(client, "put", f"{url}/values", other, {"version": 1, "values": VALUES})
    assert response.status_code == 404
    assert call(client, "post", f"{url}/submit", other, {"version": 1}).status_code == 404
    listed = call(client, "get", f"{API}/reports", other).json()["items"]
    assert [r["id"] for r in listed] == [world["other_report"].pk]
    # An RC of another direction does not see provider reports of direction 2's УСЗН either.
    assert call(client, "get", url, world["rc_8"]).status_code == 404


def test_a_stale_version_is_409(world, client):
    provider, report = world["provider"], world["report"]
    url = f"{API}/reports/{report.pk}/values"
    first = call(client, "put", url, provider, {"version": report.version, "values": VALUES})
    assert first.status_code == 200
    stale = call(client, "put", url, provider, {"version": report.version, "values": {}})
    assert stale.status_code == 409
    assert stale.json()["detail"].startswith("Пока вы редактировали запись отчёта")
    submit = call(
        client, "post", f"{API}/reports/{report.pk}/submit", provider, {"version": report.version}
    )
    assert submit.status_code == 409
    assert Report.objects.get(pk=report.pk).state == ReportState.DRAFT


def test_a_bad_value_is_422_with_the_indicators_code(world, client):
    provider, report = world["provider"], world["report"]
    url = f"{API}/reports/{report.pk}/values"
    bad = call(
        client, "put", url, provider,
        {"version": report.version, "values": {**VALUES, "recipients_total": "много"}},
    )  # fmt: skip
    assert bad.status_code == 422
    body = bad.json()
    assert body["detail"] == "Данные не прошли проверку."
    assert body["errors"] == [
        {
            "field": "recipients_total",
            "message": "Показатель «2.1 Получатели услуг, всего»: «много» — не число.",
        }
    ]
    fraction = call(
        client, "put", url, provider, {"version": report.version, "values": {"consultations": 1.5}}
    )
    assert fraction.status_code == 422
    assert fraction.json()["errors"][0]["field"] == "consultations"
    assert "нужно целое число" in fraction.json()["errors"][0]["message"]
    unknown = call(client, "put", url, provider, {"version": report.version, "values": {"nope": 1}})
    assert unknown.status_code == 422 and "нет показателей: nope" in unknown.json()["detail"]
    assert Report.objects.get(pk=report.pk).version == report.version  # nothing saved
    wrong_period = call(client, "get", f"{API}/reports?period=2026-x9", provider)
    assert wrong_period.status_code == 422
    assert wrong_period.json()["detail"] == "Неверное обозначение периода: «2026-x9»"


def test_the_report_list_filters(world, client):
    uszn = world["uszn"]
    services.submit(
        by=world["other_provider"], report=world["other_report"],
        expected_version=world["other_report"].version, nothing_to_report=True,
    )  # fmt: skip

    def ids(query):
        listed = call(client, "get", f"{API}/reports?{query}", uszn).json()["items"]
        return {r["id"] for r in listed}

    assert ids("state=submitted") == {world["other_report"].pk}
    assert ids("state=not_started") == {world["report"].pk}
    assert ids(f"sender_id={world['provider'].organisation_id}") == {world["report"].pk}
    assert ids("period=2026-q2") == set()
    assert ids("form=uszn-consolidation") == set()
    assert len(ids(f"form={FORM}&period=2026-q3")) == 2


@pytest.mark.parametrize("count", [2, 25])
def test_the_report_list_costs_the_same_for_few_and_many(
    world, client, django_assert_max_num_queries, count
):
    for n in range(count):
        OrganisationFactory(territory=territory("Сургут"), name=f"Поставщик {n}").directions.add(
            direction(2)
        )
    services.open_period(form=ReportForm.objects.get(code=FORM), period=PERIOD)
    headers = bearer(world["uszn"])
    with django_assert_max_num_queries(5):
        response = client.get(f"{API}/reports?page_size=200", headers=headers)
    assert response.status_code == 200
    assert response.json()["count"] == count + 2
    with django_assert_max_num_queries(5):
        board = client.get(f"{API}/board?period=2026-q3", headers=headers)
    assert len(board.json()["rows"]) == count + 2


def test_the_board_of_the_receiver(world, client):
    services.save_values(
        by=world["provider"], report=world["report"], values=VALUES,
        expected_version=world["report"].version,
    )  # fmt: skip
    report = Report.objects.get(pk=world["report"].pk)
    services.submit(by=world["provider"], report=report, expected_version=report.version)
    board = call(client, "get", f"{API}/board?period=2026-q3&form={FORM}", world["uszn"]).json()
    assert board["period"] == "2026-q3" and board["period_label"] == "III квартал 2026"
    assert board["form"] == FORM and board["receiver_id"] == world["uszn"].organisation_id
    page = selectors.board(
        world["uszn"], period=PERIOD, receiver_id=world["uszn"].organisation_id,
        form=ReportForm.objects.get(code=FORM),
    )  # fmt: skip
    assert board["totals"]["expected_total"] == page.totals["expected_total"] == 2
    assert board["totals"]["submitted"] == 1 and board["totals"]["late_total"] == 1
    assert board["totals"]["missing"] == 1 and board["totals"]["accepted"] == 0
    statuses = {r["sender_name"]: r["timeliness"]["status"] for r in board["rows"]}
    assert statuses == {"БУ «Центр „Радуга“»": "late", "БУ «Центр „Ирида“»": "missing"}
    # A provider receives nothing; an unknown form is 404; a bad period key is 422.
    mine = call(client, "get", f"{API}/board?period=2026-q3", world["provider"]).json()
    assert mine["rows"] == [] and mine["totals"]["expected_total"] == 0
    assert call(client, "get", f"{API}/board?form=nope", world["uszn"]).status_code == 404
    assert call(client, "get", f"{API}/board?period=2026-q9", world["uszn"]).status_code == 422


def test_kpi_snapshots_visible_to_the_caller(world, client):
    assert kpi.recompute(PERIOD) == 2
    every = call(client, "get", f"{API}/kpi?period=2026-q3", world["department"]).json()
    assert {r["organisation_id"] for r in every["items"]} == {
        world["rc_org"].pk, world["rc_8_org"].pk,
    }  # fmt: skip
    own = call(client, "get", f"{API}/kpi?period=2026-q3", world["rc_8"]).json()["items"]
    assert [r["organisation_id"] for r in own] == [world["rc_8_org"].pk]
    snapshot = KpiSnapshot.objects.get(organisation=world["rc_8_org"])
    assert own[0]["period"] == "2026-q3" and own[0]["events_held"] == snapshot.events_held
    assert own[0]["direction_id"] == direction(8).pk
    provider = call(client, "get", f"{API}/kpi?period=2026-q3", world["provider"]).json()
    assert provider["items"] == []
    earlier = call(client, "get", f"{API}/kpi?period=2026-q2", world["department"]).json()
    assert earlier["items"] == []
