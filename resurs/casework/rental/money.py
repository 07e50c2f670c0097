"""TSR-5: the rental point's arithmetic — the fee of a term, the refund of an early return
(contract §3.3 «исчисляя ее со дня, следующего за днем фактического возврата»), the repair
and the loss charges (§3.9–3.10; contract §2.3.5–2.3.6). Pure functions of numbers and
dates; the services record what they compute as ``Charge`` rows."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def rental_days(starts_on: datetime.date, ends_on: datetime.date) -> int:
    """Days of a term, both ends counted: from the 1st to the 10th is 10 days."""
    return (ends_on - starts_on).days + 1


def fee(price: Decimal, days: int) -> Decimal:
    """The fee of ``days`` at ``price`` a day, paid at once (contract §3.3)."""
    return money(Decimal(price) * days)


def unused_days(returned_on: datetime.date, ends_on: datetime.date) -> int:
    """Days not used: from the day after the actual return to the last day of the term."""
    return max((ends_on - returned_on).days, 0)


def refund(
    price: Decimal, returned_on: datetime.date, ends_on: datetime.date, paid: Decimal
) -> Decimal:
    """The part of the fee returned for the unused days, never more than was paid."""
    return min(fee(price, unused_days(returned_on, ends_on)), money(paid))
