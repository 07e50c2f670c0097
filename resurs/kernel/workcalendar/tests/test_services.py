"""X-2 writes: the art. 112 part 2 shifts of a hand-entered year, and the administrator's
editor; every change lands in the audit trail (X-3)."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditAction, AuditEntry
from resurs.kernel.workcalendar.deadlines import is_working_day, year_exceptions
from resurs.kernel.workcalendar.models import CalendarDay, CalendarYear
from resurs.kernel.workcalendar.services import calendar_year_add_statutory_shifts
from resurs.kernel.writes.errors import DomainError
from tests.factories import member

pytestmark = pytest.mark.django_db

# 2032: 1 May and 12 June fall on Saturdays, 9 May on a Sunday (like 2021 and 2027).
SHIFTS_2032 = {
    date(2032, 5, 3): "перенос выходного с 01.05 (ч. 2 ст. 112 ТК РФ)",
    date(2032, 5, 10): "перенос выходного с 09.05 (ч. 2 ст. 112 ТК РФ)",
    date(2032, 6, 14): "перенос выходного с 12.06 (ч. 2 ст. 112 ТК РФ)",
}


def day_entries():
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(CalendarDay))


@pytest.fixture
def year_2032():
    return CalendarYear.objects.create(year=2032, decree="№ 1 от 01.10.2031")


def test_adds_the_statutory_shifts_and_records_them(year_2032):
    user = member(Role.ADMINISTRATOR).user
    assert is_working_day(date(2032, 5, 3)) is True
    created = calendar_year_add_statutory_shifts(calendar_year=year_2032, by=user)

    assert {day.date: day.note for day in created} == SHIFTS_2032
    assert all(not day.is_working and day.calendar_year == year_2032 for day in created)
    assert sorted(year_2032.days.values_list("date", flat=True)) == sorted(SHIFTS_2032)
    non_working, working = year_exceptions(2032)
    assert set(SHIFTS_2032) <= set(non_working)
    assert working == []

    entries = list(day_entries().order_by("id"))
    assert len(entries) == 3
    for entry, day in zip(entries, created, strict=True):
        assert entry.action == AuditAction.CREATE
        assert entry.actor == user
        assert entry.object_id == str(day.pk)
        assert entry.parent_type == ContentType.objects.get_for_model(CalendarYear)
        assert entry.parent_id == str(year_2032.pk)
        assert entry.changes["date"] == [None, day.date.isoformat()]
        assert entry.changes["is_working"] == [None, False]


def test_is_idempotent(year_2032):
    calendar_year_add_statutory_shifts(calendar_year=year_2032)
    assert calendar_year_add_statutory_shifts(calendar_year=year_2032) == []
    assert year_2032.days.count() == 3
    assert day_entries().count() == 3


def test_keeps_the_administrators_entry(year_2032):
    # The decree moved the day off of 9 May elsewhere: 10 May was entered as working.
    CalendarDay.objects.create(
        calendar_year=year_2032, date=date(2032, 5, 10), is_working=True, note="по постановлению"
    )
    created = calendar_year_add_statutory_shifts(calendar_year=year_2032)
    assert [day.date for day in created] == [date(2032, 5, 3), date(2032, 6, 14)]
    assert is_working_day(date(2032, 5, 10)) is True
    assert CalendarDay.objects.get(date=date(2032, 5, 10)).note == "по постановлению"
    assert day_entries().count() == 2


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2028, {"2028-11-06": "04.11"}),  # 4 ноября — суббота
        (2029, {"2029-11-05": "04.11"}),  # 4 ноября — воскресенье
        (2030, {"2030-02-25": "23.02"}),  # 23 февраля — суббота
        (2031, {"2031-02-24": "23.02", "2031-03-10": "08.03"}),  # вс и сб
        (2033, {"2033-05-02": "01.05", "2033-06-13": "12.06"}),  # 9 мая — пн, не сдвигается
        (2034, {"2034-11-06": "04.11"}),
        (2036, {"2036-02-25": "23.02", "2036-03-10": "08.03"}),
        (2037, {"2037-03-09": "08.03", "2037-05-11": "09.05"}),
    ],
)
def test_shifts_of_other_years(year, expected):
    calendar_year = CalendarYear.objects.create(year=year, decree="—")
    created = calendar_year_add_statutory_shifts(calendar_year=calendar_year)
    assert {day.date.isoformat(): day.note for day in created} == {
        day: f"перенос выходного с {holiday} (ч. 2 ст. 112 ТК РФ)"
        for day, holiday in expected.items()
    }


@pytest.mark.parametrize("year", [2013, 2025, 2026, 2027])
def test_refuses_a_package_year(year):
    calendar_year = CalendarYear.objects.create(year=year, decree="—")
    with pytest.raises(DomainError) as info:
        calendar_year_add_statutory_shifts(calendar_year=calendar_year)
    assert str(info.value) == (
        f"Календарь на {year} год уже содержит переносы по ч. 2 ст. 112 ТК РФ: "
        "добавлять их вручную не нужно."
    )
    assert not CalendarDay.objects.exists()
    assert not AuditEntry.objects.exists()


# --- the administrator's editor (Django admin) ----------------------------------------


@pytest.fixture
def admin_client(login):
    return login(member(Role.ADMINISTRATOR))


def test_admin_action_adds_shifts_and_warns_for_a_package_year(admin_client, year_2032):
    package_year = CalendarYear.objects.create(year=2026, decree="№ 1466 от 24.09.2025")
    response = admin_client.post(
        reverse("admin:workcalendar_calendaryear_changelist"),
        {"action": "add_statutory_shifts", "_selected_action": [year_2032.pk, package_year.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "2032 год: добавлены нерабочие дни — 03.05, 10.05, 14.06." in body
    assert "Календарь на 2026 год уже содержит переносы" in body
    assert year_2032.days.count() == 3
    assert not package_year.days.exists()
    assert day_entries().count() == 3


def _year_form(year: int, days: list[dict], initial: int = 0) -> dict:
    data = {
        "year": year,
        "decree": "№ 1 от 01.10.2034",
        "note": "",
        "days-TOTAL_FORMS": len(days),
        "days-INITIAL_FORMS": initial,
        "days-MIN_NUM_FORMS": 0,
        "days-MAX_NUM_FORMS": 1000,
    }
    for i, day in enumerate(days):
        for key, value in day.items():
            data[f"days-{i}-{key}"] = value
    return data


def test_admin_inline_days_are_audited(admin_client):
    add_url = reverse("admin:workcalendar_calendaryear_add")
    response = admin_client.post(
        add_url,
        _year_form(
            2035,
            [
                {"date": "28.04.2035", "is_working": "on", "note": "перенос на 30.04"},
                {"date": "30.04.2035", "note": "перенос с 28.04"},
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    calendar_year = CalendarYear.objects.get(year=2035)
    assert is_working_day(date(2035, 4, 28)) is True
    assert is_working_day(date(2035, 4, 30)) is False
    created = day_entries().filter(action=AuditAction.CREATE)
    assert created.count() == 2
    assert set(created.values_list("parent_id", flat=True)) == {str(calendar_year.pk)}

    saturday, monday = calendar_year.days.order_by("date")
    change_url = reverse("admin:workcalendar_calendaryear_change", args=[calendar_year.pk])
    response = admin_client.post(
        change_url,
        _year_form(
            2035,
            [
                {"id": saturday.pk, "calendar_year": calendar_year.pk, "date": "28.04.2035",
                 "note": "отменено"},  # now non-working
                {"id": monday.pk, "calendar_year": calendar_year.pk, "date": "30.04.2035",
                 "note": "перенос с 28.04", "DELETE": "on"},
            ],
            initial=2,
        ),
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert is_working_day(date(2035, 4, 28)) is False
    assert is_working_day(date(2035, 4, 30)) is True
    update = day_entries().get(action=AuditAction.UPDATE)
    assert update.object_id == str(saturday.pk)
    assert update.changes["is_working"] == [True, False]
    delete = day_entries().get(action=AuditAction.DELETE)
    assert delete.object_id == str(monday.pk)
    assert delete.changes["date"] == ["2035-04-30", None]
    assert delete.parent_id == str(calendar_year.pk)


def test_admin_rejects_a_day_of_another_year(admin_client):
    response = admin_client.post(
        reverse("admin:workcalendar_calendaryear_add"),
        _year_form(2035, [{"date": "09.01.2036", "note": ""}]),
    )
    assert response.status_code == 200
    assert "Дата должна относиться к 2035 году." in response.content.decode()
    assert not CalendarYear.objects.exists()


def test_admin_day_editor_is_audited(admin_client, year_2032):
    response = admin_client.post(
        reverse("admin:workcalendar_calendarday_add"),
        {"calendar_year": year_2032.pk, "date": "03.05.2032", "note": "ч. 2 ст. 112 ТК РФ"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = day_entries().get()
    assert entry.action == AuditAction.CREATE
    assert entry.changes["is_working"] == [None, False]


def test_admin_deleting_a_year_records_its_days(admin_client, year_2032):
    calendar_year_add_statutory_shifts(calendar_year=year_2032)
    response = admin_client.post(
        reverse("admin:workcalendar_calendaryear_delete", args=[year_2032.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()
    assert day_entries().filter(action=AuditAction.DELETE).count() == 3


def test_admin_shows_the_basis_of_the_year(admin_client, year_2032):
    package_year = CalendarYear.objects.create(year=2026, decree="№ 1466 от 24.09.2025")
    own = admin_client.get(reverse("admin:workcalendar_calendaryear_change", args=[year_2032.pk]))
    package = admin_client.get(
        reverse("admin:workcalendar_calendaryear_change", args=[package_year.pk])
    )
    assert "праздники ст. 112 ТК РФ и дни-исключения ниже" in own.content.decode()
    assert "пакет holidays" in package.content.decode()


def test_admin_is_closed_to_other_roles(login):
    response = login(member(Role.DEPARTMENT)).get(
        reverse("admin:workcalendar_calendaryear_changelist")
    )
    assert response.status_code == 302
