"""X-4: the one set of cell parsers every importer uses: yes/no, dates, years, choices,
priority directions and organisations.

Each parser reads one cell of a row's verdict and returns the value, or puts a Russian
error on that cell's column and returns None. A blank cell is no value (``required`` makes
it an error). The parsers know no model: directions come as a mapping from their numbers,
organisations as an ``OrganisationIndex`` of what the importing user may see (built by
resurs.kernel.organisations.importing), so an organisation outside the user's scope reads
exactly like one that does not exist.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from resurs.kernel.exchange.importers import REQUIRED_MESSAGE, RowVerdict, normalise_text

# What a person writes for «yes» and «no», compared after normalise_text.
YES_WORDS = frozenset({"да", "yes", "true", "истина", "1", "+"})
NO_WORDS = frozenset({"нет", "no", "false", "ложь", "0", "-"})
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")
YEARS = range(1990, 2101)
UNKNOWN_CHOICE = "Неизвестное значение «{text}». Допустимые: {allowed}."


def _cell(verdict: RowVerdict, key: str, required: bool) -> str:
    text = verdict.cells.get(key, "").strip()
    if not text and required:
        verdict.add_error(key, REQUIRED_MESSAGE)
    return text


def yes_no(verdict: RowVerdict, key: str, *, blank: bool | None = False) -> bool | None:
    """«да»/«нет» and their usual spellings (YES_WORDS, NO_WORDS); a blank cell is ``blank``."""
    text = normalise_text(_cell(verdict, key, False))
    if not text:
        return blank
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    verdict.add_error(key, f"«{verdict.cells[key].strip()}» — напишите «да» или «нет».")
    return None


def date(verdict: RowVerdict, key: str, *, required: bool = False) -> datetime.date | None:
    """ДД.ММ.ГГГГ (also ГГГГ-ММ-ДД and ДД.ММ.ГГ); a time after the date is ignored."""
    text = _cell(verdict, key, required).split(" ")[0]
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 -- a date
        except ValueError:
            continue
    verdict.add_error(key, f"«{text}» — не дата. Пишите дату как ДД.ММ.ГГГГ.")
    return None


def year(verdict: RowVerdict, key: str = "year", *, required: bool = False) -> int | None:
    text = _cell(verdict, key, required)
    if not text:
        return None
    if not text.isdigit() or int(text) not in YEARS:
        verdict.add_error(key, f"«{text}» — не год. Укажите год числом, например: 2022.")
        return None
    return int(text)


def choice_values(choices: Iterable[tuple[Any, Any]], extra: Mapping[str, Any] | None = None):
    """How a person may type a choice — its label or its stored value, in any case — mapped
    to the stored value; ``extra`` adds other spellings."""
    choices = list(choices)
    values = {normalise_text(value): value for value, _label in choices}
    values.update({normalise_text(label): value for value, label in choices})
    values.update({normalise_text(text): value for text, value in (extra or {}).items()})
    return values


def choice(
    verdict: RowVerdict,
    key: str,
    values: Mapping[str, Any],
    labels: Iterable[Any],
    *,
    required: bool = False,
    default: Any = None,
    unknown: str = UNKNOWN_CHOICE,
) -> Any:
    """One of ``values`` (see choice_values); ``labels`` are what the error lists as allowed
    (``unknown`` words the error, with ``{text}`` and ``{allowed}``). A blank cell is
    ``default``."""
    text = _cell(verdict, key, required)
    if not text:
        return default
    value = values.get(normalise_text(text))
    if value is None:
        allowed = "; ".join(str(label) for label in labels)
        verdict.add_error(key, unknown.format(text=text, allowed=allowed))
    return value


def direction(
    verdict: RowVerdict,
    directions: Mapping[int, Any],
    key: str = "direction",
    *,
    required: bool = False,
) -> Any:
    """A priority direction by its number; text after the number («8. Семейное…») is ignored."""
    text = _cell(verdict, key, required)
    if not text:
        return None
    match = re.match(r"(\d+)", text)
    found = directions.get(int(match.group(1))) if match else None
    if found is None:
        verdict.add_error(key, f"Направления «{text}» нет. Укажите номер направления, например: 8.")
    return found


class OrganisationIndex:
    """Organisations a row may name, by ИНН and by full or short name (as normalise_text).

    Built from the organisations the importing user sees: one outside them is «not found»,
    as on every page."""

    def __init__(self, organisations: Iterable[Any]):
        self.all = list(organisations)
        self.by_pk = {o.pk: o for o in self.all}
        self.by_inn = {o.inn: o for o in self.all if getattr(o, "inn", "")}
        self.by_name: dict[str, list[Any]] = {}
        for organisation in self.all:
            for name in {organisation.name, organisation.short_name} - {"", None}:
                self.by_name.setdefault(normalise_text(name), []).append(organisation)

    def find(self, text: str) -> Any:
        """The one organisation a text names (digits: an ИНН), or None."""
        text = (text or "").strip()
        if not text:
            return None
        if text.isdigit():
            return self.by_inn.get(text)
        matches = self.by_name.get(normalise_text(text), [])
        return matches[0] if len(matches) == 1 else None


def organisation(
    verdict: RowVerdict,
    index: OrganisationIndex,
    key: str,
    *,
    inn_key: str | None = None,
    required: bool = False,
) -> Any:
    """The organisation a row names: by the ИНН in ``inn_key`` (or an ИНН typed in ``key``
    itself), else by its full or short name."""
    inn = verdict.cells.get(inn_key, "").strip() if inn_key else ""
    if inn:
        found = index.by_inn.get(inn)
        if found is None:
            verdict.add_error(inn_key or key, f"Организации с ИНН {inn} нет в справочнике.")
        return found
    text = _cell(verdict, key, required)
    if not text:
        return None
    if text.isdigit():
        found = index.by_inn.get(text)
        if found is None:
            verdict.add_error(key, f"Организации с ИНН {text} нет в справочнике.")
        return found
    matches = index.by_name.get(normalise_text(text), [])
    if len(matches) > 1:
        verdict.add_error(
            key,
            f"В справочнике несколько организаций «{text}»: укажите ИНН или полное "
            "наименование, чтобы было понятно, какую.",
        )
        return None
    if not matches:
        verdict.add_error(
            key,
            f"Организация «{text}» не найдена в справочнике организаций: добавьте её в "
            "справочник или укажите ИНН.",
        )
        return None
    return matches[0]


def shown(model_field: Any, value: Any) -> str:
    """A model field's value as the preview shows it — the way a person writes it in a cell
    (a choice's label, «да»/«нет», ДД.ММ.ГГГГ); blank is ""."""
    if value is None or value == "":
        return ""
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(value)
