"""What the rental point's documents share: the form's city and dates, sums, the names
of the parties declined as the form says them."""

from __future__ import annotations

import datetime
from decimal import Decimal

from resurs.casework.citizens.models import Sex
from resurs.casework.journals.declension import GrammaticalCase, decline, decline_person, sex_of
from resurs.casework.rental.models import Contract, Loan
from resurs.kernel.russian import decimal

GENITIVE = GrammaticalCase.GENITIVE
# The form of the contract and of its acts is the Пыть-Ях institution's (seed 002 app. 1).
CITY = "г. Пыть-Ях"
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря",
)  # fmt: skip
BLANK = "________________"
ACT_COLUMNS = (
    ("№ п/п", 6),
    ("Наименование технического средства", 34),
    ("Технические характеристики", 34),
    ("Стоимость, руб.", 12),
    ("Примечание", 24),
)
ACT_HEADER = [title for title, _width in ACT_COLUMNS]


def long_date(day: datetime.date) -> str:
    """«07» декабря 2026 г., as the form's date line."""
    return f"«{day:%d}» {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def short_date(day: datetime.date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else ""


def money(amount: Decimal) -> str:
    """972,30 — a sum with the decimal comma."""
    return decimal(amount, 2)


def name_parts(full_name: str) -> tuple[str, str, str]:
    parts = (full_name or "").split()
    return (parts + ["", "", ""])[0], (parts + ["", ""])[1], " ".join(parts[2:])


def decline_name(full_name: str, case: str) -> str:
    """A full name typed as one string («Иванов Пётр Сергеевич») in ``case``; its sex told by
    the name itself."""
    last, first, patronymic = name_parts(full_name)
    if not last:
        return ""
    return decline(last, first, patronymic, sex=None, case=case)


def initials(full_name: str) -> str:
    last, first, patronymic = name_parts(full_name)
    return f"{last} " + "".join(f"{p[0]}." for p in (first, patronymic) if p) if last else ""


def citizen_word(person, case: str = GrammaticalCase.NOMINATIVE) -> str:
    female = person.sex == Sex.FEMALE
    if case == GENITIVE:
        return "гражданки" if female else "гражданина"
    return "гражданка" if female else "гражданин"


def acting_word(full_name: str) -> str:
    return "действующая" if sex_of(*name_parts(full_name)) == "female" else "действующий"


def contract_ref(contract: Contract) -> str:
    return f"№ {contract.number} от {short_date(contract.concluded_on)}"


def loans_of(contract: Contract) -> list[Loan]:
    return list(contract.loans.select_related("item", "item__kind").order_by("id"))


def item_name(loan: Loan) -> str:
    return f"{loan.item.kind.name} (клеймо {loan.item.mark})"


def serviced(contract: Contract) -> str:
    """The «Обслуживаемый» as the form names them: the citizen with the benefit category, or
    the representative by power of attorney acting in the citizen's interests."""
    person = contract.person
    category = contract.application.get_category_display()
    citizen = f"{citizen_word(person, GENITIVE)} {decline_person(person, GENITIVE)}"
    if contract.representative_name:
        return (
            f"{contract.representative_name}, {acting_word(contract.representative_name)} "
            f"по доверенности {contract.representative_document or BLANK} в интересах "
            f"{citizen} (льготная категория: п. {category})"
        )
    return f"{citizen_word(person)} {person.full_name} (льготная категория: п. {category})"


def director_genitive(contract: Contract) -> str:
    head = contract.organisation.head_name
    return decline_name(head, GENITIVE) if head else BLANK


def address_of(person) -> str:
    return person.actual_address or person.registration_address or BLANK


def identity(person) -> str:
    if not (person.document_series or person.document_number):
        return f"Документ, удостоверяющий личность: {BLANK}"
    issued = ", ".join(
        part for part in (person.document_issued_by, short_date(person.document_issued_on)) if part
    )
    kind = person.document_kind or "Паспорт"
    return f"{kind}: серия {person.document_series} № {person.document_number}" + (
        f", выдан {issued}" if issued else ""
    )


def signer(contract: Contract) -> str:
    return contract.representative_name or contract.person.full_name


def file_number(contract: Contract) -> str:
    return contract.number.replace("/", "-")
