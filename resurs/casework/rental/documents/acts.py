"""The act of transfer (appendix 1 to the contract) and the act of acceptance on return
(its reverse side)."""

from __future__ import annotations

from decimal import Decimal

from resurs.casework.journals.declension import decline_user
from resurs.casework.rental.documents.common import (
    ACT_COLUMNS,
    ACT_HEADER,
    BLANK,
    CITY,
    GENITIVE,
    acting_word,
    contract_ref,
    file_number,
    initials,
    item_name,
    loans_of,
    long_date,
    money,
    short_date,
    signer,
)
from resurs.casework.rental.models import Charge, Contract, Loan, Return, ReturnCondition
from resurs.kernel.documents import Document, Line
from resurs.kernel.russian import rubles_in_words


def _act_row(number: int, loan: Loan, note: str) -> Line:
    item = loan.item
    return Line(
        [number, item_name(loan), item.characteristics or "—", money(item.book_value), note]
    )


def transfer_act_lines(contract: Contract, loans: list[Loan]) -> list[Line]:
    """The act of transfer: every item of the contract with its book value."""
    specialist = decline_user(contract.specialist, GENITIVE) if contract.specialist else BLANK
    representative = (
        f" (законный представитель по доверенности {contract.representative_name}, "
        f"{acting_word(contract.representative_name)} на основании доверенности "
        f"{contract.representative_document or BLANK})"
        if contract.representative_name
        else ""
    )
    total = sum((loan.item.book_value for loan in loans), Decimal("0"))
    lines = [
        Line([f"Приложение 1 к договору {contract_ref(contract)}"]),
        Line([f"АКТ № {contract.number}"], "title"),
        Line(["передачи технических средств реабилитации и технической документации"], "title"),
        Line([f"{CITY}, {long_date(contract.starts_on)}"]),
        Line(
            [
                f"{contract.organisation.name} в лице специалиста {specialist}, с одной стороны, "
                f"и Обслуживаемый {contract.person.full_name}{representative}, с другой стороны, "
                f"составили настоящий акт о передаче по договору {contract_ref(contract)} «О "
                "передаче технического(их) средства реабилитации во временное пользование» "
                "следующих средств реабилитации и технической документации:"
            ]
        ),
        Line(ACT_HEADER, "header"),
    ]
    lines += [_act_row(n, loan, loan.item.condition) for n, loan in enumerate(loans, start=1)]
    lines += [
        Line(["", "Итого", "", money(total), ""]),
        Line(),
        Line(["Технические средства находятся в исправном состоянии. Претензий не имею."]),
        Line(["Обслуживаемый", f"{BLANK} / {initials(signer(contract))}"], "field"),
        Line(
            [
                "Консультация по эксплуатации ТСР мне проведена и понятна",
                f"{BLANK} / {initials(signer(contract))}",
            ],
            "field",
        ),
        Line(
            [
                "Акт составил",
                f"специалист {BLANK} / "
                f"{contract.specialist.get_full_name() if contract.specialist else BLANK}",
            ],
            "field",
        ),
    ]
    return lines


def transfer_act_document(contract: Contract) -> Document:
    """Appendix 1 to the contract: the act of transfer of all its items."""
    return Document(
        filename=f"akt-peredachi-{file_number(contract)}",
        title=f"Акт передачи ТСР по договору № {contract.number}",
        columns=ACT_COLUMNS,
        lines=transfer_act_lines(contract, loans_of(contract)),
    )


def _charge_lines(charges: list[Charge]) -> list[Line]:
    if not charges:
        return [Line(["Начислений и возвратов платы по этому акту нет."])]
    lines = [
        Line(["Начисления и возвраты платы"], "section"),
        Line(["Вид", "Предмет", "Сумма, руб.", "Основание"], "header"),
    ]
    lines += [
        Line([c.get_kind_display(), item_name(c.loan), money(c.amount), c.basis]) for c in charges
    ]
    owed = sum((c.amount for c in charges if not c.to_citizen), Decimal("0"))
    refund = sum((c.amount for c in charges if c.to_citizen), Decimal("0"))
    lines.append(Line())
    if owed:
        lines.append(
            Line(
                [
                    f"Обслуживаемый уплачивает Учреждению: {money(owed)} руб. "
                    f"({rubles_in_words(owed)})."
                ]
            )
        )
    if refund:
        lines.append(
            Line(
                [
                    f"Учреждение возвращает Обслуживаемому: {money(refund)} руб. "
                    f"({rubles_in_words(refund)})."
                ]
            )
        )
    return lines


def acceptance_act_lines(ret: Return, loans: list[Loan], charges: list[Charge]) -> list[Line]:
    """The act of acceptance: the items returned with their condition, the charges."""
    contract = ret.contract
    accepted = decline_user(ret.accepted_by, GENITIVE) if ret.accepted_by else BLANK
    representative = (
        f" (законный представитель по доверенности {contract.representative_name}, "
        f"доверенность {contract.representative_document or BLANK})"
        if contract.representative_name
        else ""
    )
    all_good = all(loan.return_condition == ReturnCondition.GOOD for loan in loans)
    lines = [
        Line([f"Приложение 1 к договору {contract_ref(contract)} (оборотная сторона)"]),
        Line(["АКТ"], "title"),
        Line(["приема технических средств реабилитации и технической документации"], "title"),
        Line([f"{CITY}, {long_date(ret.returned_on)}"]),
        Line(
            [
                f"Обслуживаемый {contract.person.full_name}{representative}, с одной стороны, и "
                f"{contract.organisation.name} в лице специалиста {accepted}, с другой стороны, "
                f"составили настоящий акт о приёме по договору {contract_ref(contract)} «О "
                "передаче технического(их) средства реабилитации во временное пользование» "
                "следующих средств реабилитации и технической документации:"
            ]
        ),
        Line(ACT_HEADER, "header"),
    ]
    lines += [
        _act_row(n, loan, loan.get_return_condition_display())
        for n, loan in enumerate(loans, start=1)
    ]
    lines += [
        Line(),
        Line([f"Основание возврата: {ret.get_reason_display()}."]),
    ]
    if ret.notice_given_on:
        lines.append(
            Line([f"Предупреждение о расторжении получено {short_date(ret.notice_given_on)}."])
        )
    if ret.note:
        lines.append(Line([f"Примечание: {ret.note}"]))
    lines.append(
        Line(
            [
                "Технические средства находятся в исправном состоянии."
                if all_good
                else "Технические средства приняты в состоянии, указанном в графе «Примечание»."
            ]
        )
    )
    lines += _charge_lines(charges)
    lines += [
        Line(),
        Line(["Обслуживаемый", f"{BLANK} / {initials(signer(contract))}"], "field"),
        Line(
            [
                "Акт составил",
                f"специалист {BLANK} / "
                f"{ret.accepted_by.get_full_name() if ret.accepted_by else BLANK}",
            ],
            "field",
        ),
    ]
    return lines


def acceptance_act_document(ret: Return) -> Document:
    """The act of acceptance on return (the reverse side of appendix 1 to the contract)."""
    loans = list(ret.loans.select_related("item", "item__kind").order_by("id"))
    charges = list(
        ret.charges.select_related("loan", "loan__item", "loan__item__kind").order_by("id")
    )
    return Document(
        filename=f"akt-priema-{file_number(ret.contract)}-{ret.pk}",
        title=f"Акт приема ТСР по договору № {ret.contract.number}",
        columns=ACT_COLUMNS,
        lines=acceptance_act_lines(ret, loans, charges),
    )
