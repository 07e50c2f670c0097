"""The rental point's paper journals computed from its records (seed 002 app. 1 §3.3, §5.3):
the issue journal «Журнал учета выдачи ТСР во временное пользование» (app. 2, 14 columns)
and the movement journal «Журнал движения ТСР» (app. 4, 6 columns).

A row is an item issued under a contract (a ``Loan``): its application, its citizen, the
contract, the return. Rows are read from the loans of the contracts the user sees
(``Loan.objects.visible_to`` follows the contract's scope) in one query with their joins and
one for the returns, whatever their number. The issue journal takes the items issued in the
period; the movement journal the items issued or returned in it. As documents, the journals
are landscape lists whose columns all stay on the PDF page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from resurs.casework.rental.models import ItemKind, Loan, Return
from resurs.kernel.documents import Document, Line

# App. 2: (group, column) of each of the 14 columns, as the form's two header rows say them.
ISSUE_GROUPS = (
    ("", "№ п/п"),
    ("", "Дата приема заявления"),
    ("Сведения о заявителе", "фамилия, имя, отчество"),
    ("Сведения о заявителе", "адрес места жительства"),
    ("Информация о необходимом ТСР", "наименование"),
    ("Информация о необходимом ТСР", "период"),
    ("Информация о выданном ТСР", "наименование"),
    ("Информация о выданном ТСР", "основание (реквизиты договора)"),
    ("Информация о выдаче ТСР", "дата получения, подпись получившего лица"),
    ("Информация о выдаче ТСР", "выдал (подпись выдавшего лица, должность)"),
    ("", "Отметка о доставке ТСР к месту жительства"),
    ("Информация о возврате ТСР", "дата возврата (подпись получившего ТСР лица)"),
    ("Информация о возврате ТСР", "принял (подпись принявшего ТСР лица, должность)"),
    ("Информация о возврате ТСР", "Примечание (состояние возвращенного ТСР)"),
)
ISSUE_WIDTHS = (7, 16, 20, 19, 16, 16, 18, 17, 16, 17, 11, 16, 17, 17)
# App. 4.
MOVEMENT_GROUPS = (
    ("", "№ п/п"),
    ("", "Наименование ТСР"),
    ("", "Дата выдачи"),
    ("", "Получатель ТСР"),
    ("Дата возврата ТСР", "согласно договору"),
    ("Дата возврата ТСР", "фактически"),
)
MOVEMENT_WIDTHS = (8, 40, 14, 34, 16, 16)


def header_of(group: str, column: str) -> str:
    """The one-row header of a column: «Сведения о заявителе: фамилия, имя, отчество»."""
    return f"{group}: {column}" if group else column


ISSUE_HEADERS = tuple(header_of(group, column) for group, column in ISSUE_GROUPS)
MOVEMENT_HEADERS = tuple(header_of(group, column) for group, column in MOVEMENT_GROUPS)


def header_rows(groups) -> list[list[tuple[str, int, int]]]:
    """The two header rows of a page's table: (text, colspan, rowspan) cells; a column of no
    group spans both rows, a group spans its columns."""
    top: list[tuple[str, int, int]] = []
    bottom: list[tuple[str, int, int]] = []
    for group, column in groups:
        if not group:
            top.append((column, 1, 2))
        elif top and top[-1][0] == group:
            top[-1] = (group, top[-1][1] + 1, 1)
            bottom.append((column, 1, 1))
        else:
            top.append((group, 1, 1))
            bottom.append((column, 1, 1))
    return [top, bottom]


def _d(day: datetime.date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else ""


@dataclass(frozen=True)
class JournalFilter:
    """The period (both days included) and the kind of the item, if one is chosen."""

    date_from: datetime.date
    date_to: datetime.date
    kind: ItemKind | None = None

    @classmethod
    def this_year(cls) -> JournalFilter:
        today = timezone.localdate()
        return cls(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31))

    @property
    def label(self) -> str:
        text = f"с {_d(self.date_from)} по {_d(self.date_to)}"
        return f"{text}, {self.kind.name}" if self.kind else text


def loans_visible_to(who, filters: JournalFilter, *, movement: bool = False):
    """The loans of the contracts ``who`` sees, with everything a row shows."""
    issued = Q(contract__starts_on__range=(filters.date_from, filters.date_to))
    if movement:
        issued |= Q(returned_on__range=(filters.date_from, filters.date_to))
    loans = Loan.objects.visible_to(who).filter(issued)
    if filters.kind is not None:
        loans = loans.filter(item__kind=filters.kind)
    return (
        loans.select_related(
            "contract",
            "contract__person",
            "contract__specialist",
            "contract__application",
            "contract__application__requested_kind",
            "item",
            "item__kind",
        )
        .prefetch_related(
            Prefetch(
                "returns",
                queryset=Return.all_records.select_related("accepted_by").order_by("id"),
            )
        )
        .order_by("contract__starts_on", "contract_id", "id")
    )


@dataclass(frozen=True)
class IssueRow:
    number: int
    loan: Loan

    @property
    def contract(self):
        return self.loan.contract

    @property
    def applied_on(self) -> datetime.date:
        return timezone.localtime(self.loan.contract.application.applied_at).date()

    @property
    def accepted_by(self):
        returns = list(self.loan.returns.all())
        return returns[-1].accepted_by if returns else None

    def cells(self) -> list[str]:
        """The 14 columns of app. 2 (the signatures are put on the printed page)."""
        loan, contract = self.loan, self.loan.contract
        application, person = contract.application, contract.person
        received = _d(contract.starts_on)
        if contract.representative_name:
            received += f"\nпредставитель: {contract.representative_name}"
        accepted = self.accepted_by
        return [
            str(self.number),
            _d(self.applied_on),
            person.full_name,
            person.actual_address or person.registration_address,
            application.requested_kind.name,
            f"с {_d(contract.starts_on)}\nпо {_d(contract.current_end)}",
            f"{loan.item.kind.name} (клеймо {loan.item.mark})",
            f"Договор № {contract.number} от {_d(contract.concluded_on)}",
            received,
            contract.specialist.get_full_name() if contract.specialist else "",
            "доставлено на дом" if contract.delivery else "",
            _d(loan.returned_on),
            accepted.get_full_name() if accepted else "",
            loan.get_return_condition_display() if loan.return_condition else "",
        ]


@dataclass(frozen=True)
class MovementRow:
    number: int
    loan: Loan

    @property
    def contract(self):
        return self.loan.contract

    @property
    def due_on(self) -> datetime.date:
        """The return date by the contract: its end, or the end of its extension."""
        return self.loan.contract.current_end

    def cells(self) -> list[str]:
        loan = self.loan
        return [
            str(self.number),
            f"{loan.item.kind.name} (клеймо {loan.item.mark})",
            _d(loan.contract.starts_on),
            loan.contract.person.full_name,
            _d(self.due_on),
            _d(loan.returned_on),
        ]


def issue_rows(loans, *, start: int = 1) -> list[IssueRow]:
    return [IssueRow(number, loan) for number, loan in enumerate(loans, start=start)]


def movement_rows(loans, *, start: int = 1) -> list[MovementRow]:
    return [MovementRow(number, loan) for number, loan in enumerate(loans, start=start)]


def _journal_document(
    *, title: str, filename: str, headers, widths, rows, filters: JournalFilter, holder: str
) -> Document:
    lines = [
        Line([title], "title"),
        Line([f"{holder}. Период: {filters.label}."]),
        Line(list(headers), "header"),
        Line([str(n) for n in range(1, len(headers) + 1)]),
    ]
    if not rows:
        lines.append(Line(["За период записей нет."] + [""] * (len(headers) - 1)))
    lines += [Line(row.cells()) for row in rows]
    return Document(
        filename=f"{filename}-{filters.date_from:%Y%m%d}-{filters.date_to:%Y%m%d}",
        title=title,
        columns=list(zip(headers, widths, strict=True)),
        lines=lines,
        landscape=True,
        freeze_header=True,
    )


ISSUE_TITLE = "Журнал учета выдачи технических средств реабилитации во временное пользование"
MOVEMENT_TITLE = "Журнал движения технических средств реабилитации"


def issue_document(rows: list[IssueRow], filters: JournalFilter, *, holder: str) -> Document:
    """App. 2 as a printable list."""
    return _journal_document(
        title=ISSUE_TITLE, filename="zhurnal-vydachi-tsr", headers=ISSUE_HEADERS,
        widths=ISSUE_WIDTHS, rows=rows, filters=filters, holder=holder,
    )  # fmt: skip


def movement_document(rows: list[MovementRow], filters: JournalFilter, *, holder: str) -> Document:
    """App. 4 as a printable list."""
    return _journal_document(
        title=MOVEMENT_TITLE, filename="zhurnal-dvizheniya-tsr", headers=MOVEMENT_HEADERS,
        widths=MOVEMENT_WIDTHS, rows=rows, filters=filters, holder=holder,
    )  # fmt: skip
