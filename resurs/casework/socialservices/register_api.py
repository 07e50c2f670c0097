"""X-4: the register of recipients of social services (442-FZ art. 25) by period, scoped as
the data bank; every recipient returned is written in the access log (channel «API»)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from resurs.casework.citizens.accesslog import log_records
from resurs.casework.citizens.models import AccessChannel
from resurs.casework.socialservices import permissions, register
from resurs.casework.socialservices.models import ServiceForm

router = Router(tags=["Регистр получателей социальных услуг"])
MAX_PAGE_SIZE = 200


class RegisterIn(Schema):
    year: int = Field(default_factory=lambda: timezone.localdate().year, ge=2000, le=2100)
    month: int | None = Field(None, ge=1, le=12, description="Пусто — весь год")
    unit_id: int | None = None
    form: ServiceForm | None = None
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class ServiceCountOut(Schema):
    code: str
    count: int


class RegisterRowOut(Schema):
    number: int
    person_id: int
    full_name: str
    snils: str
    birth_date: datetime.date
    plan_id: int | None
    plan_approved_on: datetime.date | None
    plan_starts_on: datetime.date | None
    plan_ends_on: datetime.date | None
    contract_on: datetime.date | None = Field(
        description="Дата договора, определённая по данным системы (см. contract_rule)"
    )
    forms: list[str]
    services: int
    codes: list[ServiceCountOut]
    first_on: datetime.date
    last_on: datetime.date


class RegisterPageOut(Schema):
    period_from: datetime.date
    period_to: datetime.date
    count: int
    contract_rule: str
    items: list[RegisterRowOut]


def _row(row: register.RegisterRow) -> dict:
    plan = row.plan
    return {
        "number": row.number,
        "person_id": row.person.pk,
        "full_name": row.person.full_name,
        "snils": row.person.snils,
        "birth_date": row.person.birth_date,
        "plan_id": plan.pk if plan else None,
        "plan_approved_on": plan.approved_on if plan else None,
        "plan_starts_on": plan.starts_on if plan else None,
        "plan_ends_on": plan.ends_on if plan else None,
        "contract_on": row.contract_on,
        "forms": row.forms,
        "services": row.services,
        "codes": [{"code": code, "count": count} for code, count in row.codes],
        "first_on": row.first_on,
        "last_on": row.last_on,
    }


@router.get("", response=RegisterPageOut, summary="Регистр получателей за период")
def register_list(request, query: Query[RegisterIn]):
    if not permissions.can_read_register(request.scope):
        raise PermissionDenied("Регистр получателей ведут сотрудники учреждения и УСЗН.")
    filters = register.RegisterFilter(
        year=query.year, month=query.month, unit_id=query.unit_id, form=query.form or ""
    )
    paginator = Paginator(register.recipients(request, filters), query.page_size)
    page = paginator.get_page(query.page)
    rows = register.rows(request, filters, list(page.object_list), start=page.start_index())
    log_records(request, [row.person for row in rows], channel=AccessChannel.API)
    return {
        "period_from": filters.starts_on,
        "period_to": filters.ends_on,
        "count": paginator.count,
        "contract_rule": register.CONTRACT_LEGEND,
        "items": [_row(row) for row in rows],
    }
