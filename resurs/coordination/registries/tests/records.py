"""Registry records for tests, written straight to the database (the services are tested
separately); each helper fills what the model requires and takes overrides."""

import itertools
from datetime import date

from resurs.coordination.registries.models import (
    ActKind,
    ActLevel,
    Article,
    LegalAct,
    Participant,
    ParticipantCategory,
    PracticeCell,
    PracticeStatus,
    SocialPractice,
    Technology,
)
from tests.factories import OrganisationFactory, direction

_numbers = itertools.count(1)


def participant(owner, number=2, organisation=None, **fields) -> Participant:
    values = {
        "direction": direction(number),
        "organisation": organisation or OrganisationFactory(),
        "category": ParticipantCategory.STATE_PROVIDER,
        "participation_form": "Соисполнитель «дорожной карты»",
        "joined_on": date(2024, 3, 1),
    }
    values.update(fields)
    return Participant.objects.create(owner=owner, **values)


def act(owner, direction_number=None, **fields) -> LegalAct:
    values = {
        "direction": direction(direction_number) if direction_number else None,
        "level": ActLevel.REGIONAL,
        "kind": ActKind.ORDER,
        "number": f"{next(_numbers)}-р",
        "adopted_on": date(2024, 2, 13),
        "title": "О создании ресурсных центров",
    }
    values.update(fields)
    return LegalAct.objects.create(owner=owner, **values)


def technology(owner, number=2, **fields) -> Technology:
    values = {
        "direction": direction(number),
        "title": f"Технология сопровождения № {next(_numbers)}",
        "introduced_year": 2024,
    }
    values.update(fields)
    return Technology.objects.create(owner=owner, **values)


def article(owner, number=2, **fields) -> Article:
    values = {
        "direction": direction(number),
        "title": f"Из опыта работы № {next(_numbers)}",
        "authors": "Петрова А. И.",
        "publication": "Сборник статей ресурсного центра",
        "published_on": date(2024, 12, 20),
    }
    values.update(fields)
    return Article.objects.create(owner=owner, **values)


def practice(owner, number=2, **fields) -> SocialPractice:
    values = {
        "direction": direction(number) if number else None,
        "number": 1,
        "title": f"Программа выходного дня № {next(_numbers)}",
    }
    values.update(fields)
    return SocialPractice.objects.create(owner=owner, **values)


def cell(practice_, institution, status=PracticeStatus.PLANNED, **fields) -> PracticeCell:
    return PracticeCell.objects.create(
        practice=practice_, institution=institution, status=status, **fields
    )
