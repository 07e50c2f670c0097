"""X-4: the events API — Consultations (EVT-3)."""

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from resurs.coordination.events import selectors, services
from resurs.coordination.events.api.common import (
    _resolve,
    _scope,
    router,
)
from resurs.coordination.events.models import (
    Consultation,
    ConsultationAudience,
    ConsultationGrouping,
    ConsultationMode,
)
from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations.api import Page

# --- consultations (EVT-3) -------------------------------------------------------------------


class ConsultationOut(Schema):
    id: int
    organisation_id: int
    direction_id: int | None
    audience: ConsultationAudience
    consulted_organisation_ids: list[int]
    people_count: int
    form: ConsultationGrouping
    mode: ConsultationMode
    held_on: date
    topic: str
    specialist_id: int | None
    specialist_name: str
    version: int

    @staticmethod
    def resolve_consulted_organisation_ids(obj):
        return [o.pk for o in obj.consulted_list]


class ConsultationIn(Schema):
    organisation_id: int | None = Field(None, description="По умолчанию — ваша организация")
    direction_id: int | None = None
    audience: ConsultationAudience
    consulted_organisation_ids: list[int] = []
    people_count: int = Field(1, ge=1)
    form: ConsultationGrouping = ConsultationGrouping.INDIVIDUAL
    mode: ConsultationMode = ConsultationMode.IN_PERSON
    held_on: date
    topic: str = Field(min_length=3, max_length=500)
    specialist_id: int | None = Field(None, description="Консультант — пользователь системы")
    specialist_name: str = Field("", max_length=255)


class ConsultationPatch(PatchSchema):
    model = Consultation
    version: int
    direction_id: int | None = None
    audience: ConsultationAudience | None = None
    consulted_organisation_ids: list[int] | None = None
    people_count: int | None = Field(None, ge=1)
    form: ConsultationGrouping | None = None
    mode: ConsultationMode | None = None
    held_on: date | None = None
    topic: str | None = Field(None, min_length=3, max_length=500)
    specialist_id: int | None = None
    specialist_name: str | None = Field(None, max_length=255)


class ConsultationFilterIn(Schema):
    q: str = ""
    audience: ConsultationAudience | None = None
    form: ConsultationGrouping | None = None
    mode: ConsultationMode | None = None
    direction_id: int | None = None
    organisation_id: int | None = None
    consulted_organisation_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def _consulted(request, ids):
    if ids is None:
        return None
    found = list(selectors.organisation_choices_for(_scope(request)).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError(
            {"consulted_organisation_ids": ["Указана организация, которой нет в справочнике."]}
        )
    return found


def _specialist(data: dict, organisation) -> None:
    """``specialist_id`` → the user, among the active staff of the consulting organisation."""
    if "specialist_id" not in data:
        return
    specialist_id = data.pop("specialist_id")
    specialist = None
    if specialist_id is not None:
        specialist = selectors.specialists_for_choice(organisation.pk).filter(pk=specialist_id)
        specialist = specialist.first()
        if specialist is None:
            raise ValidationError(
                {"specialist_id": ["Консультант — сотрудник организации, давшей консультацию."]}
            )
    data["specialist"] = specialist


@router.get("/consultations", response=list[ConsultationOut], summary="Консультации")
@paginate(Page)
def consultation_list(request, filters: Query[ConsultationFilterIn]):
    return selectors.consultations_visible_to(
        _scope(request),
        selectors.ConsultationFilter(
            text=filters.q,
            audience=filters.audience or "",
            form=filters.form or "",
            mode=filters.mode or "",
            direction_id=filters.direction_id,
            organisation_id=filters.organisation_id,
            consulted_organisation_id=filters.consulted_organisation_id,
            date_from=filters.date_from,
            date_to=filters.date_to,
        ),
    )


@router.get("/consultations/{int:pk}", response=ConsultationOut, summary="Консультация")
def consultation_detail(request, pk: int):
    return selectors.consultation_for(_scope(request), pk)


@router.post("/consultations", response={201: ConsultationOut}, summary="Внести консультацию")
def consultation_create(request, payload: ConsultationIn):
    data = payload.dict()
    consulted = _consulted(request, data.pop("consulted_organisation_ids"))
    data = _resolve(request, data)
    _specialist(data, data["organisation"])
    consultation = services.consultation_create(
        by=request.membership, consulted_organisations=consulted, **data
    )
    return Status(201, selectors.consultation_for(_scope(request), consultation.pk))


@router.patch("/consultations/{int:pk}", response=ConsultationOut, summary="Изменить консультацию")
def consultation_update(request, pk: int, payload: ConsultationPatch):
    consultation = selectors.consultation_for(_scope(request), pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    consulted = _consulted(request, data.pop("consulted_organisation_ids", None))
    _specialist(data, consultation.organisation)
    services.consultation_update(
        by=request.membership,
        consultation=consultation,
        expected_version=version,
        consulted_organisations=consulted,
        **_resolve(request, data),
    )
    return selectors.consultation_for(_scope(request), pk)
