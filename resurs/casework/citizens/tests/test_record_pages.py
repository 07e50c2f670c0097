"""The forms of the cards: edit a person (versioned), a family with its members, target
groups, social passport editions, preventive registration, personal files, consent
withdrawal; list pages of families and the access log keep a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from resurs.casework.citizens.models import (
    Consent,
    Family,
    FamilyMember,
    PersonalFile,
    PreventiveRegistration,
    SocialPassport,
    TargetGroup,
    TargetGroupMembership,
)
from resurs.casework.conftest import make_person
from resurs.kernel.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def test_person_edit_is_versioned(casework, login):
    client = login(casework.specialist)
    url = reverse("citizens:person_edit", args=[casework.person.pk])
    form = body(client.get(url))
    assert 'name="version"' in form
    data = {
        "last_name": "Смирнова",
        "first_name": "Ольга",
        "patronymic": "Ивановна",
        "sex": "female",
        "birth_date": "1988-03-14",
        "phones": "+7 900 111-22-33",
        "district": casework.a.districts[0].pk,
        "version": 1,
    }
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "phones": "2"})
    assert stale.status_code == 400
    assert login(casework.uszn).get(url).status_code == 403


def test_family_create_members_and_leaving(casework, login):
    client = login(casework.specialist)
    created = client.post(
        reverse("citizens:family_create"),
        {"unit": casework.a.support.pk, "district": casework.a.districts[0].pk, "name": "Семья Ли"},
    )
    family = Family.all_records.get(name="Семья Ли")
    assert created["Location"] == family.get_absolute_url()
    child = make_person(casework.a.support, casework.a.districts[0], first_name="Вера")
    add_url = reverse("citizens:member_add", args=[family.pk])
    hidden = make_person(casework.b.support, first_name="Чужая")
    refused = client.post(add_url, {"person": hidden.pk, "relation": "child"})
    assert "Карточки с таким номером среди доступных вам нет" in body(refused)
    assert client.post(add_url, {"person": child.pk, "relation": "child"}).status_code == 302
    member = FamilyMember.all_records.get(family=family, person=child)
    assert "Вера" in body(client.get(family.get_absolute_url()))
    client.post(reverse("citizens:member_remove", args=[member.pk]))
    member.refresh_from_db()
    assert member.left_on is not None
    edit = client.post(
        reverse("citizens:family_edit", args=[family.pk]),
        {"name": "Семья Ли", "phones": "1", "version": 1},
    )
    assert edit.status_code == 302
    page = body(login(casework.specialist).get(reverse("citizens:families")))
    assert "Семья Ли" in page


def test_records_on_the_card(casework, login):
    client = login(casework.specialist)
    pk = casework.person.pk
    group = TargetGroup.objects.filter(applies_to="person", derived=False).first()
    client.post(
        reverse("citizens:person_group_add", args=[pk]),
        {"group": group.pk, "starts_on": "2026-01-01"},
    )
    row = TargetGroupMembership.all_records.get(person=casework.person)
    client.post(reverse("citizens:group_end", args=[row.pk]))
    row.refresh_from_db()
    assert row.ends_on is not None
    client.post(
        reverse("citizens:person_passport_new", args=[pk]),
        {"compiled_on": "2025-01-01", "problems": "Задолженность"},
    )
    passport = SocialPassport.all_records.get(person=casework.person)
    assert passport.edition == 1
    page = body(client.get(casework.person.get_absolute_url()))
    assert "устарел" in page
    client.post(
        reverse("citizens:person_registration_add", args=[pk]),
        {"registered_on": "2026-01-01", "grounds": "Риск социального сиротства"},
    )
    registration = PreventiveRegistration.all_records.get(person=casework.person)
    no_reason = client.post(
        reverse("citizens:registration_remove", args=[registration.pk]),
        {"removed_on": "2026-02-01", "reason": "other", "note": ""},
    )
    assert no_reason.status_code == 400
    client.post(
        reverse("citizens:registration_remove", args=[registration.pk]),
        {"removed_on": "2026-02-01", "reason": "improved"},
    )
    registration.refresh_from_db()
    assert registration.removal_reason == "improved"
    client.post(
        reverse("citizens:person_file_open", args=[pk]),
        {"number": "7/2026", "opened_on": "2026-01-01"},
    )
    personal_file = PersonalFile.all_records.get(person=casework.person)
    client.post(
        reverse("citizens:personal_file_close", args=[personal_file.pk]),
        {"closed_on": "2026-03-01"},
    )
    personal_file.refresh_from_db()
    assert personal_file.closed_on == datetime.date(2026, 3, 1)
    client.post(
        reverse("citizens:consent_add", args=[pk]),
        {
            "purpose": "exchange",
            "signatory": "representative",
            "representative_name": "Смирнов Иван Петрович",
            "document": "Согласие б/н",
            "signed_on": "2026-01-10",
        },
    )
    consent = Consent.all_records.get(person=casework.person)
    client.post(
        reverse("citizens:consent_withdraw", args=[consent.pk]),
        {"withdrawn_on": "2026-02-10", "document": "Заявление об отзыве"},
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2026, 2, 10)
    assert "отозвано 10.02.2026" in body(client.get(casework.person.get_absolute_url()))
    trail = " ".join(str(e.__dict__) for e in AuditEntry.objects.all())
    assert "Смирнов" not in trail
    assert "Задолженность" not in trail


def test_family_records_outsiders_404(casework, login):
    client = login(casework.specialist)
    client.post(
        reverse("citizens:family_passport_new", args=[casework.family.pk]),
        {"compiled_on": "2026-01-01", "living_conditions": "Квартира"},
    )
    assert SocialPassport.all_records.filter(family=casework.family).count() == 1
    for label, membership in casework.outsiders.items():
        url = reverse("citizens:family_passport_new", args=[casework.family.pk])
        assert login(membership).get(url).status_code == 404, label


def test_families_and_access_log_keep_a_fixed_number_of_queries(
    casework, login, django_assert_max_num_queries
):
    for n in range(5):
        Family.all_records.create(
            name=f"Семья {n}",
            organisation=casework.a.organisation,
            unit=casework.a.support,
            district=casework.a.districts[0],
        )
    specialist = login(casework.specialist)
    specialist.get(casework.person.get_absolute_url())
    specialist.get(casework.family.get_absolute_url())
    with django_assert_max_num_queries(12):
        assert specialist.get(reverse("citizens:families")).status_code == 200
    head = login(casework.head)
    with django_assert_max_num_queries(12):
        assert head.get(reverse("citizens:access_log")).status_code == 200


def test_every_form_page_opens_for_the_staff(casework, login, records):
    pk, family = casework.person.pk, casework.family.pk
    urls = [
        reverse("citizens:persons"),
        reverse("citizens:person_create"),
        reverse("citizens:person_edit", args=[pk]),
        reverse("citizens:families"),
        reverse("citizens:family_create"),
        reverse("citizens:family_edit", args=[family]),
        reverse("citizens:member_add", args=[family]),
        reverse("citizens:consent_add", args=[pk]),
        reverse("citizens:consent_withdraw", args=[records["consent"].pk]),
        reverse("citizens:personal_file_close", args=[records["personal_file"].pk]),
    ]
    urls += [
        reverse(f"citizens:{kind}_{action}", args=[subject])
        for kind, subject in (("person", pk), ("family", family))
        for action in ("group_add", "passport_new", "registration_add", "file_open")
    ]
    for membership in (casework.specialist, casework.head, casework.provider):
        client = login(membership)
        for url in urls:
            assert client.get(url).status_code == 200, (membership, url)
    region = login(casework.department)
    assert region.get(reverse("citizens:reasoned_access")).status_code == 200
    assert region.get(reverse("citizens:persons")).status_code == 403
