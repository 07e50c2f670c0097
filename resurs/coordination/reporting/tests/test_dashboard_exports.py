"""REP-8 for the REP-6 dashboards: the Department's dashboard, a centre's direction and a
УСЗН's territory exported to XLSX and PDF, opened back and compared with the page for the
same GET parameters; the same access rules as the pages; a fixed number of queries."""

import datetime
import re
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from resurs.coordination.events.models import EventState
from resurs.coordination.events.tests.helpers import local, make_event, make_publication
from resurs.coordination.reporting import kpi, services
from resurs.coordination.reporting.models import Report, ReportForm
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.models import OrganisationKind
from resurs.kernel.workcalendar.periods import Period
from tests.factories import OrganisationFactory, direction, member, rc_status, territory
from tests.pdf import pdf_text as read_pdf_text

pytestmark = pytest.mark.django_db

Q1 = Period("quarter", 2026, 1)
DASHBOARD = "/reporting/dashboard/"
DIRECTION = "/reporting/dashboard/direction/"
TERRITORY = "/reporting/dashboard/territory/"


def _submitted(report, day: datetime.date, *, nothing=False):
    moment = local(day.year, day.month, day.day, 12)
    Report.objects.filter(pk=report.pk).update(
        state="submitted",
        submitted_at=moment,
        submitted_on=day,
        last_submitted_at=moment,
        nothing_to_report=nothing,
    )


@pytest.fixture
def world():
    """RC «А» (Surgut, direction 2: two held events, two publications, one in mass media;
    rc-monitoring on time; the Surgut УСЗН's consolidation 4 days late) and RC «Б»
    (direction 9: one publication, rc-monitoring missing); a Surgut provider reported
    «nothing to report» on time. KPIs counted for the first quarter of 2026."""
    surgut = territory("Сургут")
    d2, d9 = direction(2), direction(9)
    rc_a = OrganisationFactory(short_name="РЦ А", territory=surgut)
    rc_b = OrganisationFactory(short_name="РЦ Б", territory=territory("Пыть-Ях"))
    rc_status(rc_a, 2)
    rc_status(rc_b, 9)
    uszn = OrganisationFactory(
        kind=OrganisationKind.USZN, short_name="УСЗН Сургут", territory=surgut
    )
    provider = OrganisationFactory(short_name="КЦСОН Сургут", territory=surgut)
    provider.directions.add(d2)
    department = member(Role.DEPARTMENT)
    OrganisationFactory(kind=OrganisationKind.METHODICAL_CENTRE, short_name="МЦ")
    for day in (10, 20):
        make_event(rc_a, direction=d2, state=EventState.HELD, start=local(2026, 2, day, 10))
    make_publication(rc_a, direction=d2, published_on=datetime.date(2026, 1, 15))
    make_publication(
        rc_a, direction=d2, published_on=datetime.date(2026, 2, 15), is_mass_media=False
    )
    make_publication(rc_b, direction=d9, published_on=datetime.date(2026, 2, 1))
    forms = {f.code: f for f in ReportForm.objects.all()}
    for code in ("provider-monitoring", "uszn-consolidation", "rc-monitoring", "rc-kpi"):
        services.open_period(form=forms[code], period=Q1)
    monitoring = Report.objects.get(form__code="rc-monitoring", sender=rc_a)
    _submitted(monitoring, monitoring.due_on)
    consolidation = Report.objects.get(form__code="uszn-consolidation", receiver=rc_a)
    _submitted(consolidation, consolidation.due_on + datetime.timedelta(days=4))
    provider_report = Report.objects.get(form__code="provider-monitoring", sender=provider)
    _submitted(provider_report, provider_report.due_on, nothing=True)
    kpi.recompute(Q1)
    return {
        "rc_a": rc_a,
        "rc_b": rc_b,
        "uszn": uszn,
        "provider": provider,
        "d2": d2,
        "d9": d9,
        "department": department,
        "consolidation": consolidation,
    }


