"""The project's own validation of an ЕГИССО file against the structure of the schema version
it targets (`layout`: 10.06.S-1.0.2): element names and namespaces, their order and number
(xs:sequence with minOccurs/maxOccurs), and each value's type, length and code list.

It reads the file as a stream (``iterparse``; every checked ``fact`` is dropped before the
next), so a file of a million facts is checked in constant memory. `validate` returns the
errors in Russian, each with the element's path and the number of the fact.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO

from defusedxml.ElementTree import iterparse

from resurs.casework.egisso.layout import AF, MEASURE_UNITS, MSG, PAC, PRSN, SMEV

Check = Callable[[str], str | None]


def _uuid(value: str) -> str | None:
    try:
        uuid.UUID(value)
    except ValueError:
        return "не идентификатор вида uuid"
    return None if len(value) == 36 else "не идентификатор вида uuid"


def _date(value: str) -> str | None:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return "не дата вида ГГГГ-ММ-ДД"
    return None if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else "не дата вида ГГГГ-ММ-ДД"


def _datetime(value: str) -> str | None:
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return "не дата и время"
    return None


def _string(min_length: int, max_length: int, pattern: str | None = None) -> Check:
    compiled = re.compile(pattern) if pattern else None

    def check(value: str) -> str | None:
        if not min_length <= len(value) <= max_length:
            return f"длина {len(value)}, допустимо от {min_length} до {max_length}"
        if compiled is not None and not compiled.fullmatch(value):
            return "недопустимые символы"
        return None

    return check


def _decimal(*, positive: bool, places: int | None = None) -> Check:
    def check(value: str) -> str | None:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return "не число"
        if not number.is_finite() or (positive and number <= 0):
            return "должно быть больше нуля"
        exponent = number.as_tuple().exponent
        if places is not None and isinstance(exponent, int) and -exponent > places:
            return f"больше {places} знаков после точки"
        return None

    return check


def _code(codes) -> Check:
    allowed = frozenset(codes)

    def check(value: str) -> str | None:
        return (
            None
            if value in allowed
            else f"значение не из справочника ({', '.join(sorted(allowed))})"
        )

    return check


def _snils(value: str) -> str | None:
    if not re.fullmatch(r"\d{11}", value):
        return "СНИЛС — 11 цифр без разделителей"
    return None


BOOLEAN = _code({"true", "false", "1", "0"})
# СМЭВ commons: a Russian name — Cyrillic letters, space, hyphen, apostrophe, dot.
NAME = _string(1, 100, r"[А-ЯЁа-яёIV\-' .]+")


@dataclass(frozen=True)
class El:
    """An element of the schema: its qualified name, how many times it occurs, and either
    the check of its text or its children (an xs:sequence)."""

    ns: str
    name: str
    check: Check | None = None
    min: int = 1
    max: int = 1
    children: tuple[El, ...] = field(default=())

    @property
    def tag(self) -> str:
        return f"{{{self.ns}}}{self.name}"


RECEIVER = El(
    AF,
    "MSZ_receiver",
    children=(
        El(PRSN, "SNILS", _snils),
        El(SMEV, "FamilyName", NAME),
        El(SMEV, "FirstName", NAME),
        El(SMEV, "Patronymic", NAME, min=0),
        El(PRSN, "Gender", _code({"Male", "Female"})),
        El(PRSN, "BirthDate", _date),
    ),
)
SERVICE_FORM = El(
    AF,
    "serviceForm",
    children=(
        El(AF, "amount", _decimal(positive=True)),
        El(AF, "measuryCode", _code(MEASURE_UNITS)),
        El(AF, "content", _string(1, 200), min=0),
        El(AF, "equivalentAmount", _decimal(positive=True, places=2), min=0),
    ),
)
FACT = El(
    PAC,
    "fact",
    children=(
        El(AF, "ID", _uuid),
        El(AF, "OSZCode", _string(1, 11, r"[0-9.]+")),
        RECEIVER,
        El(AF, "LMSZID", _uuid),
        El(AF, "categoryID", _uuid),
        El(AF, "decision_date", _date),
        El(AF, "dateStart", _date),
        El(AF, "dateFinish", _date, min=0),
        El(AF, "needsCriteria", children=(El(AF, "usingSign", BOOLEAN),)),
        El(AF, "assignment_info", children=(SERVICE_FORM,)),
        El(PAC, "lastChanging", _datetime, min=0),
    ),
)
MAX_ERRORS = 100


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def check_element(element, spec: El, path: str) -> list[str]:
    """The errors of one element (already known to carry ``spec``'s name) and its subtree."""
    errors: list[str] = []
    if spec.children:
        if (element.text or "").strip():
            errors.append(f"{path}: текст внутри составного элемента")
        children = list(element)
        position = 0
        for child_spec in spec.children:
            count = 0
            while (
                position < len(children)
                and children[position].tag == child_spec.tag
                and count < child_spec.max
            ):
                errors += check_element(children[position], child_spec, f"{path}/{child_spec.name}")
                position += 1
                count += 1
            if count < child_spec.min:
                errors.append(f"{path}: нет обязательного элемента {child_spec.name}")
        for extra in children[position:]:
            errors.append(f"{path}: лишний или не на своём месте элемент {_local(extra.tag)}")
        return errors
    if len(element):
        errors.append(f"{path}: у простого элемента есть вложенные элементы")
    value = element.text or ""
    if spec.check is not None:
        problem = spec.check(value)
        if problem:
            errors.append(f"{path}: {problem}")
    return errors


def validate(source: IO[bytes]) -> list[str]:
    """The file's errors against the layout of 10.06.S-1.0.2 (an empty list: it conforms)."""
    errors: list[str] = []
    depth = 0
    facts = 0
    seen: dict[str, int] = {}
    expected_at = {
        1: f"{{{MSG}}}data",
        2: f"{{{PAC}}}package",
    }
    try:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                depth += 1
                if depth in expected_at and element.tag != expected_at[depth]:
                    errors.append(
                        f"уровень {depth}: ожидался {_local(expected_at[depth])}, "
                        f"встретился {_local(element.tag)}"
                    )
                if depth == 3:
                    seen[element.tag] = seen.get(element.tag, 0) + 1
                continue
            if depth == 4 and element.tag == FACT.tag:
                facts += 1
                errors += check_element(element, FACT, f"факт {facts}")
                element.clear()
            elif depth == 4:
                errors.append(f"elements: лишний элемент {_local(element.tag)}")
                element.clear()
            elif depth == 3 and element.tag == f"{{{PAC}}}packageID":
                problem = _uuid(element.text or "")
                if problem:
                    errors.append(f"packageID: {problem}")
            elif depth == 3 and element.tag not in {f"{{{PAC}}}elements"}:
                errors.append(f"package: лишний элемент {_local(element.tag)}")
            depth -= 1
            if len(errors) > MAX_ERRORS:
                break
    except Exception as error:  # noqa: BLE001 -- any parser failure is the file's error
        return [*errors, f"файл не читается как XML: {error}"]
    for name in ("packageID", "elements"):
        if seen.get(f"{{{PAC}}}{name}", 0) != 1:
            errors.append(f"package: элемент {name} должен быть ровно один")
    if not facts:
        errors.append("elements: в пакете нет ни одного факта")
    return errors
