"""Plan pages: the card with its lines (overdue flagged), adding and editing a line,
approval, joint patronage, the ИППСУ of a case; referral pages of both sides."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from resurs.casework.citizens.models import AccessLogEntry
from resurs.casework.plans import referrals, services
from resurs.casework.plans.models import LineStatus, PlanStatus, Referral, ReferralStatus
from resurs.casework.plans.tests.conftest import measure

pytestmark = pytest.mark.django_db


def test_the_card_lists_lines_flags_overdue_ones_and_logs_the_opening(casework, plan, login):
    services.plan_line_add(
        by=casework.specialist,
        plan=plan,
        measure=measure("documents"),
        planned_on=timezone.localdate() - datetime.timedelta(days=3),
        responsible_unit=casework.a.psychology,
    )
    response = login(casework.specialist).get(reverse("plans:plan", args=[plan.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Помощь в подготовке запросов" in page
    assert "просрочено: 1" in page
    assert "Смирнова Ольга Ивановна" in page
    entry = AccessLogEntry.objects.get()
    assert entry.record_id == plan.pk
    assert entry.person == casework.person


def test_an_empty_plan_says_what_to_do(casework, plan, login):
    page = login(casework.specialist).get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert "В плане пока нет мероприятий." in page


def test_a_line_is_added_and_edited_through_the_forms(casework, plan, login):
    client = login(casework.specialist)
    url = reverse("plans:line_add", args=[plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "measure": measure("mse").pk,
            "details": "Сопровождение в бюро МСЭ",
            "responsible_user": casework.specialist.user.pk,
            "planned_on": "2030-01-15",
        },
    )
    assert response.status_code == 302
    line = plan.lines.get()
    assert line.number == 1
    edit = reverse("plans:line_edit", args=[line.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "measure": measure("mse").pk,
            "responsible_user": casework.specialist.user.pk,
            "planned_on": "2030-01-15",
            "status": LineStatus.DONE,
            "done_on": timezone.localdate().isoformat(),
            "result": "Инвалидность установлена",
            "version": 1,
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == LineStatus.DONE
    assert line.version == 2


def test_a_broken_rule_is_said_next_to_the_form(casework, plan, login):
    response = login(casework.specialist).post(
        reverse("plans:line_add", args=[plan.pk]),
        {
            "measure": measure("mse").pk,
            "responsible_user": casework.specialist.user.pk,
            "responsible_unit": casework.a.psychology.pk,
            "planned_on": "2030-01-15",
        },
    )
    assert response.status_code == 400
    assert "Укажите одного ответственного" in response.content.decode()


def test_a_stale_edit_is_refused_on_the_form(casework, line, login):
    services.plan_line_update(by=casework.head, line=line, expected_version=1, details="Заведующий")
    response = login(casework.specialist).post(
        reverse("plans:line_edit", args=[line.pk]),
        {
            "measure": line.measure_id,
            "responsible_user": casework.specialist.user.pk,
            "planned_on": "2030-01-15",
            "status": LineStatus.PLANNED,
            "version": 1,
        },
    )
    assert response.status_code == 400
    line.refresh_from_db()
    assert line.details == "Заведующий"


def test_the_head_approves_the_plan(casework, plan, line, login):
    client = login(casework.head)
    response = client.post(reverse("plans:approve", args=[plan.pk]), {"version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_a_specialist_sees_no_approve_button_and_cannot_post_it(casework, plan, line, login):
    client = login(casework.specialist)
    page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert reverse("plans:approve", args=[plan.pk]) not in page
    assert client.post(reverse("plans:approve", args=[plan.pk])).status_code == 403


def test_joint_patronage_is_recorded_on_the_card(casework, plan, agency, login):
    client = login(casework.specialist)
    response = client.post(
        reverse("plans:patronage_add", args=[plan.pk]),
        {
            "kind": "urgent",
            "held_on": timezone.localdate().isoformat(),
            "partners": [agency.pk],
            "staff": [casework.specialist.user.pk],
            "result": "Проверены условия проживания детей",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("plans:plan", args=[plan.pk])).content.decode()
    assert "Проверены условия проживания детей" in page
    assert "экстренный" in page


def test_a_referral_is_sent_from_the_line(casework, line, login):
    client = login(casework.specialist)
    url = reverse("plans:referral_send", args=[line.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"to_unit": casework.a.psychology.pk, "request": "Консультация"})
    assert response.status_code == 302
    referral = Referral.all_records.get()
    assert response["Location"] == reverse("plans:referral", args=[referral.pk])


def test_an_external_referral_without_consent_shows_the_consent_message(
    casework, line, agency, login
):
    response = login(casework.specialist).post(
        reverse("plans:referral_send", args=[line.pk]),
        {"to_organisation": agency.pk, "request": "Проверить условия"},
    )
    assert response.status_code == 400
    assert "Нет действующего согласия" in response.content.decode()
    assert not Referral.all_records.exists()


def test_the_psychologist_sees_the_referral_but_not_the_plan(casework, line, login):
    referral = referrals.referral_send(
        by=casework.specialist, line=line, to_unit=casework.a.psychology, request="Консультация"
    )
    client = login(casework.psychologist)
    assert client.get(reverse("plans:plan", args=[line.plan_id])).status_code == 404
    response = client.get(reverse("plans:referral", args=[referral.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Смирнова Ольга Ивановна" in page
    assert "14.03.1988" in page
    assert reverse("plans:plan", args=[line.plan_id]) not in page
    incoming = client.get(reverse("plans:incoming")).content.decode()
    assert reverse("plans:referral", args=[referral.pk]) in incoming


def test_the_psychologist_accepts_rejects_and_reports(casework, line, login):
    referral = referrals.referral_send(
        by=casework.specialist, line=line, to_unit=casework.a.psychology, request="Консультация"
    )
    client = login(casework.psychologist)
    client.post(reverse("plans:referral_accept", args=[referral.pk]), {"version": 1})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    done = reverse("plans:referral_done", args=[referral.pk])
    assert client.get(done).status_code == 200
    client.post(done, {"result": "Проведены три встречи", "version": 2})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DONE
    sender = login(casework.specialist).get(reverse("plans:plan", args=[line.plan_id]))
    assert "исполнено" in sender.content.decode()


def test_a_rejection_without_a_reason_stays_on_the_form(casework, line, login):
    referral = referrals.referral_send(
        by=casework.specialist, line=line, to_unit=casework.a.psychology, request="Консультация"
    )
    response = login(casework.psychologist).post(
        reverse("plans:referral_reject", args=[referral.pk]), {"reason": "", "version": 1}
    )
    assert response.status_code == 400
    assert "Укажите причину отказа" in response.content.decode()


def test_empty_referral_lists_say_what_to_do(casework, login):
    client = login(casework.specialist)
    assert "Входящих направлений нет." in client.get(reverse("plans:incoming")).content.decode()
    outgoing = client.get(reverse("plans:outgoing")).content.decode()
    assert "Исходящих направлений нет." in outgoing


@pytest.fixture
def case(casework):
    # By label: the cases app links to plans, and plans does not import it back.
    return apps.get_model("cases", "Case").all_records.create(
        organisation=casework.a.organisation,
        unit=casework.a.support,
        district=casework.a.districts[0],
        specialist=casework.specialist.user,
        person=casework.person,
        year=2026,
        number=1,
        problem="Семья в трудной жизненной ситуации",
        detected_on=timezone.localdate(),
    )


def test_the_support_plan_of_a_case_is_made_once_and_linked(casework, case, login):
    client = login(casework.specialist)
    response = client.post(reverse("plans:for_case", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    plan = case.plan
    assert plan is not None
    assert (plan.kind, plan.person, plan.unit) == ("support", casework.person, casework.a.support)
    assert response["Location"] == reverse("plans:plan", args=[plan.pk])
    again = client.post(reverse("plans:for_case", args=[case.pk]))
    assert again["Location"] == response["Location"]


def test_an_outsider_cannot_make_the_plan_of_a_case(casework, case, login):
    for label, membership in casework.outsiders.items():
        response = login(membership).post(reverse("plans:for_case", args=[case.pk]))
        assert response.status_code == 404, label
    case.refresh_from_db()
    assert case.plan_id is None


def test_the_home_page_tells_the_psychologist_of_a_waiting_referral(casework, line, login):
    referrals.referral_send(
        by=casework.specialist, line=line, to_unit=casework.a.psychology, request="Консультация"
    )
    page = login(casework.psychologist).get(reverse("home")).content.decode()
    assert "Входящие направления ждут ответа" in page
    head = login(casework.head).get(reverse("home")).content.decode()
    assert "не проведён день открытых дверей" in head