def sheet_rows(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def field_value(rows, label):
    """A «label: value» line (label in A:B merged, value from C)."""
    return next(row[2] for row in rows if row[0] == label)


def _status_word(report) -> str:
    """The page's wording of a provider's timeliness (templates/reporting/_status.html)."""
    if report.status == "nothing":
        return "нет данных за период"
    return f"не представлен, просрочка {report.overdue} дн."


def pdf_text(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return read_pdf_text(response.content)


# --- the Department's dashboard ------------------------------------------------------------


def test_department_xlsx_has_the_pages_rows_numbers_and_timeliness(world, login):
    client = login(world["department"])
    page = client.get(DASHBOARD, {"period": Q1.key})
    data = page.context["data"]
    rows = sheet_rows(client.get(reverse("reporting:dashboard_xlsx"), {"period": Q1.key}))
    assert rows[0][0] == "Панель Департамента: показатели ресурсных центров"
    assert field_value(rows, "Период") == "I квартал 2026"
    assert field_value(rows, "Направление") == "Все направления"
    # The totals are the page's.
    assert field_value(rows, "Центров") == data.totals["centres"] == 2
    assert field_value(rows, "Мероприятий") == data.totals["events"] == 2
    assert field_value(rows, "Публикаций") == data.totals["publications"] == 3
    assert field_value(rows, "Отчётов в срок") == data.totals["reports_on_time"]
    assert field_value(rows, "Не представлено") == data.totals["reports_missing"]
    header = next(row for row in rows if row[0] == "Центр")
    by_name = {
        row[0]: dict(zip(header, row, strict=True)) for row in rows if row[0] in {"РЦ А", "РЦ Б"}
    }
    assert list(by_name) == [row.name for row in data.rows]  # the page's order
    for page_row in data.rows:
        line = by_name[page_row.name]
        assert line["6.2 Мероприятия"] == page_row.events.value
        assert line["6.3 Организации"] == page_row.consulted.value
        assert line["6.4 Публикации"] == page_row.publications.value
        assert line["6.4 в т. ч. в СМИ"] == page_row.mass_media.value
        assert line["6.1 Открытый раздел"] == page_row.public_page.value
        assert line["Коэффициент"] == float(page_row.coefficient)
        assert line["Отчёты УСЗН: всего"] == page_row.incoming.expected
    a, b = by_name["РЦ А"], by_name["РЦ Б"]
    assert (a["6.2 Мероприятия"], a["6.4 Публикации"], a["6.4 в т. ч. в СМИ"]) == (2, 2, 1)
    assert a["Направление"].startswith("2.")
    assert a["Мониторинг (Департамент)"] == "в срок"
    assert b["Мониторинг (Департамент)"].startswith("не представлен, просрочка")
    assert (a["Отчёты УСЗН: с опозданием"], a["Отчёты УСЗН: в срок"]) == (1, 0)
    assert b["Отчёты УСЗН: в срок"] == "не ожидаются"
    # The trend: eight quarters, the last one is the chosen quarter with the page's numbers.
    trend_header = rows.index(
        ["Квартал", "Центров", "Мероприятия", "Организации", "Публикации", "Средний коэффициент"]
        + [None] * 12
    )
    trend = rows[trend_header + 1 : trend_header + 9]
    assert [row[0] for row in trend] == [p.period.label for p in data.trend]
    assert trend[-1][1:5] == [2, 2, 0, 3]


def test_department_export_keeps_the_direction_filter(world, login):
    client = login(world["department"])
    params = {"period": Q1.key, "direction": world["d9"].pk}
    page = client.get(DASHBOARD, params)
    assert [r.name for r in page.context["data"].rows] == ["РЦ Б"]
    response = client.get(reverse("reporting:dashboard_xlsx"), params)
    assert "napr-9" in response["Content-Disposition"]
    rows = sheet_rows(response)
    names = {row[0] for row in rows}
    assert "РЦ Б" in names and "РЦ А" not in names
    assert field_value(rows, "Направление").startswith("9.")
    assert field_value(rows, "Публикаций") == page.context["data"].totals["publications"] == 1


def test_department_pdf_has_the_same_rows(world, login):
    client = login(world["department"])
    text = pdf_text(client.get(reverse("reporting:dashboard_pdf"), {"period": Q1.key}))
    assert "Панель Департамента" in text and "I квартал 2026" in text
    assert "РЦ А" in text and "РЦ Б" in text
    assert "в срок" in text and "не представлен, просрочка" in text
    assert "Динамика за восемь кварталов" in text


def test_department_pdf_keeps_every_column_on_the_page(world, login):
    """Issue 12, item 9: on A4 landscape the last columns («не представлено», «ожидается»,
    «всего») were cut off; every header is on the page now."""
    from resurs.coordination.reporting.exports.department import DEPARTMENT_COLUMNS

    response = login(world["department"]).get(
        reverse("reporting:dashboard_pdf"), {"period": Q1.key}
    )
    reader = PdfReader(BytesIO(response.content))
    found = []
    for page in reader.pages:
        width = float(page.mediabox.width)

        def visit(text, cm, tm, _font, _size, width=width):
            if text.strip():
                found.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], width))

        page.extract_text(visitor_text=visit)
    # A header may wrap and hyphenate inside its cell: compare without spaces and hyphens.
    text = re.sub(r"[\s\-\u00ad\u2010]", "", "".join(text for text, _x, _w in found))
    assert all(0 <= x < w for _text, x, w in found), "text off the page"
    for title, _width in DEPARTMENT_COLUMNS:
        assert re.sub(r"[\s\-]", "", title) in text, title


