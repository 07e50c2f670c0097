"""Demo events of БУ «Пыть-Яхский КЦСОН» (issue 13, item 14): preventive events and the
open day of the previous quarter — none yet in the current one, so the head's home page
shows the warning of 002 §3.7. Loading twice changes nothing; needs the units' demo."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens.models import Person
from resurs.casework.prevention import selectors, services
from resurs.casework.prevention.models import EventKind, PreventiveEvent
from resurs.casework.units.models import Unit
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON
from resurs.kernel.organisations.models import Organisation, OrganisationKind


def _previous_quarter_day(today: datetime.date) -> datetime.date:
    first, _last = selectors.quarter_bounds(today.year, selectors.quarter_of(today))
    return first - datetime.timedelta(days=20)


@transaction.atomic
def load_demo_data() -> None:
    organisation = Organisation.objects.filter(name=PYT_YAKH_KCSON).first()
    if organisation is None:
        return
    support = Unit.objects.filter(organisation=organisation, kind__code="social_support").first()
    if support is None or PreventiveEvent.objects.filter(unit=support).exists():
        return
    today = timezone.localdate()
    persons = list(
        Person.objects.unscoped(reason="the demo's participants of the demo events")
        .filter(unit=support)
        .order_by("id")[:8]
    )
    partners = list(
        Organisation.objects.filter(
            territory=organisation.territory,
            kind__in=[OrganisationKind.USZN, OrganisationKind.SOCIAL_PARTNER],
        )[:2]
    )
    services.event_create(
        by=None,
        unit=support,
        kind=EventKind.OPEN_DAY,
        title="День открытых дверей отделения социального сопровождения",
        held_on=_previous_quarter_day(today),
        place="г. Пыть-Ях, 2 мкр., ул. Свердлова, д. 5, актовый зал",
        audience="Родители, представители СМИ, общественных организаций, родительских ассоциаций",
        other_participants=23,
        notes="Рассказали о социальном сопровождении и «Социальном такси», 6 консультаций.",
        organisations=partners,
        participants=persons[:3],
    )
    services.event_create(
        by=None,
        unit=support,
        kind=EventKind.PREVENTIVE,
        title="Профилактическая беседа «Безопасное лето» для семей с детьми",
        held_on=today - datetime.timedelta(days=12),
        place="СОШ № 4, г. Пыть-Ях",
        audience="Родители и дети младшего школьного возраста",
        other_participants=40,
        notes="Участвовал инспектор ПДН.",
        participants=persons[3:8],
    )
