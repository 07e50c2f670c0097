"""Writes of the ЕГИССО exports (issue 14 item 6; SPEC §13, 152-FZ art. 9). Pages, the API
and the demo call these; each is audited.

`export_create` reads the facts of an accounting month of the institution that the user sees,
once, as a stream (``.iterator(chunk_size=…)``), and for each decides: left out (no valid
ЕГИССО consent today, no СНИЛС, no measure code) or prepared — written into the file at once
and recorded as an `ExportFact`, in batches. The file is built in a temporary file and stored
as the export's copy, so memory does not grow with the number of facts. A fact already
prepared, sent or accepted in another export is not taken (and the database refuses it).
Every prepared fact writes its entry in the access log (channel «выгрузка»).
"""

from __future__ import annotations

import datetime
import tempfile
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import IO

from defusedxml.ElementTree import iterparse
from django.core.files import File
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from resurs.casework.citizens.accesslog import log_records
from resurs.casework.citizens.models import AccessChannel, Consent, ConsentPurpose
from resurs.casework.egisso import permissions
from resurs.casework.egisso.layout import FactRecord, package_chunks
from resurs.casework.egisso.models import (
    LIVE_STATES,
    Export,
    ExportFact,
    ExportStatus,
    FactState,
    LeftOut,
    Participant,
)
from resurs.casework.socialservices.models import ServiceFact, month_start
from resurs.casework.socialservices.services import fact_correct
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.writes import acting, audit, locked, require
from resurs.kernel.writes.errors import DomainError

CHUNK = 2000
NOT_YOURS = "Выгрузки в ЕГИССО ведут поставщик (учреждение) и заведующие отделениями."
FACT_FIELDS = (
    "pk",
    "person_id",
    "unit_id",
    "organisation_id",
    "person__snils",
    "person__last_name",
    "person__first_name",
    "person__patronymic",
    "person__sex",
    "person__birth_date",
    "service__egisso_code",
    "service__name",
    "plan_line__plan__approved_on",
    "provided_on",
    "quantity",
    "price",
    "updated_at",
    "consented",
)


def _measure_id(code: str) -> str | None:
    try:
        return str(uuid.UUID(code)) if code else None
    except ValueError:
        return None


def candidate_facts(by, organisation: Organisation, period: datetime.date, today):
    """The month's facts of the institution that can go to ЕГИССО: given to a known
    person, neither a reversal nor reversed, not in ЕГИССО or on their way there; with
    whether the person's ЕГИССО consent is valid ``today`` (data leaves now)."""
    if by is None:
        facts = ServiceFact.objects.unscoped(reason="a system export of an institution's month")
    else:
        facts = ServiceFact.objects.visible_to(by)
    consents = (
        Consent.objects.unscoped(reason="the consent of the persons of the facts read above")
        .filter(person_id=OuterRef("person_id"), purpose=ConsentPurpose.EGISSO)
        .valid_on(today)
    )
    return (
        facts.filter(organisation=organisation, period=period, person__isnull=False)
        .effective()
        .exclude(pk__in=ExportFact.all_records.filter(state__in=LIVE_STATES).values("fact_id"))
        .annotate(consented=Exists(consents))
    )


def _left_out(row: dict) -> str:
    if not row["consented"]:
        return LeftOut.NO_CONSENT
    if not row["person__snils"]:
        return LeftOut.NO_SNILS
    if _measure_id(row["service__egisso_code"]) is None:
        return LeftOut.NO_MEASURE
    return ""


def _record(row: dict, record_id: uuid.UUID, participant: Participant) -> FactRecord:
    return FactRecord(
        record_id=str(record_id),
        osz_code=participant.osz_code,
        snils=row["person__snils"],
        last_name=row["person__last_name"],
        first_name=row["person__first_name"],
        patronymic=row["person__patronymic"],
        sex=row["person__sex"],
        birth_date=row["person__birth_date"],
        measure_id=_measure_id(row["service__egisso_code"]) or "",
        category_id=str(participant.category_id),
        decision_date=row["plan_line__plan__approved_on"] or row["provided_on"],
        provided_on=row["provided_on"],
        quantity=row["quantity"],
        content=row["service__name"],
        cost=(row["price"] or Decimal("0")) * row["quantity"],
        changed_at=row["updated_at"],
    )


