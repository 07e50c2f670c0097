"""X-4: the life of an import batch: upload, check every row, save all rows or none.

The view calls ``import_start`` and ``import_confirm``; the background tasks in
``resurs.kernel.exchange.tasks`` call ``import_check`` and ``import_apply``. The checking and saving
themselves belong to the importer (``resurs.kernel.exchange.importers``).
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from resurs.kernel.attachments.uploads import validate_spreadsheet_file
from resurs.kernel.exchange import tasks
from resurs.kernel.exchange.importers import (
    ImportRefused,
    RowApplyError,
    check_format,
    get_importer,
    read_table,
)
from resurs.kernel.exchange.models import ImportBatch, ImportState

logger = logging.getLogger(__name__)

INTERNAL_ERROR = (
    "Загрузку не удалось обработать из-за внутренней ошибки системы; ничего не сохранено. "
    "Сообщите администратору и попробуйте позже."
)


def _save(batch: ImportBatch, **fields) -> None:
    for name, value in fields.items():
        setattr(batch, name, value)
    batch.save(update_fields=[*fields, "updated_at"])


def import_start(*, by, importer: str, file, target: str = "") -> ImportBatch:
    """X-4: accept an uploaded file and queue the check of every row.

    Only the role, the file's type and size are checked here (ValidationError or
    ImportFileError; nothing is stored then): the request stores the file and queues the
    task, it never parses the file.
    Reading it, its header included, is the task's work (``import_check``); a file that
    cannot be read leaves a failed batch with the reason.
    """
    importer_class = get_importer(importer)
    # PermissionDenied for a role that may not load this table, ImportRefused for a target
    # the uploader was not offered.
    importer_class(by=by, target=target)
    validate_spreadsheet_file(file)
    check_format(file, importer_class)
    # Not inside a transaction on purpose: the batch row must be committed before the
    # task is queued, or a worker on another connection could look for it too early.
    batch = ImportBatch.objects.create(
        importer=importer_class.name,
        file=file,
        original_name=(getattr(file, "name", "") or "")[-255:],
        target=target,
        created_by=by.user,
        membership=by,
    )
    tasks.check_import.enqueue(batch.pk)
    return batch


def import_check(*, batch_id: int) -> ImportBatch:
    """X-4: read and validate every row of a batch, counting progress; nothing is written.

    Runs as a background task for the uploader's membership (not a request's scope).
    """
    batch = ImportBatch.objects.select_related("membership__organisation").get(pk=batch_id)
    if batch.state not in (ImportState.UPLOADED, ImportState.VALIDATING):
        return batch  # a repeated task: the batch is already checked
    _save(batch, state=ImportState.VALIDATING, processed_rows=0, message="")
    try:
        importer = get_importer(batch.importer)(by=batch.membership, target=batch.target)
        with batch.file.open("rb") as file:
            table = read_table(file, type(importer))
        _save(batch, total_rows=len(table.rows))
        verdicts = importer.check(table, progress=lambda done: _save(batch, processed_rows=done))
    except (ImportRefused, PermissionDenied, LookupError) as exc:
        _save(batch, state=ImportState.FAILED, message=_refusal(exc))
        return batch
    except Exception:
        logger.exception("Import batch %s could not be checked", batch.pk)
        _save(batch, state=ImportState.FAILED, message=INTERNAL_ERROR)
        raise
    errors = sum(1 for v in verdicts if not v.ok)
    ignored = ", ".join(f"«{header}»" for header in table.ignored)
    notes = [f"Столбцы, которых нет в шаблоне, не загружаются: {ignored}."] if ignored else []
    if table.notice:
        notes.append(table.notice)
    _save(
        batch,
        state=ImportState.INVALID if errors else ImportState.VALID,
        processed_rows=len(verdicts),
        error_rows=errors,
        rows=[importer.verdict_json(v) for v in verdicts],
        message=" ".join(notes),
    )
    return batch


def import_confirm(*, batch: ImportBatch, by) -> ImportBatch:
    """X-4: the uploader asks to save a checked batch; the save runs in the background."""
    if batch.membership_id != by.pk:
        raise PermissionDenied("Сохранить загрузку может только тот, кто её загрузил.")
    get_importer(batch.importer)(by=by, target=batch.target)
    if batch.state != ImportState.VALID:
        raise ImportRefused(_not_confirmable(batch))
    # The state moves only from «valid», so a double click queues one save, not two.
    moved = ImportBatch.objects.filter(pk=batch.pk, state=ImportState.VALID).update(
        state=ImportState.APPLYING, message="", updated_at=timezone.now()
    )
    if not moved:
        batch.refresh_from_db()
        raise ImportRefused(_not_confirmable(batch))
    tasks.apply_import.enqueue(batch.pk)
    batch.refresh_from_db()
    return batch


def import_apply(*, batch_id: int) -> ImportBatch:
    """X-4: save every row of a confirmed batch in one transaction: all rows or none.

    The file is checked again inside the transaction: the directory may have changed since
    the check, and then the batch goes back to «есть ошибки» with the new verdicts.
    """
    batch = ImportBatch.objects.select_related("membership__organisation").get(pk=batch_id)
    if batch.state != ImportState.APPLYING:
        return batch
    verdicts = []
    try:
        importer = get_importer(batch.importer)(by=batch.membership, target=batch.target)
        with transaction.atomic():
            with batch.file.open("rb") as file:
                table = read_table(file, type(importer))
            verdicts = importer.check(table)
            written = importer.apply(verdicts) if all(v.ok for v in verdicts) else None
    except (ImportRefused, PermissionDenied, LookupError) as exc:
        message = _refusal(exc)
        if isinstance(exc, RowApplyError):
            message = f"Не удалось сохранить: {message} Ничего не сохранено."
        _save(batch, state=ImportState.FAILED, message=message)
        return batch
    except Exception:
        logger.exception("Import batch %s could not be saved", batch.pk)
        _save(batch, state=ImportState.FAILED, message=INTERNAL_ERROR)
        raise
    if written is None:
        errors = sum(1 for v in verdicts if not v.ok)
        _save(
            batch,
            state=ImportState.INVALID,
            error_rows=errors,
            total_rows=len(verdicts),
            processed_rows=len(verdicts),
            rows=[importer.verdict_json(v) for v in verdicts],
            message="Пока загрузка ждала сохранения, данные в системе изменились, и в файле "
            "появились ошибки. Ничего не сохранено.",
        )
        return batch
    _save(batch, state=ImportState.APPLIED, saved_rows=written)
    return batch


def _refusal(exc: Exception) -> str:
    if isinstance(exc, LookupError):
        return "Такой вид загрузки больше не поддерживается."
    return str(exc) or "Недостаточно прав для этого действия."


def _not_confirmable(batch: ImportBatch) -> str:
    if batch.state == ImportState.INVALID:
        return (
            "В файле есть ошибки: пока они не исправлены, ничего не сохраняется. "
            "Исправьте файл и загрузите его снова."
        )
    if batch.state in (ImportState.APPLYING, ImportState.APPLIED):
        return "Эта загрузка уже сохраняется или сохранена."
    if batch.state == ImportState.FAILED:
        return "Загрузку не удалось обработать. Исправьте файл и загрузите его снова."
    return "Файл ещё проверяется: сохранить его можно после проверки."
