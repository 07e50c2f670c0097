"""Lists and the plan card cost a fixed number of queries whatever their length."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from resurs.casework.plans import referrals, services
from resurs.casework.plans.tests.conftest import measure

pytestmark = pytest.mark.django_db


def _lines_with_referrals(casework, plan, count):
    for _ in range(count):
        line = services.plan_line_add(
            by=casework.specialist,
            plan=plan,
            measure=measure("coordination"),
            planned_on=timezone.localdate() + datetime.timedelta(days=3),
            responsible_user=casework.specialist.user,
        )
        referrals.referral_send(
            by=casework.specialist,
            line=line,
            to_unit=casework.a.psychology,
            request="Консультация",
        )


@pytest.mark.parametrize("count", [1, 12])
def test_the_incoming_list_costs_the_same_for_any_length(
    casework, plan, login, django_assert_max_num_queries, count
):
    _lines_with_referrals(casework, plan, count)
    client = login(casework.psychologist)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("plans:incoming"))
    assert response.content.decode().count("Направление №") == count


@pytest.mark.parametrize("count", [1, 12])
def test_the_plan_card_costs_the_same_for_any_length(
    casework, plan, login, django_assert_max_num_queries, count
):
    _lines_with_referrals(casework, plan, count)
    client = login(casework.specialist)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("plans:plan", args=[plan.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_the_api_referral_list_costs_the_same_for_any_length(
    casework, plan, client, bearer, django_assert_max_num_queries, count
):
    _lines_with_referrals(casework, plan, count)
    headers = bearer(casework.specialist)
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/plans/referrals?box=outgoing", headers=headers)
    assert response.json()["count"] == count