class _Fact:
    """What the access log needs of an exported fact, without loading the model."""

    _meta = ServiceFact._meta

    def __init__(self, pk, person_id, organisation_id, unit_id):
        self.pk = pk
        self.person_id = person_id
        self.organisation_id = organisation_id
        self.unit_id = unit_id

    def audit_label(self) -> str:
        return f"Факт оказания услуги № {self.pk}"


@transaction.atomic
def export_create(*, by, organisation: Organisation, period: datetime.date) -> Export:
    """Issue 14 item 6: the month's facts of the institution as a 10.06.S package; those of
    persons without a valid ЕГИССО consent (or without a СНИЛС or a measure code) are left
    out and listed. Exports are incremental: a later export of the same month takes the facts
    entered or corrected since, so the current month may be exported too; a future month is
    refused, and so is an export with nothing new to consider."""
    user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_export(scope, organisation.pk), NOT_YOURS)
    period = month_start(period)
    today = timezone.localdate()
    if period > month_start(today):
        raise DomainError("Месяц ещё не наступил: выгружаются факты прошедших и текущего месяцев.")
    locked(organisation)  # one export of an institution at a time
    participant = Participant.objects.filter(organisation=organisation).first()
    if participant is None:
        raise DomainError(
            "Не заданы реквизиты учреждения в ЕГИССО (код ОНМСЗ и категория получателей): "
            "их вносит поставщик на странице «Реквизиты ЕГИССО»."
        )
    rows = candidate_facts(by, organisation, period, today).values(*FACT_FIELDS).order_by("pk")
    export = Export.objects.create(organisation=organisation, period=period, created_by=user)
    prepared = left = 0
    batch: list[ExportFact] = []
    with tempfile.TemporaryFile() as stream:

        def records() -> Iterator[FactRecord]:
            nonlocal prepared, left, batch
            for row in rows.iterator(chunk_size=CHUNK):
                reason = _left_out(row)
                item = ExportFact(
                    export=export,
                    fact_id=row["pk"],
                    record_id=uuid.uuid4(),
                    state=FactState.LEFT_OUT if reason else FactState.PREPARED,
                    left_out=reason,
                )
                batch.append(item)
                if len(batch) >= CHUNK:
                    ExportFact.all_records.bulk_create(batch)
                    batch = []
                if reason:
                    left += 1
                    continue
                prepared += 1
                yield _record(row, item.record_id, participant)

        for chunk in package_chunks(str(export.package_id), records()):
            stream.write(chunk.encode())
        if batch:
            ExportFact.all_records.bulk_create(batch)
        if not prepared and not left:
            raise DomainError(
                f"За {period:%m.%Y} нет фактов для выгрузки: все факты месяца уже переданы "
                "или ждут ответа ЕГИССО, либо услуги не вносились."
            )
        if prepared:
            stream.seek(0)
            export.file.save(export.filename, File(stream), save=False)
    export.facts_count = prepared
    export.left_out_count = left
    export.save(update_fields=["file", "facts_count", "left_out_count"])
    audit(by, export, AuditAction.CREATE)
    if by is not None:
        log_records(by, _exported_facts(export), channel=AccessChannel.EXPORT)
    return export


def _exported_facts(export: Export, *, states=(FactState.PREPARED,)) -> Iterator[_Fact]:
    for pk, person_id, organisation_id, unit_id in (
        ExportFact.all_records.filter(export=export, state__in=states)
        .values_list("fact_id", "fact__person_id", "fact__organisation_id", "fact__unit_id")
        .iterator(chunk_size=CHUNK)
    ):
        yield _Fact(pk, person_id, organisation_id, unit_id)