def test_department_page_links_to_its_exports(world, login):
    client = login(world["department"])
    page = client.get(DASHBOARD, {"period": Q1.key, "direction": world["d2"].pk}).content.decode()
    direction_id = world["d2"].pk
    assert (
        f"{reverse('reporting:dashboard_xlsx')}?period={Q1.key}&amp;direction={direction_id}"
        in page
    )
    assert (
        f"{reverse('reporting:dashboard_pdf')}?period={Q1.key}&amp;direction={direction_id}" in page
    )


def test_department_export_query_count_is_fixed(world, login):
    client = login(world["department"])
    url = reverse("reporting:dashboard_xlsx")
    client.get(url, {"period": Q1.key})  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"period": Q1.key})
    for number in range(3):
        rc_status(OrganisationFactory(short_name=f"РЦ {number}"), 3 + number)
    kpi.recompute(Q1)
    with CaptureQueriesContext(connection) as many:
        rows = sheet_rows(client.get(url, {"period": Q1.key}))
    assert field_value(rows, "Центров") == 5
    assert len(many) == len(few)
    assert len(many) <= 10, [q["sql"][:90] for q in many.captured_queries]


# --- access: the pages' rules ------------------------------------------------------------


def test_exports_refuse_like_the_pages(world, login):
    provider = login(member(Role.PROVIDER, world["provider"]))
    rc = login(member(Role.RESOURCE_CENTRE, world["rc_a"], direction=world["d2"]))
    for name in ("dashboard_xlsx", "dashboard_pdf"):
        assert provider.get(reverse(f"reporting:{name}")).status_code == 403
        assert rc.get(reverse(f"reporting:{name}")).status_code == 403
    for name in ("dashboard_direction_xlsx", "dashboard_direction_pdf"):
        assert provider.get(reverse(f"reporting:{name}")).status_code == 404
        # Another direction or another centre is not found, as on the page.
        assert (
            rc.get(reverse(f"reporting:{name}"), {"direction": world["d9"].pk}).status_code == 404
        )
        assert (
            rc.get(reverse(f"reporting:{name}"), {"organisation": world["rc_b"].pk}).status_code
            == 404
        )
    for name in ("dashboard_territory_xlsx", "dashboard_territory_pdf"):
        assert provider.get(reverse(f"reporting:{name}")).status_code == 403
        assert rc.get(reverse(f"reporting:{name}")).status_code == 403
    assert provider.get(DIRECTION).status_code == 404 and provider.get(TERRITORY).status_code == 403


# --- a centre's direction ---------------------------------------------------------------------


