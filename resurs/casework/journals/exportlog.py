"""X-3, 152-FZ: the access log of a printed journal.

A journal printed to XLSX or PDF takes the personal data of every row out of the system, so
each exported record gets its own entry (channel «выгрузка»), as if its card had been
opened: the institution's head then finds, for any one citizen, every export that carried
them — which a single entry «the journal was exported» could not answer. The entries are
written by the data bank's one list logger (`citizens.accesslog.log_records`), in batches,
so an export of a thousand rows costs one insert, not a thousand. A region-wide user's entry
carries the reason they stated.
"""

from __future__ import annotations

from collections.abc import Iterable

from resurs.casework.citizens.accesslog import log_records
from resurs.casework.citizens.models import AccessChannel


def log_export(who, journal, records: Iterable) -> int:
    """One `AccessLogEntry` per exported record of ``journal`` (catalogue.Journal)."""
    return log_records(who, records, channel=AccessChannel.EXPORT, subject=journal.subject)