def file_opened(*, by, export: Export) -> None:
    """The export's file downloaded: every fact in it (whatever ЕГИССО answered since) is an
    opening of its recipient's data, logged as an export (152-FZ: who took the file)."""
    _check(by, export)
    in_file = [state for state in FactState.values if state != FactState.LEFT_OUT]
    log_records(by, _exported_facts(export, states=in_file), channel=AccessChannel.EXPORT)


def _check(by, export: Export) -> Export:
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_export(scope, export.organisation_id), NOT_YOURS)
    return locked(export)


@transaction.atomic
def export_mark_sent(*, by, export: Export) -> Export:
    """The file was handed to ЕГИССО: the export and its prepared facts become «sent»."""
    user, _scope, _role = acting(by)
    stored = _check(by, export)
    if stored.status != ExportStatus.PREPARED:
        raise DomainError("Выгрузка уже отмечена отправленной.")
    if not stored.facts_count:
        raise DomainError("В выгрузке нет фактов для отправки: все факты не включены.")
    before = snapshot(stored)
    ExportFact.all_records.filter(export=stored, state=FactState.PREPARED).update(
        state=FactState.SENT
    )
    stored.status = ExportStatus.SENT
    stored.sent_by = user
    stored.sent_at = timezone.now()
    stored.version += 1
    stored.save(update_fields=["status", "sent_by", "sent_at", "version"])
    audit(by, stored, AuditAction.UPDATE, before=before)
    return stored


@transaction.atomic
def export_withdraw(*, by, export: Export) -> Export:
    """A prepared export that was never handed to ЕГИССО withdrawn (a wrong month, requisites
    corrected since): its facts are free for the next export; the file and the list stay."""
    stored = _check(by, export)
    if stored.status != ExportStatus.PREPARED:
        raise DomainError("Отправленную выгрузку отозвать нельзя: дождитесь ответа ЕГИССО.")
    before = snapshot(stored)
    ExportFact.all_records.filter(export=stored, state=FactState.PREPARED).update(
        state=FactState.WITHDRAWN
    )
    stored.status = ExportStatus.WITHDRAWN
    stored.version += 1
    stored.save(update_fields=["status", "version"])
    audit(by, stored, AuditAction.UPDATE, before=before)
    return stored


def _finish_if_answered(export: Export) -> None:
    if not ExportFact.all_records.filter(export=export, state=FactState.SENT).exists():
        export.status = ExportStatus.ANSWERED
        export.version += 1
        export.save(update_fields=["status", "version"])


@transaction.atomic
def fact_answer(*, by, item: ExportFact, accepted: bool, reason: str = "") -> ExportFact:
    """ЕГИССО's answer on one sent fact, entered by hand: accepted, or rejected with the
    reason (a rejected fact is corrected and goes into a next export)."""
    user, _scope, _role = acting(by)
    export = _check(by, item.export)
    stored = locked(item)
    if stored.state != FactState.SENT:
        raise DomainError("Ответ вносится только по отправленному факту.")
    reason = (reason or "").strip()
    if not accepted and not reason:
        raise DomainError("Укажите причину отклонения из ответа ЕГИССО.")
    before = snapshot(stored)
    stored.state = FactState.ACCEPTED if accepted else FactState.REJECTED
    stored.reason = "" if accepted else reason[:2000]
    stored.answered_at = timezone.now()
    stored.answered_by = user
    stored.save(update_fields=["state", "reason", "answered_at", "answered_by"])
    audit(by, stored, AuditAction.UPDATE, before=before, parent=export)
    _finish_if_answered(export)
    return stored


