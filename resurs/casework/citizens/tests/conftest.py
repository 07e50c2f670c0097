import datetime

import pytest

from resurs.casework.citizens import record_services
from resurs.casework.citizens.models import ConsentPurpose, Signatory
from resurs.kernel.accounts.services import api_token_create

VALID_SNILS = "11223344595"


def bearer(membership) -> dict:
    _token, raw = api_token_create(membership=membership, name="интеграция")
    return {"Authorization": f"Bearer {raw}"}


def person_fields(**changes) -> dict:
    values = {
        "last_name": "Кузнецов",
        "first_name": "Пётр",
        "patronymic": "Семёнович",
        "sex": "male",
        "birth_date": datetime.date(1950, 5, 1),
        "snils": "",
    }
    values.update(changes)
    return values


@pytest.fixture
def records(casework):
    """A consent, a social passport and a personal file of the district-1 person."""
    by = casework.specialist
    person = casework.person
    return {
        "consent": record_services.consent_record(
            by=by,
            person=person,
            purpose=ConsentPurpose.EXCHANGE,
            signatory=Signatory.SELF,
            document="Согласие от 01.02.2026 б/н",
            signed_on=datetime.date(2026, 2, 1),
        ),
        "passport": record_services.passport_new_edition(
            by=by, person=person, compiled_on=datetime.date(2026, 2, 1), problems="Долги"
        ),
        "personal_file": record_services.personal_file_open(
            by=by, person=person, number="ЛД-1", opened_on=datetime.date(2026, 2, 1)
        ),
    }
