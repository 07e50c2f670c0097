"""ЕГИССО tests start from the case-work world (resurs/casework/conftest.py): a catalogue of
two services with measure codes, the institution's requisites, and facts of last month for
the district-1 person (with a ЕГИССО consent) and a second person without one."""

import datetime
import uuid
from types import SimpleNamespace

import pytest
from django.utils import timezone

from resurs.casework.citizens.models import Consent, ConsentPurpose, Signatory
from resurs.casework.conftest import make_person
from resurs.casework.egisso.models import Participant
from resurs.casework.socialservices import services as facts
from resurs.casework.socialservices.models import Service, ServiceForm, ServiceKind
from resurs.kernel.accounts.services import api_token_create

MEASURE = uuid.UUID("0b7f2c55-5a0e-4c1f-8e43-2a7b6f3c9d10")
CATEGORY = uuid.UUID("1c8e3d66-6b1f-4d20-9f54-3b8c7a4dae21")


def last_month_day(day: int = 5) -> datetime.date:
    first = timezone.localdate().replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=day)


def consent(person, purpose=ConsentPurpose.EGISSO):
    return Consent.all_records.create(
        person=person,
        purpose=purpose,
        signatory=Signatory.SELF,
        document="Согласие б/н",
        signed_on=datetime.date(2024, 1, 1),
    )


def bearer(membership) -> dict:
    _token, raw = api_token_create(membership=membership, name="интеграция")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def egisso(casework):
    w = casework
    w.person.snils = "11223344595"
    w.person.save(update_fields=["snils"])
    w.other = make_person(
        w.a.support, w.a.districts[0], w.specialist.user, last_name="Петров",
        first_name="Иван", patronymic="", sex="male", snils="",
        birth_date=datetime.date(1950, 6, 1),
    )  # fmt: skip
    w.visit = Service.objects.create(
        code="01.001",
        name="Социально-бытовая услуга: покупка продуктов",
        kind=ServiceKind.HOUSEHOLD,
        form=ServiceForm.HOME,
        egisso_code=str(MEASURE),
    )
    w.talk = Service.objects.create(
        code="03.001",
        name="Социально-психологическое консультирование",
        kind=ServiceKind.PSYCHOLOGICAL,
        form=ServiceForm.SEMI_STATIONARY,
        egisso_code=str(MEASURE),
    )
    consent(w.person)
    w.participant = Participant.objects.create(
        organisation=w.a.organisation, osz_code="8601.000001", category_id=str(CATEGORY)
    )
    day = last_month_day()
    w.month = day.replace(day=1)
    w.facts = [
        facts.fact_record(
            by=w.specialist, unit=w.a.support, service=w.visit, provided_on=day,
            person=w.person, quantity=2,
        ),
        facts.fact_record(
            by=w.specialist, unit=w.a.support, service=w.talk, provided_on=day,
            person=w.person,
        ),
        facts.fact_record(
            by=w.specialist, unit=w.a.support, service=w.visit, provided_on=day,
            person=w.other,
        ),
    ]  # fmt: skip
    return SimpleNamespace(**vars(w))