def test_direction_export_for_the_centre_has_the_pages_numbers(world, login):
    client = login(member(Role.RESOURCE_CENTRE, world["rc_a"], direction=world["d2"]))
    page = client.get(DIRECTION, {"period": Q1.key})
    view = page.context["view"]
    assert (
        f'{reverse("reporting:dashboard_direction_xlsx")}?period={Q1.key}"' in page.content.decode()
    )
    rows = sheet_rows(client.get(reverse("reporting:dashboard_direction_xlsx"), {"period": Q1.key}))
    assert field_value(rows, "Центр") == world["rc_a"].name
    assert field_value(rows, "6.2 Проведённые мероприятия") == view.row.events.value == 2
    assert field_value(rows, "6.4 Публикации") == view.row.publications.value == 2
    assert field_value(rows, "6.4 в том числе в СМИ") == view.row.mass_media.value == 1
    assert field_value(rows, "Мониторинг (Департамент)") == "в срок"
    assert field_value(rows, "Коэффициент") == float(view.row.coefficient)
    assert field_value(rows, "Ожидается") == view.incoming_tally.expected == 1
    assert field_value(rows, "С опозданием") == view.incoming_tally.late == 1
    incoming = next(row for row in rows if row[0] == "УСЗН Сургут")
    assert incoming[4] == "с опозданием на 4 дн."
    # The coefficient's parts and eight quarters of history.
    parts = {row[0]: row[1:5] for row in rows if row[0] in {label for label, _p in view.parts}}
    assert parts["6.4 Публикации"] == [2, 6, 1, 0.333]
    history = [row for row in rows if row[0] in {p.label for p, _s in view.history}]
    assert len(history) == 8 and history[-1][2] == 2 and history[0][1] == "не посчитано"
    text = pdf_text(client.get(reverse("reporting:dashboard_direction_pdf"), {"period": Q1.key}))
    assert (
        "РЦ А" in text and "с опозданием на 4 дн." in text and "Коэффициент эффективности" in text
    )


def test_department_opens_any_centres_direction(world, login):
    client = login(world["department"])
    params = {"period": Q1.key, "organisation": world["rc_b"].pk, "direction": world["d9"].pk}
    page = client.get(DIRECTION, params)
    rows = sheet_rows(client.get(reverse("reporting:dashboard_direction_xlsx"), params))
    assert field_value(rows, "6.4 Публикации") == page.context["view"].row.publications.value == 1
    assert field_value(rows, "Мониторинг (Департамент)").startswith("не представлен")
    assert (
        client.get(reverse("reporting:dashboard_direction_xlsx"), {"period": Q1.key}).status_code
        == 404
    )


# --- a УСЗН's territory -------------------------------------------------------------------


def test_territory_export_for_the_uszn(world, login):
    client = login(member(Role.USZN, world["uszn"]))
    page = client.get(TERRITORY, {"period": Q1.key})
    view = page.context["view"]
    assert (
        f'{reverse("reporting:dashboard_territory_pdf")}?period={Q1.key}"' in page.content.decode()
    )
    rows = sheet_rows(client.get(reverse("reporting:dashboard_territory_xlsx"), {"period": Q1.key}))
    for label, key in (
        ("Ожидается от поставщиков", "expected"),
        ("В срок", "on_time"),
        ("Не представлено", "missing"),
        ("Нет данных за период", "nothing"),
    ):
        assert field_value(rows, label) == view.totals[key]
    assert field_value(rows, "Ожидается от поставщиков") == 2
    split = rows.index(
        ["Сводные отчёты УСЗН ресурсным центрам: представлено 1 из 1", None, None, None, None]
    )
    providers = {row[0]: row[4] for row in rows[:split] if row[0] in {"КЦСОН Сургут", "РЦ А"}}
    assert providers == {r.sender.short_name: _status_word(r) for r in view.providers}
    assert providers["КЦСОН Сургут"] == "нет данных за период"
    assert providers["РЦ А"].startswith("не представлен, просрочка")
    consolidation = next(row for row in rows[split:] if row[0] == "РЦ А")
    assert consolidation[1] == str(world["d2"])
    assert consolidation[4] == "с опозданием на 4 дн."
    text = pdf_text(client.get(reverse("reporting:dashboard_territory_pdf"), {"period": Q1.key}))
    assert "КЦСОН Сургут" in text and "нет данных за период" in text
    assert "представлено 1 из 1" in text
