"""X-4: the importer framework: columns, the verdict of a row, the base Importer and the
registry of importers (the package's docstring tells how an app describes its table)."""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.writes.errors import DomainError

REQUIRED_MESSAGE = "Обязательное поле."


class ImportRefused(Exception):
    """An import step that cannot go on; the message is for the user, in Russian."""


class ImportFileError(ImportRefused):
    """The file cannot be read as the importer's table (not a workbook, no header, ...)."""


class RowApplyError(ImportRefused):
    """A row failed while the batch was being saved; the whole batch is rolled back."""

    def __init__(self, row: int, message: str):
        super().__init__(f"Строка {row}: {message}")
        self.row = row


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


# The batch's totals: «будет добавлено: 12» before the save, «добавлено: 12» after it.
SUMMARY_LABELS = {
    Action.CREATE: ("будет добавлено", "добавлено"),
    Action.UPDATE: ("будет обновлено", "обновлено"),
    Action.UNCHANGED: ("без изменений", "без изменений"),
}


def normalise_text(value: str) -> str:
    """Case-, spacing- and «ё»-insensitive form of a header or a label typed by a person."""
    text = str(value).replace("\xa0", " ").replace("ё", "е").replace("Ё", "Е")
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Column:
    """One column of an importer's table, as the user sees it in the template."""

    key: str
    header: str
    width: int = 24
    required: bool = False
    hint: str = ""
    # Other headers accepted for this column (older templates, the app's own export).
    aliases: tuple[str, ...] = ()
    # A numeric code (ИНН, ОГРН): Excel drops the leading zeros of a number cell,
    # so a number is zero-padded to the nearest of these lengths.
    code_lengths: tuple[int, ...] = ()

    @property
    def title(self) -> str:
        """The header as written in the template: a star marks a required column."""
        return f"{self.header}*" if self.required else self.header

    def accepts(self, header: str) -> bool:
        wanted = normalise_text(header).rstrip("*").strip()
        return wanted in {normalise_text(h) for h in (self.header, *self.aliases)}

    def text(self, value: Any) -> str:
        """The cell as text, the way the user typed it."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "да" if value else "нет"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int):
            text = str(value)
            if self.code_lengths and value >= 0:
                target = next((n for n in sorted(self.code_lengths) if n >= len(text)), None)
                if target:
                    text = text.zfill(target)
            return text
        if isinstance(value, datetime.datetime):
            if value.time() == datetime.time(0):
                return value.strftime("%d.%m.%Y")
            return value.strftime("%d.%m.%Y %H:%M")
        if isinstance(value, datetime.date):
            return value.strftime("%d.%m.%Y")
        return str(value).replace("\xa0", " ").strip()


@dataclass
class RowVerdict:
    """The check of one row: what it will do, or why it cannot be saved."""

    row: int  # the row number as Excel shows it
    cells: dict[str, str]  # column key -> text, for the known columns present in the file
    label: str = ""  # how the user recognises the record (a name)
    action: Action | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column key or "", message)
    data: dict[str, Any] = field(default_factory=dict)  # cleaned values for apply_row
    # What an update changes in the stored record, shown in the preview before the save:
    # (column key, stored value, the file's value), each as text.
    changes: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, key: str, message: str) -> None:
        if (key, message) not in self.errors:
            self.errors.append((key, message))

    def add_validation_error(self, error: ValidationError, columns: dict[str, str]) -> None:
        """A model's ValidationError, each message put on the column of its field."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(columns.get(name, ""), message)
        else:
            for message in error.messages:
                self.add_error("", message)

    def has_error(self, key: str) -> bool:
        return any(k == key for k, _ in self.errors)

    def add_change(self, key: str, old: str, new: str) -> None:
        """A cell whose value differs from the stored record's (nothing to add if equal)."""
        if old != new:
            self.changes.append((key, old, new))


@dataclass(frozen=True)
class Identity:
    """What makes two rows the same record (a file must not hold it twice)."""

    column: str  # the column the duplicate error is shown on
    key: tuple
    text: str  # "ИНН 8601000000"


