"""The pages and the API of the exports: the list (empty state, filters, pinned queries), the
card with its facts and states, marking sent, the answer per fact, the download; and every
outsider — every role but the institution's provider and heads, another institution's too —
gets 404 through the pages and the API, with the same body for a missing export."""

import pytest
from django.test import Client
from django.urls import reverse

from resurs.casework.citizens.models import AccessChannel, AccessLogEntry
from resurs.casework.egisso import services
from resurs.casework.egisso.models import ExportFact, FactState
from resurs.casework.egisso.tests.conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(egisso):
    return services.export_create(
        by=egisso.provider, organisation=egisso.a.organisation, period=egisso.month
    )


def test_the_empty_list_says_what_to_do(egisso, login):
    page = login(egisso.head).get(reverse("egisso:list")).content.decode()
    assert "Выгрузок пока нет." in page and reverse("egisso:create") in page


def test_an_export_is_created_from_the_page(egisso, login):
    client = login(egisso.provider)
    response = client.post(
        reverse("egisso:create"), {"year": egisso.month.year, "month": egisso.month.month}
    )
    assert response.status_code == 302
    card = client.get(response["Location"]).content.decode()
    assert "Смирнова О.И." in card and "Петров И." in card
    assert "нет действующего согласия на передачу сведений в ЕГИССО" in card


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_costs_the_same_for_any_length(
    egisso, login, django_assert_max_num_queries, count
):
    from resurs.casework.egisso.models import Export

    Export.all_records.bulk_create(
        Export(organisation=egisso.a.organisation, period=egisso.month) for _ in range(count)
    )
    client = login(egisso.head)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("egisso:list"), {"status": "prepared"})
    assert page.content.decode().count("/egisso/") >= count


def test_the_card_marks_sent_takes_an_answer_and_logs_who_saw(egisso, export, login):
    client = login(egisso.head)
    client.post(reverse("egisso:sent", args=[export.pk]))
    item = ExportFact.all_records.filter(export=export, state=FactState.SENT).first()
    response = client.post(
        reverse("egisso:answer", args=[export.pk, item.pk]),
        {"accepted": "0", "reason": "Правило 015"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == FactState.REJECTED
    card = client.get(reverse("egisso:detail", args=[export.pk])).content.decode()
    assert "Правило 015" in card and reverse("egisso:correct", args=[export.pk, item.pk]) in card
    assert AccessLogEntry.objects.filter(
        channel=AccessChannel.UI, membership=egisso.head, record_id=item.fact_id
    ).exists()


def test_the_file_downloads_under_a_name_without_personal_data(egisso, export, login):
    logged = AccessLogEntry.objects.filter(membership=egisso.provider, channel=AccessChannel.EXPORT)
    before = logged.count()
    response = login(egisso.provider).get(reverse("egisso:file", args=[export.pk]))
    assert response.status_code == 200
    # every recipient in the file: the download is logged as an export of their data
    assert logged.count() - before == export.facts_count > 0
    assert f"egisso-10.06.S-{export.pk}-" in response["Content-Disposition"]
    assert b"<pac:fact>" in b"".join(response.streaming_content)


OUTSIDERS = [
    "specialist", "psychologist", "other_head", "other_provider", "other_specialist",
    "uszn", "other_uszn", "rc", "department", "methodical", "administrator",
]  # fmt: skip


@pytest.mark.parametrize("who", OUTSIDERS)
def test_every_outsider_gets_404_through_the_pages_and_the_api(egisso, export, login, who):
    membership = getattr(egisso, who)
    client = login(membership)
    for name in ("detail", "file"):
        assert client.get(reverse(f"egisso:{name}", args=[export.pk])).status_code == 404
    assert client.post(reverse("egisso:sent", args=[export.pk])).status_code == 404
    api = Client()
    headers = bearer(membership)
    missing = api.get(f"/api/v1/egisso/{export.pk + 1000}", **headers)
    found = api.get(f"/api/v1/egisso/{export.pk}", **headers)
    assert found.status_code == missing.status_code == 404
    assert found.json() == missing.json()
    assert api.get(f"/api/v1/egisso/{export.pk}/facts", **headers).status_code == 404


def test_the_api_lists_creates_and_answers(egisso):
    api = Client()
    headers = bearer(egisso.provider)
    created = api.post(
        "/api/v1/egisso",
        {"period": egisso.month.isoformat()},
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["facts_count"] == 2 and body["states"]["left_out"] == 1
    pk = body["id"]
    assert api.get("/api/v1/egisso", **headers).json()["count"] == 1
    assert api.post(f"/api/v1/egisso/{pk}/sent", **headers).json()["status"] == "sent"
    facts = api.get(f"/api/v1/egisso/{pk}/facts", {"state": "sent"}, **headers).json()
    assert facts["count"] == 2
    answered = api.post(
        f"/api/v1/egisso/{pk}/facts/{facts['items'][0]['id']}/answer",
        {"accepted": True},
        content_type="application/json",
        **headers,
    )
    assert answered.json()["state"] == "accepted"
    assert AccessLogEntry.objects.filter(channel=AccessChannel.API).count() == 2
