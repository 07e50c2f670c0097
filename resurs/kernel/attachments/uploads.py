"""Checks of uploaded files: size, extension and the file's own signature."""

from collections.abc import Mapping
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from resurs.kernel.russian import decimal

# Extension -> the leading bytes a genuine file of that type starts with.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".doc": (_OLE,),
    ".xls": (_OLE,),
    ".docx": (_ZIP,),
    ".xlsx": (_ZIP,),
    ".odt": (_ZIP,),
    ".ods": (_ZIP,),
    ".rtf": (b"{\\rtf",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
# A text file has no signature: it is checked to be text (see `_is_text`).
TEXT = None
# What the importer framework accepts (exchange.importers): a workbook, a Word table, a
# tab-separated text; each importer then says which of these it reads.
SPREADSHEET_SIGNATURES = {".xlsx": (_ZIP,), ".docx": (_ZIP,), ".txt": TEXT, ".tsv": TEXT}
TEXT_SAMPLE = 4096


def _is_text(head: bytes) -> bool:
    """UTF-8 (a character cut at the sample's end allowed) or Windows-1251, no control bytes."""
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            text = head.decode("cp1251", errors="replace")
        else:
            text = head[: exc.start].decode("utf-8-sig")
    return not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text)


def _check(file, allowed: Mapping[str, tuple[bytes, ...] | None]) -> None:
    name = getattr(file, "name", "") or ""
    extension = Path(name).suffix.lower()
    if extension not in allowed:
        listed = ", ".join(sorted(e.lstrip(".").upper() for e in allowed))
        raise ValidationError(
            f"Недопустимый тип файла «{extension or 'без расширения'}». Допустимы: {listed}.",
            code="file_type",
        )
    limit = settings.UPLOAD_MAX_MEGABYTES
    size = getattr(file, "size", 0) or 0
    if size > limit * 1024 * 1024:
        raise ValidationError(
            f"Файл слишком большой: {decimal(size / 1024 / 1024)} МБ, "
            f"допустимо не более {limit} МБ.",
            code="file_size",
        )
    if size == 0:
        raise ValidationError("Файл пуст.", code="file_empty")
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(TEXT_SAMPLE if allowed[extension] is TEXT else 16)
    file.seek(position)
    signatures = allowed[extension]
    if not (_is_text(head) if signatures is TEXT else any(map(head.startswith, signatures))):
        raise ValidationError(
            f"Содержимое файла не соответствует расширению {extension.upper().lstrip('.')}: "
            "файл повреждён или переименован.",
            code="file_signature",
        )


def validate_document_file(file) -> None:
    # A file already stored (an existing version) was checked when it was uploaded.
    if getattr(file, "_committed", False) and not hasattr(file, "content_type"):
        return
    _check(file, DOCUMENT_SIGNATURES)


def validate_spreadsheet_file(file) -> None:
    _check(file, SPREADSHEET_SIGNATURES)
