"""X-2: the production calendar for other systems: public, read-only."""

import re
from datetime import date

from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import field_validator

from resurs.kernel.workcalendar.deadlines import CalendarYearUnknown, WorkCalendar

router = Router(tags=["Производственный календарь"])

# The longest term the API computes: ten years of calendar days is far beyond any term of
# the regulations, and keeps one request's work bounded.
MAX_WORKING_DAYS = 3650
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DeadlineQuery(Schema):
    start: date = Field(
        description="Дата, от которой считается срок (ГГГГ-ММ-ДД); сама не входит в срок."
    )
    working_days: int = Field(ge=1, le=MAX_WORKING_DAYS, description="Срок в рабочих днях.")

    @field_validator("start", mode="before")
    @classmethod
    def _iso_only(cls, value):
        # pydantic would also take a Unix timestamp such as 20250430 for a date.
        if isinstance(value, str) and not ISO_DATE.fullmatch(value):
            raise ValueError("Неверная дата: ожидается ГГГГ-ММ-ДД.")
        return value


class DeadlineOut(Schema):
    start: date
    working_days: int
    deadline: date


class YearOut(Schema):
    year: int
    non_working_weekdays: list[date] = Field(description="Нерабочие дни с понедельника по пятницу.")
    working_weekends: list[date] = Field(description="Рабочие субботы и воскресенья.")


class ErrorItem(Schema):
    field: str | None
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem]


def _unknown(exc: CalendarYearUnknown, field: str) -> Status:
    message = str(exc)
    return Status(422, {"detail": message, "errors": [{"field": field, "message": message}]})


@router.get(
    "/deadline",
    auth=None,
    response={200: DeadlineOut, 422: ErrorOut},
    summary="Срок в рабочих днях",
)
def deadline(request, params: Query[DeadlineQuery]):
    """Дата, на которую истекает срок в `working_days` рабочих дней, отсчитанный со дня,
    следующего за `start`, по производственному календарю РФ."""
    try:
        due = WorkCalendar().add_working_days(params.start, params.working_days)
    except CalendarYearUnknown as exc:
        return _unknown(exc, "start")
    return {"start": params.start, "working_days": params.working_days, "deadline": due}


@router.get(
    "/{year}",
    auth=None,
    response={200: YearOut, 422: ErrorOut},
    summary="Отступления года от пятидневки",
)
def year_calendar(request, year: int = Path(..., ge=1900, le=2100)):
    """Нерабочие будние дни и рабочие выходные дни года по производственному календарю РФ."""
    try:
        non_working, working = WorkCalendar().year_exceptions(year)
    except CalendarYearUnknown as exc:
        return _unknown(exc, "year")
    return {"year": year, "non_working_weekdays": non_working, "working_weekends": working}
