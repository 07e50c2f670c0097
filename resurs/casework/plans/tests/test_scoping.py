"""Who sees a plan, its lines and its referrals (SPEC §0, X-3): every outsider of the case-work
world gets 404 through the UI and the API; every insider sees them; the receiving unit sees
the referral and nothing else of the plan."""

import pytest
from django.urls import reverse

from resurs.casework.plans import referrals

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Не найдено."}


@pytest.fixture
def referral(casework, line):
    return referrals.referral_send(
        by=casework.specialist, line=line, to_unit=casework.a.psychology, request="Консультация"
    )


def _outsiders(casework, *, but=()):
    return [(label, m) for label, m in casework.outsiders.items() if m not in but]


def test_every_outsider_gets_404_in_the_ui(casework, plan, line, referral, login):
    for label, membership in _outsiders(casework, but=[casework.psychologist]):
        client = login(membership)
        for url in (
            reverse("plans:plan", args=[plan.pk]),
            reverse("plans:line_add", args=[plan.pk]),
            reverse("plans:line_edit", args=[line.pk]),
            reverse("plans:referral_send", args=[line.pk]),
            reverse("plans:patronage_add", args=[plan.pk]),
            reverse("plans:referral", args=[referral.pk]),
        ):
            assert client.get(url).status_code == 404, (label, url)
        assert client.post(reverse("plans:approve", args=[plan.pk])).status_code == 404, label
        for box in ("plans:incoming", "plans:outgoing"):
            listed = client.get(reverse(box)).content.decode()
            assert reverse("plans:referral", args=[referral.pk]) not in listed, label


def test_every_outsider_gets_404_in_the_api(casework, plan, line, referral, client, bearer):
    for label, membership in _outsiders(casework, but=[casework.psychologist]):
        headers = bearer(membership)
        for url in (f"/api/v1/plans/{plan.pk}", f"/api/v1/plans/referrals/{referral.pk}"):
            response = client.get(url, headers=headers)
            assert response.status_code == 404, (label, url)
            assert response.json() == NOT_FOUND
        response = client.patch(
            f"/api/v1/plans/lines/{line.pk}",
            {"version": 1, "details": "чужое"},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 404, label
        for box in ("incoming", "outgoing"):
            items = client.get(f"/api/v1/plans/referrals?box={box}", headers=headers).json()
            assert referral.pk not in {item["id"] for item in items["items"]}, label


def test_every_insider_sees_the_plan_its_lines_and_referrals(
    casework, plan, line, referral, login, client, bearer
):
    for label, membership in casework.insiders.items():
        ui = login(membership)
        assert ui.get(reverse("plans:plan", args=[plan.pk])).status_code == 200, label
        assert ui.get(reverse("plans:referral", args=[referral.pk])).status_code == 200, label
        headers = bearer(membership)
        detail = client.get(f"/api/v1/plans/{plan.pk}", headers=headers)
        assert detail.status_code == 200, label
        assert [row["id"] for row in detail.json()["lines"]] == [line.pk]
        response = client.get(f"/api/v1/plans/referrals/{referral.pk}", headers=headers)
        assert response.status_code == 200, label


def test_the_receiving_unit_sees_the_referral_only(casework, plan, line, referral, login):
    client = login(casework.psychologist)
    assert client.get(reverse("plans:plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("plans:line_edit", args=[line.pk])).status_code == 404
    assert client.get(reverse("plans:referral_send", args=[line.pk])).status_code == 404
    assert client.get(reverse("plans:referral", args=[referral.pk])).status_code == 200


def test_the_receiving_unit_sees_the_referral_only_in_the_api(
    casework, plan, line, referral, client, bearer
):
    headers = bearer(casework.psychologist)
    assert client.get(f"/api/v1/plans/{plan.pk}", headers=headers).status_code == 404
    response = client.get(f"/api/v1/plans/referrals/{referral.pk}", headers=headers)
    assert response.status_code == 200
    items = client.get("/api/v1/plans/referrals?box=incoming", headers=headers).json()["items"]
    assert [item["id"] for item in items] == [referral.pk]


def test_a_referral_to_another_unit_is_not_seen_by_the_psychologist(casework, line, login):
    other = referrals.referral_send(
        by=casework.specialist,
        line=line,
        to_unit=casework.a.psychology.__class__.objects.create(
            organisation=casework.a.organisation,
            kind=casework.a.psychology.kind,
            name="Отделение для несовершеннолетних",
        ),
        request="Занятия с ребёнком",
    )
    assert (
        login(casework.psychologist).get(reverse("plans:referral", args=[other.pk])).status_code
        == 404
    )
