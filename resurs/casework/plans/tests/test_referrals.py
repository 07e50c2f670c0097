"""Referrals (SOC-7): states, who answers, consent for external ones, versions."""

import pytest
from django.core.exceptions import PermissionDenied

from resurs.casework.citizens.consent import ConsentMissing
from resurs.casework.plans import referrals
from resurs.casework.plans.attention import items_for
from resurs.casework.plans.models import ReferralStatus
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.writes import DomainError, StaleVersion

pytestmark = pytest.mark.django_db


def send(casework, line, **to):
    to = to or {"to_unit": casework.a.psychology}
    return referrals.referral_send(
        by=casework.specialist, line=line, request="Консультация психолога для матери", **to
    )


def test_an_internal_referral_is_accepted_and_done_by_the_receiving_unit(casework, line):
    referral = send(casework, line)
    assert referral.status == ReferralStatus.SENT
    assert referral.from_unit == casework.a.support
    referrals.referral_accept(by=casework.psychologist, referral=referral, expected_version=1)
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.answered_by == casework.psychologist.user
    referrals.referral_done(
        by=casework.psychologist, referral=referral, expected_version=2, result="Три встречи"
    )
    assert referral.status == ReferralStatus.DONE
    assert referral.done_at is not None


def test_the_sender_does_not_answer_an_internal_referral(casework, line):
    referral = send(casework, line)
    with pytest.raises(PermissionDenied, match="отделения, которому адресовано"):
        referrals.referral_accept(by=casework.specialist, referral=referral, expected_version=1)


def test_a_rejection_needs_a_reason(casework, line):
    referral = send(casework, line)
    with pytest.raises(DomainError, match="причину отказа"):
        referrals.referral_reject(
            by=casework.psychologist, referral=referral, expected_version=1, reason="  "
        )
    referrals.referral_reject(
        by=casework.psychologist, referral=referral, expected_version=1, reason="Нет специалиста"
    )
    assert referral.status == ReferralStatus.REJECTED
    assert referral.rejection_reason == "Нет специалиста"
    with pytest.raises(DomainError, match="принятое"):
        referrals.referral_done(
            by=casework.psychologist, referral=referral, expected_version=2, result="Готово"
        )


def test_only_the_sender_revokes_and_only_while_open(casework, line):
    referral = send(casework, line)
    with pytest.raises(PermissionDenied, match="направившая сторона"):
        referrals.referral_revoke(by=casework.psychologist, referral=referral, expected_version=1)
    referrals.referral_revoke(by=casework.specialist, referral=referral, expected_version=1)
    assert referral.status == ReferralStatus.REVOKED
    with pytest.raises(DomainError, match="Отозвать можно только"):
        referrals.referral_revoke(by=casework.specialist, referral=referral, expected_version=2)
    with pytest.raises(DomainError, match="уже рассмотрено или отозвано"):
        referrals.referral_accept(by=casework.psychologist, referral=referral, expected_version=2)


def test_a_stale_version_is_refused(casework, line):
    referral = send(casework, line)
    referrals.referral_accept(by=casework.psychologist, referral=referral, expected_version=1)
    with pytest.raises(StaleVersion):
        referrals.referral_revoke(by=casework.specialist, referral=referral, expected_version=1)


def test_an_external_referral_without_consent_is_refused_in_russian(casework, line, agency):
    with pytest.raises(ConsentMissing, match="Нет действующего согласия") as refused:
        send(casework, line, to_organisation=agency)
    assert "передача партнёрам и в другие ведомства" in str(refused.value)


def test_an_external_referral_with_consent_is_answered_by_the_sender(
    casework, line, agency, consent
):
    referral = send(casework, line, to_organisation=agency)
    assert referral.is_external
    referrals.referral_accept(by=casework.specialist, referral=referral, expected_version=1)
    assert referral.status == ReferralStatus.ACCEPTED


def test_an_agency_outside_the_users_directory_is_refused(casework, line, hidden_agency, consent):
    with pytest.raises(DomainError, match="справочника"):
        send(casework, line, to_organisation=hidden_agency)


def test_addressee_rules(casework, line):
    with pytest.raises(DomainError, match="одного адресата"):
        referrals.referral_send(by=casework.specialist, line=line, request="Просьба")
    with pytest.raises(DomainError, match="своего учреждения"):
        send(casework, line, to_unit=casework.b.support)
    with pytest.raises(DomainError, match="уже ведёт"):
        send(casework, line, to_unit=casework.a.support)
    send(casework, line)
    with pytest.raises(DomainError, match="уже есть действующее"):
        send(casework, line)


def test_the_trail_keeps_no_request_text(casework, line):
    referral = send(casework, line)
    entry = AuditEntry.objects.for_object(referral).get(action="create")
    assert "Консультация" not in str(entry.changes)
    assert entry.object_repr == f"Направление № {referral.pk}"


def test_the_receiving_unit_is_told_of_a_referral_waiting_for_it(casework, line):
    assert items_for(casework.psychologist.scope) == []
    referral = send(casework, line)
    (item,) = items_for(casework.psychologist.scope)
    assert "1 направление" in item.detail
    assert items_for(casework.specialist.scope) == []
    referrals.referral_accept(by=casework.psychologist, referral=referral, expected_version=1)
    assert items_for(casework.psychologist.scope) == []
