"""X-3, 152-FZ: the access log of a printed journal.

A journal printed to XLSX or PDF takes the personal data of every row out of the system, so
each exported record gets its own entry (channel «выгрузка»), as if its card had been
opened: the institution's head then finds, for any one citizen, every export that carried
them — which a single entry «the journal was exported» could not answer. The entries are
written in one statement (``bulk_create``), so an export of a thousand rows costs one
insert, not a thousand. A region-wide user's entry carries the reason they stated.
"""

from __future__ import annotations

from collections.abc import Iterable

from resurs.casework.citizens.models import AccessChannel, AccessLogEntry, ReasonedAccess


def log_export(who, journal, records: Iterable) -> int:
    """One `AccessLogEntry` per exported record of ``journal`` (catalogue.Journal)."""
    membership = getattr(who, "membership", who)
    reasons: dict[tuple[str, int], str] = {}
    if membership.scope.region_wide:
        for grant in ReasonedAccess.objects.open_for(membership.scope).order_by("opened_at"):
            if grant.person_id:
                reasons[("person", grant.person_id)] = grant.reason
            if grant.family_id:
                reasons[("family", grant.family_id)] = grant.reason
    role = membership.get_role_display()
    entries = []
    for record in records:
        person_id, family_id, holder_id, unit_id = journal.subject(record)
        label = record.audit_label() if hasattr(record, "audit_label") else str(record)
        entries.append(
            AccessLogEntry(
                user_id=membership.user_id,
                membership=membership,
                role=role,
                viewer_organisation_id=membership.organisation_id,
                record_type=str(record._meta.verbose_name),
                record_label=label[:120],
                record_id=record.pk,
                person_id=person_id,
                family_id=family_id,
                holder_id=holder_id,
                unit_id=unit_id,
                channel=AccessChannel.EXPORT,
                reason=reasons.get(("person", person_id))
                or reasons.get(("family", family_id))
                or "",
            )
        )
    AccessLogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
