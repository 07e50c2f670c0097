"""Quick builders of event records for tests (straight to the database, no audit)."""

import datetime
from zoneinfo import ZoneInfo

from resurs.coordination.events.models import (
    Consultation,
    ConsultationAudience,
    Event,
    EventFormat,
    EventKind,
    EventState,
    MediaPlan,
    MediaPlanItem,
    Publication,
    PublicationChannel,
)
from resurs.kernel.accounts.services import api_token_create

REGION_TZ = ZoneInfo("Asia/Yekaterinburg")


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=REGION_TZ)


def make_event(organiser, *, start=None, hours=2, **fields) -> Event:
    start = start or local(2026, 3, 10, 10)
    values = {
        "kind": EventKind.SEMINAR,
        "topic": "Семинар для специалистов",
        "format": EventFormat.IN_PERSON,
        "place": "г. Сургут",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=hours),
        "state": EventState.PLANNED,
    }
    values.update(fields)
    return Event.objects.create(organiser=organiser, **values)


def make_consultation(organisation, consulted=(), **fields) -> Consultation:
    values = {
        "audience": ConsultationAudience.ORGANISATIONS,
        "held_on": datetime.date(2026, 3, 12),
        "topic": "Порядок предоставления социальных услуг",
    }
    values.update(fields)
    consultation = Consultation.objects.create(organisation=organisation, **values)
    consultation.consulted_organisations.set(consulted)
    return consultation


def make_plan(organisation, **fields) -> MediaPlan:
    values = {"year": 2026, "title": "Медиаплан на 2026 год"}
    values.update(fields)
    return MediaPlan.objects.create(organisation=organisation, **values)


def make_item(plan, number=1, **fields) -> MediaPlanItem:
    values = {
        "topic": "Статья о работе ресурсного центра",
        "deadline": datetime.date(2026, 3, 31),
        "responsible_text": "Руководитель ресурсного центра",
    }
    values.update(fields)
    return MediaPlanItem.objects.create(plan=plan, number=number, **values)


def make_publication(organisation, **fields) -> Publication:
    values = {
        "channel": PublicationChannel.NEWSPAPER,
        "published_on": datetime.date(2026, 3, 20),
        "title": "Ресурсный центр провёл семинар",
        "is_mass_media": True,
    }
    values.update(fields)
    return Publication.objects.create(organisation=organisation, **values)


def bearer(membership) -> dict:
    _token, raw = api_token_create(membership=membership, name="интеграция")
    return {"Authorization": f"Bearer {raw}"}
