"""Helpers of the cases tests: a stopped clock, an appeal and a case of district 1."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone as django_timezone

from resurs.casework.cases import services
from resurs.casework.cases.models import Channel
from resurs.kernel.accounts.middleware import SESSION_KEY
from resurs.kernel.accounts.services import api_token_create

REGION_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
TODAY = datetime.date(2025, 5, 14)


def moment(day: datetime.date, hour: int = 11, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=REGION_TZ)


@pytest.fixture
def freeze(monkeypatch):
    """Stops the clock at a day (11:00 local time); returns the function to move it."""

    def _freeze(day: datetime.date, hour: int = 11):
        value = moment(day, hour)
        monkeypatch.setattr(django_timezone, "now", lambda: value)
        return value

    _freeze(TODAY)
    return _freeze


def client_for(membership) -> Client:
    """A logged-in client acting in this membership."""
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[SESSION_KEY] = membership.pk
    session.save()
    return client


def bearer(membership) -> dict:
    _token, raw = api_token_create(membership=membership, name="интеграция")
    return {"Authorization": f"Bearer {raw}"}


def take(world, *, by=None, at=None, anonymous=False, **extra):
    values = {
        "by": by or world.specialist,
        "unit": world.a.support,
        "received_at": at or moment(TODAY, 10),
        "channel": Channel.PHONE,
        "is_anonymous": anonymous,
        "person": None if anonymous else world.person,
        "subject": "Просит помочь с оформлением пособия",
    }
    values.update(extra)
    return services.appeal_take(**values)


def open_case(world, *, by=None, detected_on=datetime.date(2025, 4, 30), **extra):
    values = {
        "by": by or world.specialist,
        "unit": world.a.support,
        "person": world.person,
        "problem": "Трудная жизненная ситуация",
        "detected_on": detected_on,
    }
    values.update(extra)
    return services.case_open(**values)


@pytest.fixture
def world(casework, freeze):
    return casework
