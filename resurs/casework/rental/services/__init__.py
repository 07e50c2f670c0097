"""Writes of the rental point (SPEC §9, TSR-1..5; seed 002 app. 1): the inventory, the
applications and their waiting list, the contract with its loans, the extension, the return
with its charges and refunds. Each write goes through the kernel's write path (who acts, the
permission, the row lock, the audit entry) and each decision names its paragraph.

Stock is taken under row locks in one fixed order — the institution's row (it numbers the
contracts), then the items by id — so two people issuing the last item of a kind at once are
served one after the other: the second sees the item taken and is told so.
"""

from resurs.casework.rental.services.applications import (
    application_create,
    application_refuse,
    application_withdraw,
    waiting_list_move,
)
from resurs.casework.rental.services.common import (
    ITEM_TAKEN,
    NOT_YOURS,
    OLD_AGE,
)
from resurs.casework.rental.services.contracts import (
    extend,
    issue,
    return_items,
)
from resurs.casework.rental.services.inventory import (
    item_create,
    maintenance_finish,
    maintenance_start,
    point_save,
    tariff_set,
    write_off,
)

__all__ = [
    "application_create",
    "application_refuse",
    "application_withdraw",
    "extend",
    "issue",
    "item_create",
    "ITEM_TAKEN",
    "maintenance_finish",
    "maintenance_start",
    "NOT_YOURS",
    "point_save",
    "tariff_set",
    "OLD_AGE",
    "return_items",
    "waiting_list_move",
    "write_off",
]
