"""Writes of the production calendar (X-2) beyond plain admin edits."""

from django.db import transaction

from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import record, snapshot
from resurs.kernel.workcalendar.deadlines import package_years, statutory_weekend_shifts
from resurs.kernel.workcalendar.models import CalendarDay, CalendarYear
from resurs.kernel.writes.errors import DomainError


@transaction.atomic
def calendar_year_add_statutory_shifts(
    *, calendar_year: CalendarYear, by=None
) -> list[CalendarDay]:
    """X-2: add the days off of art. 112 part 2 of the Labour Code to a hand-entered year.

    A holiday on a Saturday or Sunday moves its day off to the next working day by law, so
    the decree does not list it. Dates that already have an override are left as they are:
    the administrator's entry wins. For a year the `holidays` package knows, the package
    already holds these days, and adding them could undo a transfer made by the decree.
    """
    year = calendar_year.year
    if year in package_years():
        raise DomainError(
            f"Календарь на {year} год уже содержит переносы по ч. 2 ст. 112 ТК РФ: "
            "добавлять их вручную не нужно."
        )
    taken = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
    created = []
    for day_off, holiday in statutory_weekend_shifts(year).items():
        if day_off in taken:
            continue
        day = CalendarDay(
            calendar_year=calendar_year,
            date=day_off,
            is_working=False,
            note=f"перенос выходного с {holiday:%d.%m} (ч. 2 ст. 112 ТК РФ)",
        )
        day.full_clean()
        day.save()
        record(
            by=by,
            instance=day,
            action=AuditAction.CREATE,
            after=snapshot(day),
            parent=calendar_year,
        )
        created.append(day)
    return created