@transaction.atomic
def export_accept_rest(*, by, export: Export) -> int:
    """ЕГИССО accepted every fact of the export not answered otherwise."""
    user, _scope, _role = acting(by)
    stored = _check(by, export)
    if stored.status == ExportStatus.PREPARED:
        raise DomainError("Сначала отметьте выгрузку отправленной.")
    count = ExportFact.all_records.filter(export=stored, state=FactState.SENT).update(
        state=FactState.ACCEPTED, answered_at=timezone.now(), answered_by=user
    )
    audit(
        by,
        stored,
        AuditAction.UPDATE,
        before={"принято фактов": 0},
        after={"принято фактов": count},
    )
    _finish_if_answered(stored)
    return count


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_protocol(source: IO[bytes]) -> Iterator[tuple[str, bool, str]]:
    """(record id, accepted, reason) of every ``recordResult`` of ЕГИССО's protocol of a
    package (message 10.10.I: ``recID``, ``recordOK``, ``messages/report``), read as a
    stream whatever the namespace versions."""
    try:
        for _event, element in iterparse(source, events=("end",)):
            if _local(element.tag) != "recordResult":
                continue
            record_id = ok = ""
            reports = []
            for child in element.iter():
                name = _local(child.tag)
                if name == "recID":
                    record_id = (child.text or "").strip()
                elif name == "recordOK":
                    ok = (child.text or "").strip().lower()
                elif name == "report" and (child.text or "").strip():
                    reports.append(child.text.strip())
            element.clear()
            yield record_id, ok in {"true", "1"}, "; ".join(reports)
    except DomainError:
        raise
    except Exception as error:  # noqa: BLE001 -- a broken file is the user's error
        raise DomainError("Файл ответа ЕГИССО не читается как XML протокола.") from error


@transaction.atomic
def export_load_protocol(*, by, export: Export, source: IO[bytes]) -> tuple[int, int, int]:
    """ЕГИССО's protocol applied to the sent facts of the export: (accepted, rejected,
    records the export does not know). An accepted record with warnings stays accepted."""
    user, _scope, _role = acting(by)
    stored = _check(by, export)
    if stored.status == ExportStatus.PREPARED:
        raise DomainError("Сначала отметьте выгрузку отправленной.")
    accepted = rejected = unknown = 0
    now = timezone.now()
    for record_id, ok, reason in read_protocol(source):
        try:
            key = uuid.UUID(record_id)
        except ValueError:
            unknown += 1
            continue
        changed = ExportFact.all_records.filter(
            export=stored, record_id=key, state=FactState.SENT
        ).update(
            state=FactState.ACCEPTED if ok else FactState.REJECTED,
            reason="" if ok else (reason or "Отклонено без указания причины.")[:2000],
            answered_at=now,
            answered_by=user,
        )
        if not changed:
            unknown += 1
        elif ok:
            accepted += 1
        else:
            rejected += 1
    audit(
        by,
        stored,
        AuditAction.UPDATE,
        before={"ответ ЕГИССО": "не загружен"},
        after={"ответ ЕГИССО": f"принято {accepted}, отклонено {rejected}"},
    )
    _finish_if_answered(stored)
    return accepted, rejected, unknown


@transaction.atomic
def rejected_fact_correct(
    *, by, item: ExportFact, reason: str, quantity: int, provided_on: datetime.date
):
    """A rejected fact corrected in the facts: its reversal and the right fact
    (`socialservices.services.fact_correct`); the new fact goes into the next export."""
    _check(by, item.export)
    if item.state != FactState.REJECTED:
        raise DomainError("Исправляется только факт, отклонённый ЕГИССО.")
    fact = ServiceFact.all_records.get(pk=item.fact_id)
    return fact_correct(by=by, fact=fact, reason=reason, quantity=quantity, provided_on=provided_on)


@transaction.atomic
def participant_save(*, by, organisation: Organisation, osz_code: str, category_id) -> Participant:
    """The institution's requisites in ЕГИССО, set by its provider role."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(
            permissions.can_set_up(scope) and scope.organisation_id == organisation.pk,  # type: ignore[union-attr]
            "Реквизиты ЕГИССО вносит поставщик (учреждение).",
        )
    participant = Participant.objects.filter(organisation=organisation).first()
    before = snapshot(participant) if participant else None
    if participant is None:
        participant = Participant(organisation=organisation)
    participant.osz_code = (osz_code or "").strip()
    participant.category_id = str(category_id).lower()
    participant.full_clean()
    participant.save()
    audit(by, participant, AuditAction.UPDATE if before else AuditAction.CREATE, before=before)
    return participant
