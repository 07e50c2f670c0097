"""REP-5: the Department sets the weights and norms of the effectiveness coefficient
(reporting.coefficient documents the formula). Attributed, audited, optimistically locked."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from resurs.coordination.reporting.dashboards.selectors import COEFFICIENT_EDITOR_ROLES
from resurs.coordination.reporting.models import CoefficientComponent, CoefficientWeight
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import acting, audit, require, save_with_version
from resurs.kernel.writes.errors import DomainError, StaleVersion

LABEL = "таблицу весов коэффициента эффективности"


def check_table(rows: dict[str, tuple[Decimal, Decimal]]) -> None:
    """The rules of a weights table: no negative weight, a positive norm, some weight."""
    labels = dict(CoefficientComponent.choices)
    for component, (weight, norm) in rows.items():
        name = labels.get(component, component)
        if weight is None or weight < 0:
            raise DomainError(f"«{name}»: вес не может быть отрицательным.")
        if norm is None or norm <= 0:
            raise DomainError(f"«{name}»: норматив должен быть больше нуля.")
    if not any(weight > 0 for weight, _norm in rows.values()):
        raise DomainError(
            "Хотя бы одна составляющая должна иметь вес больше нуля: иначе коэффициент "
            "не из чего считать."
        )


@transaction.atomic
def update_weights(*, by, rows: dict[str, dict]) -> list[CoefficientWeight]:
    """``rows``: component → {"weight", "norm", "version"} (the version the editor loaded).
    Saves the changed components; a component somebody saved meanwhile raises StaleVersion
    and nothing is saved. Returns the changed rows."""
    _user, scope, _role = acting(by)
    require(
        scope is not None and scope.role in COEFFICIENT_EDITOR_ROLES,
        "Веса коэффициента эффективности устанавливает Департамент.",
    )
    current = {w.component: w for w in CoefficientWeight.objects.select_for_update()}
    table = {c: (w.weight, w.norm) for c, w in current.items()}
    for component, values in rows.items():
        if component not in CoefficientComponent.values:
            raise DomainError(f"Нет такой составляющей коэффициента: «{component}».")
        table[component] = (values["weight"], values["norm"])
    check_table(table)
    changed = []
    for component, values in rows.items():
        weight = current.get(component)
        if weight is None:
            weight = CoefficientWeight(
                component=component, weight=values["weight"], norm=values["norm"]
            )
            weight.full_clean()
            weight.save()
            audit(by, weight, AuditAction.CREATE)
            changed.append(weight)
            continue
        if values.get("version") is not None and weight.version != values["version"]:
            # Somebody saved this row after the editor opened the table: nothing is saved.
            raise StaleVersion(LABEL)
        if weight.weight == values["weight"] and weight.norm == values["norm"]:
            continue
        before = snapshot(weight)
        weight.weight, weight.norm = values["weight"], values["norm"]
        weight.full_clean()
        save_with_version(
            weight, expected_version=values.get("version"), fields=["weight", "norm"], label=LABEL
        )
        audit(by, weight, AuditAction.UPDATE, before=before)
        changed.append(weight)
    return changed
