"""X-4: the ЕГИССО exports — list, create, card, the facts with their states, marking sent
and ЕГИССО's answer per fact. Only the institution's provider role and heads; anyone else
gets 404 (as for a record outside the scope). Writes go through `egisso.services`."""

import datetime
import uuid

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from resurs.casework.citizens.accesslog import log_records
from resurs.casework.citizens.models import AccessChannel
from resurs.casework.egisso import permissions, selectors, services
from resurs.casework.egisso.models import ExportStatus, FactState, LeftOut
from resurs.kernel.organisations.api import Page

router = Router(tags=["Выгрузки в ЕГИССО"])


def _allowed(request) -> None:
    from django.http import Http404

    if not permissions.can_export(request.scope):
        raise Http404


class ExportOut(Schema):
    id: int
    organisation_id: int
    period: datetime.date
    status: ExportStatus
    package_id: uuid.UUID
    facts_count: int
    left_out_count: int
    created_at: datetime.datetime
    sent_at: datetime.datetime | None
    version: int


class ExportDetailOut(ExportOut):
    states: dict[str, int] = Field(description="Фактов в каждом состоянии")


class ExportIn(Schema):
    period: datetime.date = Field(description="Любой день учётного месяца")


class ExportFilterIn(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    status: ExportStatus | None = None


class ExportFactOut(Schema):
    id: int
    fact_id: int
    person_id: int | None = Field(alias="fact.person_id")
    record_id: uuid.UUID
    state: FactState
    left_out: LeftOut | str
    reason: str
    answered_at: datetime.datetime | None


class AnswerIn(Schema):
    accepted: bool
    reason: str = Field("", max_length=2000)


def _detail(export) -> dict:
    return {
        **ExportOut.from_orm(export).dict(),
        "states": selectors.states_of(export),
    }


@router.get("", response=list[ExportOut], summary="Выгрузки учреждения")
@paginate(Page)
def export_list(request, filters: Query[ExportFilterIn]):
    _allowed(request)
    return selectors.exports_visible_to(
        request, selectors.ExportFilter(year=filters.year, status=filters.status or "")
    )


@router.post("", response={201: ExportDetailOut}, summary="Сформировать выгрузку за месяц")
def export_create(request, payload: ExportIn):
    _allowed(request)
    export = services.export_create(
        by=request.membership, organisation=request.membership.organisation, period=payload.period
    )
    return Status(201, _detail(selectors.export_for(request, export.pk)))


@router.get("/{int:pk}", response=ExportDetailOut, summary="Выгрузка")
def export_detail(request, pk: int):
    _allowed(request)
    return _detail(selectors.export_for(request, pk))


@router.get(
    "/{int:pk}/facts", response=list[ExportFactOut], summary="Факты выгрузки и их состояния"
)
@paginate(Page)
def export_facts(request, pk: int, state: FactState | None = None):
    _allowed(request)
    export = selectors.export_for(request, pk)
    return _LoggedFacts(request, selectors.facts_of(request, export, state or ""))


class _LoggedFacts:
    """The page of facts the paginator cuts, logged in the access log as it is read."""

    def __init__(self, request, queryset):
        self.request = request
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        items = list(self.queryset[window])
        log_records(self.request, [item.fact for item in items], channel=AccessChannel.API)
        return items


@router.post("/{int:pk}/sent", response=ExportDetailOut, summary="Отметить отправленной")
def export_sent(request, pk: int):
    _allowed(request)
    export = selectors.export_for(request, pk)
    services.export_mark_sent(by=request.membership, export=export)
    return _detail(selectors.export_for(request, pk))


@router.post("/{int:pk}/withdraw", response=ExportDetailOut, summary="Отозвать неотправленную")
def export_withdraw(request, pk: int):
    _allowed(request)
    export = selectors.export_for(request, pk)
    services.export_withdraw(by=request.membership, export=export)
    return _detail(selectors.export_for(request, pk))


@router.post(
    "/{int:pk}/facts/{int:fact_pk}/answer", response=ExportFactOut, summary="Ответ ЕГИССО по факту"
)
def fact_answer(request, pk: int, fact_pk: int, payload: AnswerIn):
    _allowed(request)
    export = selectors.export_for(request, pk)
    item = selectors.export_fact_for(request, export, fact_pk)
    services.fact_answer(
        by=request.membership, item=item, accepted=payload.accepted, reason=payload.reason
    )
    return selectors.export_fact_for(request, export, fact_pk)
