"""The plans API: a plan with its lines, lines created and changed with their version,
referrals listed, sent and answered — the services' rules, in Russian."""

import pytest

from resurs.casework.plans import referrals
from resurs.casework.plans.models import ReferralStatus
from resurs.casework.plans.tests.conftest import measure

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_a_line_is_created_and_changed_with_its_version(casework, plan, client, bearer):
    headers = bearer(casework.specialist)
    response = client.post(
        f"/api/v1/plans/{plan.pk}/lines",
        {
            "measure_id": measure("legal_aid").pk,
            "responsible_unit_id": casework.a.psychology.pk,
            "planned_on": "2030-02-01",
        },
        content_type=JSON,
        headers=headers,
    )
    assert response.status_code == 201, response.json()
    line = response.json()
    assert (line["number"], line["version"], line["overdue"]) == (1, 1, False)
    url = f"/api/v1/plans/lines/{line['id']}"
    missing = client.patch(url, {"details": "x"}, content_type=JSON, headers=headers)
    assert missing.status_code == 422
    changed = client.patch(
        url,
        {"version": 1, "details": "Бесплатная юридическая помощь"},
        content_type=JSON,
        headers=headers,
    )
    assert changed.status_code == 200
    assert changed.json()["version"] == 2
    stale = client.patch(
        url, {"version": 1, "details": "Поздно"}, content_type=JSON, headers=headers
    )
    assert stale.status_code == 409
    detail = client.get(f"/api/v1/plans/{plan.pk}", headers=headers).json()
    assert [row["details"] for row in detail["lines"]] == ["Бесплатная юридическая помощь"]


def test_a_line_with_two_responsibles_is_refused_in_russian(casework, plan, client, bearer):
    response = client.post(
        f"/api/v1/plans/{plan.pk}/lines",
        {
            "measure_id": measure("legal_aid").pk,
            "responsible_unit_id": casework.a.psychology.pk,
            "responsible_user_id": casework.specialist.user.pk,
            "planned_on": "2030-02-01",
        },
        content_type=JSON,
        headers=bearer(casework.specialist),
    )
    assert response.status_code == 422
    assert "одного ответственного" in response.json()["detail"]


def test_a_referral_is_sent_accepted_and_done_through_the_api(casework, line, client, bearer):
    sent = client.post(
        "/api/v1/plans/referrals",
        {"line_id": line.pk, "to_unit_id": casework.a.psychology.pk, "request": "Консультация"},
        content_type=JSON,
        headers=bearer(casework.specialist),
    )
    assert sent.status_code == 201
    pk = sent.json()["id"]
    psychologist = bearer(casework.psychologist)
    accepted = client.post(
        f"/api/v1/plans/referrals/{pk}/accept",
        {"version": 1},
        content_type=JSON,
        headers=psychologist,
    )
    assert accepted.json()["status"] == ReferralStatus.ACCEPTED
    done = client.post(
        f"/api/v1/plans/referrals/{pk}/done",
        {"version": 2, "result": "Три встречи"},
        content_type=JSON,
        headers=psychologist,
    )
    assert done.json()["status"] == ReferralStatus.DONE
    outgoing = client.get(
        "/api/v1/plans/referrals?box=outgoing", headers=bearer(casework.specialist)
    ).json()
    assert [item["id"] for item in outgoing["items"]] == [pk]


def test_a_rejection_needs_a_reason_and_the_version(casework, line, client, bearer):
    referral = referrals.referral_send(
        by=casework.specialist, line=line, to_unit=casework.a.psychology, request="Консультация"
    )
    url = f"/api/v1/plans/referrals/{referral.pk}/reject"
    headers = bearer(casework.psychologist)
    no_version = client.post(url, {"reason": "Нет мест"}, content_type=JSON, headers=headers)
    assert no_version.status_code == 422
    rejected = client.post(
        url, {"version": 1, "reason": "Нет мест"}, content_type=JSON, headers=headers
    )
    assert rejected.json()["status"] == ReferralStatus.REJECTED
    assert rejected.json()["rejection_reason"] == "Нет мест"


def test_an_external_referral_without_consent_is_422_with_the_consent_message(
    casework, line, agency, client, bearer
):
    response = client.post(
        "/api/v1/plans/referrals",
        {"line_id": line.pk, "to_organisation_id": agency.pk, "request": "Проверить условия"},
        content_type=JSON,
        headers=bearer(casework.specialist),
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Нет действующего согласия")


def test_the_sender_cannot_accept_an_internal_referral(casework, line, client, bearer):
    referral = referrals.referral_send(
        by=casework.specialist, line=line, to_unit=casework.a.psychology, request="Консультация"
    )
    response = client.post(
        f"/api/v1/plans/referrals/{referral.pk}/accept",
        {"version": 1},
        content_type=JSON,
        headers=bearer(casework.specialist),
    )
    assert response.status_code == 403
