"""X-4: the endpoints of requests and instructions (REP-9); every query goes through the
selectors' scope, every write through `instructions.services` (same rules and audit as the UI).

The sender lists, reads and sends its instructions, closes or cancels them, accepts or returns
answers; an addressee lists what it received and answers (text, then files). An addressee
sees its own answer only: another addressee's row is 404. Lists are paginated
(?page, ?page_size).
"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from resurs.coordination.instructions import selectors, services
from resurs.coordination.instructions.models import (
    AddresseeStatus,
    Control,
    InstructionKind,
    InstructionState,
)
from resurs.kernel.attachments.services import attachment_add
from resurs.kernel.organisations.api import Page
from resurs.kernel.writes.errors import DomainError

router = Router(tags=["Запросы и поручения"])


def _scope(request):
    return request.scope


class InstructionFileOut(Schema):
    id: int
    title: str
    original_name: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj):
        return f"/files/{obj.pk}/"


class AddresseeOut(Schema):
    id: int
    instruction_id: int
    organisation_id: int
    organisation_name: str = Field(alias="organisation.name")
    status: AddresseeStatus
    control: Control = Field(description="Контроль срока: в срок, с опозданием, открыт, просрочен")
    days_late: int = Field(description="Дней сверх срока: ответа или, для открытого, сегодня")
    answer_text: str
    answered_at: datetime | None
    answered_on: date | None
    first_answered_at: datetime | None
    return_remark: str
    returned_at: datetime | None
    returns_count: int
    accepted_at: datetime | None
    version: int

    @staticmethod
    def resolve_control(obj):
        return obj.control()

    @staticmethod
    def resolve_days_late(obj):
        return obj.days_late()


class AddresseeDetailOut(AddresseeOut):
    files: list[InstructionFileOut] = Field(description="Файлы ответа")


class InstructionOut(Schema):
    id: int
    kind: InstructionKind
    year: int
    number: int
    title: str
    deadline: date
    sender_id: int
    sender_direction_id: int | None
    state: InstructionState
    created_at: datetime
    version: int


class InstructionBoardOut(InstructionOut):
    addressees_total: int = Field(alias="total")
    on_time: int = Field(alias="n_on_time")
    late: int = Field(alias="n_late")
    open: int = Field(alias="n_open")
    overdue: int = Field(alias="n_overdue")


class InstructionDetailOut(InstructionOut):
    text: str
    files: list[InstructionFileOut]
    addressees: list[AddresseeDetailOut] = Field(
        alias="rows", description="Адресаты, которых вам разрешено видеть"
    )


class IncomingOut(AddresseeOut):
    instruction: InstructionOut


class InstructionIn(Schema):
    kind: InstructionKind
    title: str = Field(min_length=3, max_length=500)
    text: str = Field(min_length=1)
    deadline: date
    addressee_ids: list[int] = Field(min_length=1, description="Организации-адресаты")


class FilterIn(Schema):
    q: str = Field("", description="Поиск по номеру, заголовку и тексту")
    kind: InstructionKind | None = None
    date_from: date | None = Field(None, description="Срок не раньше этой даты")
    date_to: date | None = Field(None, description="Срок не позже этой даты")


class BoardFilterIn(FilterIn):
    state: InstructionState | None = None
    control: Control | None = Field(None, description="Есть адресаты в этом состоянии")


class IncomingFilterIn(FilterIn):
    state: Literal["open", "overdue", "answered", "accepted"] | None = Field(
        None,
        description="Ожидается ответ, срок ответа прошёл, ответ на рассмотрении, ответ принят",
    )


class InstructionVersionIn(Schema):
    version: int = Field(
        description="Версия, полученная при чтении (оптимистическая блокировка): без неё "
        "можно было бы молча перезаписать чужой ответ или решение"
    )


class InstructionAnswerIn(InstructionVersionIn):
    text: str = Field(min_length=1)


class AnswerReturnIn(InstructionVersionIn):
    remark: str = Field(min_length=1)


def _filters(filters, **extra) -> selectors.InstructionFilter:
    return selectors.InstructionFilter(
        text=filters.q,
        kind=filters.kind or "",
        date_from=filters.date_from,
        date_to=filters.date_to,
        **extra,
    )


def _instruction_detail(request, pk):
    instruction = selectors.instruction_for(_scope(request), pk)
    instruction.files = selectors.files_of(instruction)
    instruction.rows = selectors.with_files(
        list(selectors.addressees_of(_scope(request), instruction))
    )
    for row in instruction.rows:
        row.instruction = instruction
    return instruction


def _addressee_detail(request, pk):
    row = selectors.addressee_for(_scope(request), pk)
    selectors.with_files([row])
    return row


@router.get("", response=list[InstructionBoardOut], summary="Отправленные запросы и поручения")
@paginate(Page)
def instruction_list(request, filters: Query[BoardFilterIn]):
    return selectors.board(
        _scope(request),
        _filters(filters, state=filters.state or "", control=filters.control or ""),
    )


@router.get("/incoming", response=list[IncomingOut], summary="Входящие запросы и поручения")
@paginate(Page)
def incoming_list(request, filters: Query[IncomingFilterIn]):
    return selectors.incoming(_scope(request), _filters(filters, state=filters.state or ""))


@router.get("/{int:pk}", response=InstructionDetailOut, summary="Запрос или поручение")
def instruction_detail(request, pk: int):
    return _instruction_detail(request, pk)


@router.post("", response={201: InstructionDetailOut}, summary="Направить запрос или поручение")
def instruction_create(request, payload: InstructionIn):
    choices = selectors.addressee_choices(_scope(request))
    organisations = list(choices.filter(pk__in=payload.addressee_ids))
    if len(organisations) != len(set(payload.addressee_ids)):
        raise DomainError(
            "Среди адресатов есть организация, которой вы не можете направить запрос."
        )
    instruction = services.instruction_create(
        by=request.membership,
        kind=payload.kind,
        title=payload.title,
        text=payload.text,
        deadline=payload.deadline,
        addressees=organisations,
    )
    return Status(201, _instruction_detail(request, instruction.pk))


@router.post("/{int:pk}/close", response=InstructionDetailOut, summary="Снять с контроля")
def instruction_close(request, pk: int, payload: InstructionVersionIn):
    instruction = selectors.instruction_for(_scope(request), pk)
    services.instruction_close(
        by=request.membership, instruction=instruction, expected_version=payload.version
    )
    return _instruction_detail(request, pk)


@router.post("/{int:pk}/cancel", response=InstructionDetailOut, summary="Отменить")
def instruction_cancel(request, pk: int, payload: InstructionVersionIn):
    instruction = selectors.instruction_for(_scope(request), pk)
    services.instruction_cancel(
        by=request.membership, instruction=instruction, expected_version=payload.version
    )
    return _instruction_detail(request, pk)


@router.get("/addressees/{int:pk}", response=AddresseeDetailOut, summary="Адресат и его ответ")
def addressee_detail(request, pk: int):
    return _addressee_detail(request, pk)


@router.post(
    "/addressees/{int:pk}/files",
    response={201: InstructionFileOut},
    summary="Прикрепить файл к ответу (до отправки ответа)",
)
def addressee_file(request, pk: int, file: File[UploadedFile]):
    row = selectors.addressee_for(_scope(request), pk)
    attachment = attachment_add(by=request.membership, parent=row, file=file)
    return Status(201, attachment)


@router.post("/addressees/{int:pk}/answer", response=AddresseeDetailOut, summary="Ответить")
def answer(request, pk: int, payload: InstructionAnswerIn):
    row = selectors.addressee_for(_scope(request), pk)
    services.answer_submit(
        by=request.membership, addressee=row, text=payload.text, expected_version=payload.version
    )
    return _addressee_detail(request, pk)


@router.post("/addressees/{int:pk}/accept", response=AddresseeDetailOut, summary="Принять ответ")
def accept(request, pk: int, payload: InstructionVersionIn):
    row = selectors.addressee_for(_scope(request), pk)
    services.answer_accept(by=request.membership, addressee=row, expected_version=payload.version)
    return _addressee_detail(request, pk)


@router.post(
    "/addressees/{int:pk}/return", response=AddresseeDetailOut, summary="Вернуть на доработку"
)
def return_answer(request, pk: int, payload: AnswerReturnIn):
    row = selectors.addressee_for(_scope(request), pk)
    services.answer_return(
        by=request.membership,
        addressee=row,
        remark=payload.remark,
        expected_version=payload.version,
    )
    return _addressee_detail(request, pk)
