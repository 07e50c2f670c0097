"""Writes of the catalogue of social services (SOC-11): a service added or edited, a tariff
set from a date. The catalogue pages, its import from a file, the shipped demo list and the
tests call these; each write is checked, locked and audited through `resurs.kernel.writes`.

The catalogue is the region's list: it is kept by the roles that keep the region's
directories (``permissions.CATALOGUE_EDIT_ROLES``). A tariff is dated data: a new price is a
new row from its date, the rows before it are never rewritten, and a fact keeps the price it
copied on its own date (`services.fact_record`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction

from resurs.casework.socialservices import permissions
from resurs.casework.socialservices.models import Service, ServiceFact, Tariff
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import acting, assign, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError

EDIT_MESSAGE = "Перечень социальных услуг ведут Департамент и администратор системы."
SERVICE_FIELDS = (
    "code",
    "name",
    "kind",
    "form",
    "measure_unit",
    "is_paid",
    "allows_anonymous",
    "egisso_code",
    "order_ref",
    "is_active",
)
# A tariff's date is typed by a person or read from a file: far dates are typing errors.
EARLIEST_TARIFF = datetime.date(2000, 1, 1)
LATEST_TARIFF = datetime.date(2100, 12, 31)
MAX_PRICE = Decimal("99999999.99")  # the column holds 10 digits, 2 after the comma


def normalise_code(code: str) -> str:
    """A code as kept: no spaces around it, Cyrillic capitals as typed («сб-01» → «СБ-01»)."""
    return " ".join((code or "").split()).upper()


def _require_edit(by) -> None:
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_catalogue(scope), EDIT_MESSAGE)


def _check_code_free(code: str, service: Service | None = None) -> None:
    taken = Service.objects.filter(code__iexact=code)
    if service is not None:
        taken = taken.exclude(pk=service.pk)
    if taken.exists():
        raise DomainError(f"Услуга с кодом «{code}» уже есть в перечне.")


def check_price(price) -> Decimal:
    """A tariff as a Decimal of kopecks, never negative, that fits the column."""
    try:
        value = Decimal(str(price).replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(f"«{price}» — не сумма: укажите тариф числом, например 35,55.") from exc
    if not value.is_finite():
        raise DomainError("Укажите тариф числом, например 35,55.")
    if value < 0:
        raise DomainError("Тариф не может быть отрицательным.")
    if value > MAX_PRICE:
        raise DomainError("Тариф слишком большой: проверьте сумму.")
    if value != value.quantize(Decimal("0.01")):
        raise DomainError(
            "Тариф указывается в рублях с копейками: не больше двух знаков после запятой."
        )
    return value.quantize(Decimal("0.01"))


def check_tariff_date(day: datetime.date) -> None:
    if not EARLIEST_TARIFF <= day <= LATEST_TARIFF:
        raise DomainError(
            f"Дата начала действия тарифа {day:%d.%m.%Y} вне допустимых пределов "
            f"({EARLIEST_TARIFF:%d.%m.%Y} — {LATEST_TARIFF:%d.%m.%Y})."
        )


@transaction.atomic
def service_create(
    *,
    by,
    code: str,
    name: str,
    kind: str,
    form: str,
    measure_unit: str = "услуга",
    is_paid: bool = False,
    allows_anonymous: bool = False,
    egisso_code: str = "",
    order_ref: str = "",
    is_active: bool = True,
    tariff_from: datetime.date | None = None,
    tariff_price: Decimal | None = None,
    tariff_order_ref: str = "",
) -> Service:
    """SOC-11: a service added to the regional list, with its first tariff if given."""
    _require_edit(by)
    if (tariff_from is None) != (tariff_price is None):
        raise DomainError("Укажите тариф и дату, с которой он действует, — оба или ни одного.")
    code = normalise_code(code)
    _check_code_free(code)
    service = Service(
        code=code,
        name=" ".join((name or "").split()),
        kind=kind,
        form=form,
        measure_unit=(measure_unit or "").strip() or "услуга",
        is_paid=is_paid,
        allows_anonymous=allows_anonymous,
        egisso_code=(egisso_code or "").strip(),
        order_ref=(order_ref or "").strip(),
        is_active=is_active,
    )
    service.full_clean()
    service.save()
    audit(by, service, AuditAction.CREATE)
    if tariff_from is not None and tariff_price is not None:
        tariff_set(
            by=by,
            service=service,
            valid_from=tariff_from,
            price=tariff_price,
            order_ref=tariff_order_ref or order_ref,
        )
    return service


@transaction.atomic
def service_update(*, by, service: Service, expected_version: int | None, **fields) -> Service:
    """SOC-11: a service of the list edited. Facts copied its code, form and tariff on their
    dates, so an edit rewrites none of them; the code of a service with facts stays (the
    journals and the files of other systems know it by that code)."""
    _require_edit(by)
    before = snapshot(locked(service))
    if "code" in fields:
        fields["code"] = normalise_code(fields["code"])
        if fields["code"] != before["code"]:
            if ServiceFact.all_records.filter(service_id=service.pk).exists():
                raise DomainError(
                    "По услуге уже внесены факты: её код не меняется. Исключите услугу из "
                    "перечня и добавьте новую с другим кодом."
                )
            _check_code_free(fields["code"], service)
    for text in ("name", "measure_unit", "egisso_code", "order_ref"):
        if text in fields:
            fields[text] = " ".join((fields[text] or "").split())
    assign(service, fields, SERVICE_FIELDS)
    service.full_clean(validate_unique=False)
    save_with_version(
        service, expected_version=expected_version, fields=list(fields), label="услугу"
    )
    audit(by, service, AuditAction.UPDATE, before=before)
    return service


@transaction.atomic
def tariff_set(
    *, by, service: Service, valid_from: datetime.date, price, order_ref: str = ""
) -> Tariff:
    """SOC-11: a new tariff from a date. A tariff once set is never rewritten: a new price is
    a new row, and the facts before it keep the tariff they were given at."""
    _require_edit(by)
    price = check_price(price)
    check_tariff_date(valid_from)
    # Two editors setting a tariff of one service wait for each other here.
    locked(service)
    existing = Tariff.objects.filter(service=service, valid_from=valid_from).first()
    if existing is not None:
        raise DomainError(
            f"Тариф с {valid_from:%d.%m.%Y} уже установлен ({existing.price} руб.): "
            "установленный тариф не переписывается — укажите другую дату начала."
        )
    tariff = Tariff(
        service=service, valid_from=valid_from, price=price, order_ref=(order_ref or "").strip()
    )
    tariff.full_clean(validate_constraints=False)
    tariff.save()
    audit(by, tariff, AuditAction.CREATE, parent=service)
    return tariff
