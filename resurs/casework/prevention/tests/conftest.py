"""Prevention tests start from the case-work world (resurs/casework/conftest.py)."""

import datetime

import pytest
from django.utils import timezone

from resurs.casework.prevention import services
from resurs.casework.prevention.models import EventKind


@pytest.fixture
def event(casework):
    return services.event_create(
        by=casework.specialist,
        unit=casework.a.support,
        kind=EventKind.PREVENTIVE,
        title="Беседа «Безопасное лето»",
        held_on=timezone.localdate() - datetime.timedelta(days=3),
        participants=[casework.person],
        organisations=[casework.uszn.organisation],
        other_participants=12,
    )