@dataclass
class Table:
    """The data rows of a sheet, keyed by the importer's columns."""

    header_row: int
    present: list[str]  # keys of the importer's columns found in the header
    ignored: list[str]  # headers of columns the importer does not know
    rows: list[tuple[int, dict[str, str]]]  # (Excel row number, key -> text), blank rows left out
    # The text of the rows above the header (a table's title, e.g. «План … на 2022 год»).
    preamble: list[str] = field(default_factory=list)
    # The last row of the sheet that was read; whether reading stopped at a long run of blank
    # rows rather than at the end of the sheet, and what the user is told about it then.
    last_row: int = 0
    cut_by_blank_rows: bool = False
    notice: str = ""


class Importer(ABC):
    """Base of every importer: describe the table, check a row, apply a row."""

    name: ClassVar[str]
    title: ClassVar[str]  # what is loaded, in the nominative plural: «Организации»
    description: ClassVar[str] = ""
    columns: ClassVar[tuple[Column, ...]] = ()
    roles: ClassVar[frozenset[str]] = frozenset()  # an importer that names no role is closed
    max_rows: ClassVar[int] = 10_000  # rows with data; the sheet is read to twice as many
    # Which files the importer reads (see FORMAT_LABELS): a workbook, a Word table, text.
    formats: ClassVar[tuple[str, ...]] = ("xlsx",)
    # What the verdict says a valid row will do, and what it did once the batch is saved.
    action_labels: ClassVar[dict[str, str]] = {
        Action.CREATE: "будет добавлена",
        Action.UPDATE: "будет обновлена",
        Action.UNCHANGED: "без изменений",
    }
    applied_labels: ClassVar[dict[str, str]] = {
        Action.CREATE: "добавлена",
        Action.UPDATE: "обновлена",
        Action.UNCHANGED: "без изменений",
    }
    # The exceptions apply_row may raise for a broken rule: they become a row's error
    # and roll the batch back. Anything else is a bug and fails the batch as such. A record
    # somebody saved after the batch read it is a DomainError (StaleVersion) too.
    apply_errors: ClassVar[tuple[type[Exception], ...]] = (
        ValidationError,
        PermissionDenied,
        DomainError,
    )

    do_not_call_in_templates = True  # templates list importer classes

    # What the choice of ``targets`` is called on the upload form.
    target_label: ClassVar[str] = "Куда загрузить"

    def __init__(self, *, by, target: str = ""):
        if not self.allows(by):
            raise PermissionDenied(f"Загрузка «{self.title}» из Excel недоступна вашей роли.")
        self.by = by
        if target and target not in dict(self.targets(by)):
            raise ImportRefused(
                "Выбранное место загрузки вам недоступно или уже не принимает строки."
            )
        self.target = target

    @classmethod
    def targets(cls, who) -> list[tuple[str, str]]:
        """The places the rows may go, when the uploader chooses (key, label); the empty
        key is the importer's default. An importer without a choice returns []."""
        return []

    # --- description --------------------------------------------------------------------

    @classmethod
    def allows(cls, who) -> bool:
        scope = scope_of(who)
        return scope is not None and scope.role in cls.roles

    @classmethod
    def column(cls, key: str) -> Column:
        return next(c for c in cls.columns if c.key == key)

    @classmethod
    def header_of(cls, key: str) -> str:
        return cls.column(key).header if key else ""

    @classmethod
    def template_columns(cls) -> list[tuple[str, int]]:
        """The header of the downloadable template (an XLSX list): (title, width)."""
        return [(c.title, c.width) for c in cls.columns]

    @classmethod
    def action_label(cls, action: str, *, applied: bool = False) -> str:
        return (cls.applied_labels if applied else cls.action_labels).get(action, "")

    # --- hooks of a concrete importer ------------------------------------------------------

    def prepare(self, verdicts: Sequence[RowVerdict]) -> None:  # noqa: B027 -- optional hook
        """Look up, in a few queries, what check_row needs for all rows (before any row)."""

    @abstractmethod
    def check_row(self, verdict: RowVerdict) -> None:
        """Parse and validate one row: set label, action and data, or add errors. No writes."""

    def identity(self, verdict: RowVerdict) -> Identity | None:
        """What record the row stands for; two rows of one file may not share it."""
        return None

    @abstractmethod
    def apply_row(self, verdict: RowVerdict) -> None:
        """Write one valid row through the app's service (inside the batch's transaction)."""

    # --- the framework ---------------------------------------------------------------------

    def check(
        self, table: Table, progress: Callable[[int], None] | None = None
    ) -> list[RowVerdict]:
        """Every row's verdict; ``progress(n)`` is told how many rows are done.

        The table (its ``preamble`` too) is kept as ``self.table`` for ``prepare``.
        """
        self.table = table
        verdicts = [RowVerdict(row=number, cells=cells) for number, cells in table.rows]
        required = [c for c in self.columns if c.required]
        for verdict in verdicts:
            for column in required:
                if not verdict.cells.get(column.key):
                    verdict.add_error(column.key, REQUIRED_MESSAGE)
        self.prepare(verdicts)
        step = max(1, len(verdicts) // 100)
        for done, verdict in enumerate(verdicts, start=1):
            self.check_row(verdict)
            if verdict.errors:
                verdict.action = None
            if progress is not None and (done % step == 0 or done == len(verdicts)):
                progress(done)
        self._check_duplicates(verdicts)
        return verdicts

    def _check_duplicates(self, verdicts: list[RowVerdict]) -> None:
        seen: dict[tuple, list[tuple[RowVerdict, Identity]]] = defaultdict(list)
        for verdict in verdicts:
            identity = self.identity(verdict)
            if identity is not None:
                seen[identity.key].append((verdict, identity))
        for twins in seen.values():
            if len(twins) < 2:
                continue
            for verdict, identity in twins:
                others = ", ".join(str(v.row) for v, _ in twins if v is not verdict)
                verdict.add_error(
                    identity.column,
                    f"{identity.text} встречается в файле несколько раз: "
                    f"см. также строку {others}.",
                )
                verdict.action = None

    def apply(self, verdicts: Iterable[RowVerdict]) -> int:
        """Apply every changed row; the caller holds the transaction. Returns rows written."""
        written = 0
        for verdict in verdicts:
            if not verdict.ok:
                raise RowApplyError(verdict.row, "в строке есть ошибки.")
            if verdict.action == Action.UNCHANGED:
                continue
            try:
                self.apply_row(verdict)
            except self.apply_errors as exc:
                raise RowApplyError(verdict.row, error_text(exc)) from exc
            written += 1
        return written

    @classmethod
    def _position(cls, key: str) -> int:
        """Errors are listed in the order of the columns; errors of the whole row first."""
        keys = [c.key for c in cls.columns]
        return keys.index(key) + 1 if key in keys else 0

    def verdict_json(self, verdict: RowVerdict) -> dict:
        """What ImportBatch.rows keeps of a verdict: enough to show it, nothing to apply."""
        return {
            "row": verdict.row,
            "label": verdict.label,
            "action": str(verdict.action or ""),
            "errors": [
                [self.header_of(key), message]
                for key, message in sorted(verdict.errors, key=lambda e: self._position(e[0]))
            ],
            "changes": [
                [self.header_of(key), old, new]
                for key, old, new in sorted(verdict.changes, key=lambda c: self._position(c[0]))
                if verdict.ok
            ],
        }


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or "действие не разрешено."


# --- the registry -------------------------------------------------------------------------

_registry: dict[str, type[Importer]] = {}


def register(importer: type[Importer]) -> type[Importer]:
    """Make an importer available under its ``name`` (ExchangeConfig.ready does it for the
    contributed ones; tests add their own)."""
    known = _registry.get(importer.name)
    if known is not None and known is not importer:
        raise ImproperlyConfigured(f"Importer name {importer.name!r} is already registered.")
    _registry[importer.name] = importer
    return importer


def unregister(name: str) -> None:
    _registry.pop(name, None)


def get_importer(name: str) -> type[Importer]:
    """The importer registered under ``name``; LookupError when there is none."""
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(name) from None


def importer_roles() -> frozenset:
    """Every role that may run at least one importer (the menu shows the import to them)."""
    return frozenset().union(*(frozenset(i.roles) for i in _registry.values()))


def importers_for(who) -> list[type[Importer]]:
    """The importers this user may run, in title order."""
    return sorted((i for i in _registry.values() if i.allows(who)), key=lambda i: i.title)
