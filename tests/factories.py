"""Factories for tests and the benchmark generator."""

import itertools
from datetime import date

import factory

from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.models import (
    Appointment,
    AppointmentKind,
    Direction,
    LegalForm,
    Organisation,
    OrganisationKind,
    ResourceCentreStatus,
    Territory,
)
from resurs.kernel.organisations.validators import complete_inn

_inn_numbers = itertools.count(1)


def territory(name: str) -> Territory:
    return Territory.objects.get(name=name)


def direction(number: int) -> Direction:
    return Direction.objects.get(number=number)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"БУ «Комплексный центр социального обслуживания № {n}»")
    short_name = factory.Sequence(lambda n: f"КЦСОН № {n}")
    kind = OrganisationKind.STATE_INSTITUTION
    legal_form = LegalForm.BUDGET
    territory = factory.LazyFunction(lambda: territory("Сургут"))
    inn = factory.LazyFunction(lambda: complete_inn(f"99{next(_inn_numbers):07d}"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = "Иванова"
    first_name = "Мария"
    password = factory.PostGenerationMethodCall("set_password", "пароль-для-тестов-1")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PROVIDER


def member(role: str, organisation: Organisation | None = None, **kwargs) -> Membership:
    """A user with one membership; the organisation kind follows the role."""
    kind = {
        Role.DEPARTMENT: OrganisationKind.DEPARTMENT,
        Role.METHODICAL_CENTRE: OrganisationKind.METHODICAL_CENTRE,
        Role.ADMINISTRATOR: OrganisationKind.DEPARTMENT,
        Role.USZN: OrganisationKind.USZN,
    }.get(role, OrganisationKind.STATE_INSTITUTION)
    if organisation is None:
        legal = (
            LegalForm.GOVERNMENT_BODY
            if kind in (OrganisationKind.DEPARTMENT, OrganisationKind.USZN)
            else LegalForm.BUDGET
        )
        organisation = OrganisationFactory(kind=kind, legal_form=legal, **kwargs.pop("org", {}))
    membership = MembershipFactory(organisation=organisation, role=role, **kwargs)
    if role == Role.ADMINISTRATOR:
        membership.user.is_staff = True
        membership.user.is_superuser = True
        membership.user.save()
    return membership


def rc_status(organisation, number=2, **fields) -> ResourceCentreStatus:
    values = {
        "direction": direction(number),
        "order_number": "1-р",
        "order_date": date(2024, 1, 10),
        "valid_from": date(2024, 1, 10),
    }
    values.update(fields)
    status = ResourceCentreStatus.objects.create(organisation=organisation, **values)
    organisation.directions.add(values["direction"])
    return status


def appointment(organisation, **fields) -> Appointment:
    values = {
        "kind": AppointmentKind.INTERACTION,
        "person_name": "Петров Пётр Петрович",
        "order_number": "5",
        "order_date": date(2024, 2, 1),
        "valid_from": date(2024, 2, 1),
    }
    values.update(fields)
    return Appointment.objects.create(organisation=organisation, **values)
