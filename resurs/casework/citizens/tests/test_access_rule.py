"""The personal-data rule (citizens.access): who sees a person of district 1."""

import datetime

import pytest
from django.utils import timezone

from resurs.casework.citizens.models import Family, Person, ReasonedAccess
from resurs.kernel.accounts.scoping import ScopeNotApplied


def test_every_insider_sees_the_person(casework):
    for label, membership in casework.insiders.items():
        assert Person.objects.visible_to(membership).filter(pk=casework.person.pk).exists(), label


def test_no_outsider_sees_the_person_or_the_family(casework):
    for label, membership in casework.outsiders.items():
        persons = Person.objects.visible_to(membership)
        families = Family.objects.visible_to(membership)
        assert not persons.filter(pk=casework.person.pk).exists(), label
        assert not families.filter(pk=casework.family.pk).exists(), label


def test_a_read_without_the_scope_is_refused(casework):
    with pytest.raises(ScopeNotApplied):
        list(Person.objects.all())


def test_a_stated_reason_opens_one_person_until_it_expires(casework):
    department = casework.department
    ReasonedAccess.objects.create(
        membership=department,
        person=casework.person,
        reason="Проверка обращения гражданина в Департамент № 12",
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert list(Person.objects.visible_to(department)) == [casework.person]
    assert not Person.objects.visible_to(casework.methodical).exists()
    ReasonedAccess.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert not Person.objects.visible_to(department).exists()
