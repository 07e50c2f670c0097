"""The rental point's rules that are data (seed 002 app. 1, «Положение о пункте проката
технических средств реабилитации», with its appendices): the list of kinds with their
tariffs (app. 3), the service-life norms, the limits of a contract's term. Pure data: the
shipped-data migration and the services read it; nothing here touches the database.

The unit of time of a tariff. App. 3 gives the price «за 1 ед. изм.» without naming the
unit, and §4.4 leaves the tariffs to the director's order. The demo counts in «сутки»
(a day of rental): the prices (30–45 руб.) are day prices of the region's rental points, a
contract's term is agreed in days (§3.6: «не более 1 года»), and the refund of §3.3 of the
contract is counted «со дня, следующего за днем фактического возврата» — by days. The unit
is kept on each tariff (``Tariff.time_unit``), so an order that sets another unit is a new
tariff row, not a change of code.

Service-life norms. §5.4 refers the terms of use to the order of Минздравсоцразвития России of
07.05.2007 № 321 (since replaced by the order of Минтруда России of 13.02.2018 № 85н) and to
the Yugra government's resolution of 07.04.2017 № 123-п. Those orders set the terms for the
items of the federal list given to a disabled person for good; ramps, beds and bedside tables
are not on it. So the norms below are a setting of the institution (``ItemKind.
service_life_months``, edited as data), the demo's values chosen close to the federal terms
where the kind has one (a walking wheelchair 4 years, crutches 2 years), 5 years otherwise;
the responsible person confirms them by the institution's accounting policy (§5.5).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

# §3.6: «на период не более 1 года»; extended once «не более чем на 6 месяцев».
MAX_TERM_MONTHS = 12
MAX_EXTENSION_MONTHS = 6
MAX_EXTENSIONS = 1
# Contract §2.4.5: the citizen ends the contract early «письменно предупредив … не менее чем
# за десять дней до предполагаемой даты расторжения».
NOTICE_DAYS = 10

TARIFFS_SINCE = datetime.date(2024, 1, 1)
TARIFF_ORDER = "Приказ директора учреждения об утверждении тарифов пункта проката (п. 4.4)"


@dataclass(frozen=True)
class ShippedKind:
    number: int  # the line of app. 3
    name: str
    price: Decimal  # руб. за сутки
    service_life_months: int

    @property
    def service_code(self) -> str:
        """The catalogue's service of this kind (socialservices/shipped.py «ПР-01…08»)."""
        return f"ПР-{self.number:02d}"


KINDS: tuple[ShippedKind, ...] = (
    ShippedKind(1, "Пандус телескопический 3-х секционный", Decimal("35.55"), 60),
    ShippedKind(2, "Пандус телескопический 2-х секционный", Decimal("43.37"), 60),
    ShippedKind(
        3, "Многофункциональная кровать 4-х секционная с электроприводом", Decimal("43.24"), 60
    ),
    ShippedKind(4, "Кресло-коляска прогулочная с ручным приводом", Decimal("32.41"), 48),
    ShippedKind(5, "Столик прикроватный", Decimal("30.88"), 60),
    ShippedKind(6, "Ходунки складные", Decimal("30.95"), 60),
    ShippedKind(7, "Кровать многофункциональная с электроприводом", Decimal("44.89"), 60),
    ShippedKind(8, "Костыли", Decimal("30.91"), 24),
)
