"""The rental point of technical means of rehabilitation (SPEC §9, TSR-1..5; seed 002 app. 1).

The inventory (kinds, tariffs, items, their maintenance and write-off) is the institution's
own: visible with its organisation. Applications, contracts, loans and charges are a
citizen's personal data: fail-closed (``CaseworkQuerySet``), read through ``visible_to`` or
``all_records`` inside the services, and never written to the trail in clear.

The rules (who is given an item free, who goes first, what a return costs) live in
``eligibility.py``, ``queue.py``, ``money.py`` and ``services.py``; the numbers that are data
in the regulation in ``norms.py``.
"""

from resurs.casework.rental.models.applications import (
    DOCUMENTS,
    NEED_DOCUMENTS,
    Application,
    ApplicationQuerySet,
    ApplicationState,
    Category,
    DisabilityGroup,
    Priority,
    RefusalGround,
)
from resurs.casework.rental.models.contracts import (
    Charge,
    ChargeKind,
    Contract,
    ContractPartQuerySet,
    ContractQuerySet,
    ContractState,
    Loan,
    Return,
    ReturnCondition,
    ReturnQuerySet,
    ReturnReason,
)
from resurs.casework.rental.models.demand import (
    DemandLine,
    DemandLineQuerySet,
    DemandRequest,
    DemandRequestQuerySet,
    DemandState,
)
from resurs.casework.rental.models.inventory import (
    MONEY,
    Item,
    ItemKind,
    ItemQuerySet,
    ItemSource,
    ItemState,
    Maintenance,
    MaintenanceQuerySet,
    Tariff,
    TimeUnit,
    WriteOff,
    WriteOffQuerySet,
)
from resurs.casework.rental.models.point import RentalPoint, RentalPointQuerySet

__all__ = [
    "Application",
    "ApplicationQuerySet",
    "ApplicationState",
    "Category",
    "Charge",
    "ChargeKind",
    "Contract",
    "ContractPartQuerySet",
    "ContractQuerySet",
    "ContractState",
    "DemandLine",
    "DemandLineQuerySet",
    "DemandRequest",
    "DemandRequestQuerySet",
    "DemandState",
    "DisabilityGroup",
    "DOCUMENTS",
    "Item",
    "ItemKind",
    "ItemQuerySet",
    "ItemSource",
    "ItemState",
    "Loan",
    "Maintenance",
    "MaintenanceQuerySet",
    "MONEY",
    "NEED_DOCUMENTS",
    "Priority",
    "RefusalGround",
    "RentalPoint",
    "RentalPointQuerySet",
    "Return",
    "ReturnCondition",
    "ReturnQuerySet",
    "ReturnReason",
    "Tariff",
    "TimeUnit",
    "WriteOff",
    "WriteOffQuerySet",
]
