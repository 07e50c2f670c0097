"""TSR-3: two people issue the last free item of a kind at once. Exactly one contract is
made; the other is told, in Russian, that the item is taken — on PostgreSQL with two real
concurrent transactions (the first holds its locks until the second is waiting on them)."""

import datetime
import threading
import time

import pytest
from django.db import connection, connections, transaction

from resurs.casework.rental import services
from resurs.casework.rental.models import Contract, ItemState
from resurs.casework.rental.tests.conftest import TODAY, add_item, apply, shipped_kinds
from resurs.kernel.writes import DomainError

TERM = {"starts_on": TODAY, "ends_on": TODAY + datetime.timedelta(days=9)}


@pytest.mark.django_db(transaction=True)
def test_two_issuing_the_last_item_at_once_one_succeeds_the_other_is_told(casework):
    w = casework
    w.kinds = shipped_kinds()
    chair = add_item(w, w.kinds[4], "КК-1")
    mine = apply(w, w.kinds[4], days_ago=3)
    theirs = apply(w, w.kinds[4], days_ago=2)
    if connection.vendor == "postgresql":
        issued, commit = threading.Event(), threading.Event()
        errors: list[BaseException] = []

        def first():
            try:
                with transaction.atomic():
                    services.issue(by=w.specialist, application=mine, items=[chair], **TERM)
                    issued.set()
                    commit.wait(timeout=30)
            except BaseException as exc:  # noqa: BLE001 -- handed to the test's thread
                errors.append(exc)
                issued.set()
            finally:
                connections.close_all()

        writer = threading.Thread(target=first)
        writer.start()
        assert issued.wait(timeout=30)
        threading.Thread(target=lambda: (time.sleep(0.5), commit.set())).start()
        with pytest.raises(DomainError, match="уже выдан по другому договору"):
            services.issue(by=w.specialist, application=theirs, items=[chair], **TERM)
        writer.join(timeout=30)
        assert errors == []
    else:  # SQLite writes one at a time: the second comes right after the first
        services.issue(by=w.specialist, application=mine, items=[chair], **TERM)
        with pytest.raises(DomainError, match="уже выдан по другому договору"):
            services.issue(by=w.specialist, application=theirs, items=[chair], **TERM)
    assert Contract.all_records.filter(application__in=[mine, theirs]).count() == 1
    chair.refresh_from_db()
    assert chair.state == ItemState.ON_LOAN
