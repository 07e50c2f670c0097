"""TSR-3: the waiting list (seed 002 app. 1 §2.2): the right out of turn first, then first
come, first served; a manual change needs a reason and is audited; a returned item is
offered to the first in line."""

import datetime

import pytest
from django.utils import timezone

from resurs.casework.rental import services
from resurs.casework.rental.models import ApplicationState, Priority
from resurs.casework.rental.queue import waiting_list
from resurs.casework.rental.selectors import waiting_list_for
from resurs.casework.rental.tests.conftest import TODAY, add_item, apply
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.writes import DomainError


def _d(application) -> str:
    return f"{timezone.localtime(application.applied_at):%d.%m.%Y}"


@pytest.fixture
def queue(rental):
    w = rental
    w.first = apply(w, w.wheelchair, person=w.person, days_ago=30)
    w.second = apply(w, w.wheelchair, person=w.neighbour, days_ago=20)
    w.veteran_app = apply(
        w, w.wheelchair, person=w.veteran, days_ago=5, priority=Priority.WWII_VETERAN
    )
    return w


def test_a_veteran_goes_ahead_of_earlier_applicants(queue):
    entries = waiting_list(queue.wheelchair, organisation_id=queue.a.organisation.pk)

    assert [e.application for e in entries] == [queue.veteran_app, queue.first, queue.second]
    assert [e.position for e in entries] == [1, 2, 3]
    assert entries[0].explanation == (
        f"1-е место: внеочередное право (ветеран ВОВ), заявление от {_d(queue.veteran_app)}"
    )
    assert entries[1].explanation == (
        f"2-е место: в порядке очерёдности, заявление от {_d(queue.first)}"
    )


def test_a_manual_move_needs_a_reason(queue):
    with pytest.raises(DomainError, match="причину"):
        services.waiting_list_move(
            by=queue.specialist, application=queue.second, position=1, reason=" "
        )


def test_a_manual_move_puts_the_application_at_its_place_and_is_audited(queue):
    services.waiting_list_move(
        by=queue.specialist, application=queue.second, position=1,
        reason="решение комиссии от 01.02.2026",
    )  # fmt: skip
    entries = waiting_list(queue.wheelchair, organisation_id=queue.a.organisation.pk)

    assert [e.application for e in entries] == [queue.second, queue.veteran_app, queue.first]
    assert entries[0].explanation.startswith(
        "1-е место: место назначено вручную (решение комиссии от 01.02.2026)"
    )
    entry = AuditEntry.objects.for_object(queue.second).order_by("-pk").first()
    assert entry is not None
    assert entry.changes["manual_position"] == [None, 1]
    # A note about a person: never in clear.
    assert entry.changes["manual_reason"][1] not in ("", "решение комиссии от 01.02.2026")


def test_a_returned_item_is_offered_to_the_first_in_line(queue, catalogue):
    w = queue
    item = add_item(w, w.wheelchair, "КК-1")  # offered at once to the veteran
    w.veteran_app.refresh_from_db()
    assert (w.veteran_app.state, w.veteran_app.offered_item) == (ApplicationState.OFFERED, item)
    with pytest.raises(DomainError, match="предложен заявителю, стоящему в очереди раньше"):
        services.issue(
            by=w.specialist, application=w.first, items=[item], starts_on=TODAY,
            ends_on=TODAY + datetime.timedelta(days=9),
        )  # fmt: skip
    contract = services.issue(
        by=w.specialist, application=w.veteran_app, items=[item], starts_on=TODAY,
        ends_on=TODAY + datetime.timedelta(days=9),
    )  # fmt: skip

    services.return_items(by=w.specialist, contract=contract, returned_on=TODAY)

    w.first.refresh_from_db()
    assert (w.first.state, w.first.offered_item) == (ApplicationState.OFFERED, item)
    w.second.refresh_from_db()
    assert w.second.state == ApplicationState.WAITING


def test_the_positions_a_user_sees_are_the_institutions_whole_list(queue):
    entries = waiting_list_for(queue.specialist, queue.wheelchair)
    assert [e.position for e in entries] == [1, 2, 3]
    assert waiting_list_for(queue.other_specialist, queue.wheelchair) == []
