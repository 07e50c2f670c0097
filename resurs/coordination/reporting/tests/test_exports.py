"""REP-8: a report and the receiver's board exported to XLSX (in the form's layout) and PDF;
the files are opened back and read; exports go through the scope (404 outside it)."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from resurs.coordination.events.tests.helpers import make_consultation
from resurs.coordination.reporting import services
from resurs.coordination.reporting.models import Report, ReportForm
from resurs.kernel.accounts.roles import Role
from resurs.kernel.workcalendar.periods import Period
from tests.factories import OrganisationFactory, direction, member, rc_status, territory
from tests.pdf import pdf_text as read_pdf_text

pytestmark = pytest.mark.django_db
PERIOD = Period.from_key("2026-q3")
FORM = "provider-monitoring"


@pytest.fixture
def world(db):
    """An RC of direction 2 (in Nyagan, which has no УСЗН here, so it owes no provider
    report), the Surgut УСЗН and two Surgut providers of the direction: provider-monitoring
    reports for the III quarter of 2026 are open."""
    rc_org = OrganisationFactory(territory=territory("Нягань"), short_name="РЦ")
    rc_status(rc_org, number=2)
    uszn = member(Role.USZN, org={"territory": territory("Сургут"), "name": "УСЗН по Сургуту"})
    provider_org = OrganisationFactory(
        territory=territory("Сургут"), name="БУ «Сургутский центр „Радуга“»"
    )
    provider_org.directions.add(direction(2))
    other_org = OrganisationFactory(
        territory=territory("Сургут"), name="БУ «Сургутский центр „Ирида“»"
    )
    other_org.directions.add(direction(2))
    form = ReportForm.objects.get(code=FORM)
    services.open_period(form=form, period=PERIOD)
    return {
        "form": form,
        "uszn": uszn,
        "provider": member(Role.PROVIDER, provider_org),
        "other_provider": member(Role.PROVIDER, other_org),
        "department": member(Role.DEPARTMENT),
        "report": Report.objects.get(form=form, sender=provider_org),
        "other_report": Report.objects.get(form=form, sender=other_org),
    }


@pytest.fixture
def filled(world):
    """The provider counted two consultations in the period but reports five; a table of
    technologies; submitted."""
    provider, report = world["provider"], world["report"]
    for day in (5, 19):
        make_consultation(provider.organisation, held_on=datetime.date(2026, 8, day))
    services.save_values(
        by=provider,
        report=report,
        values={
            "consultations": "5",
            "recipients_total": "40",
            "recipients_new": "10",
            "technologies": [
                {"name": "Кинезиотерапия", "recipients": "12"},
                {"name": "Сказкотерапия", "recipients": "7"},
            ],
            "problems": "Нехватка специалистов по адаптивной физкультуре",
        },
        expected_version=report.version,
    )
    report.refresh_from_db()
    services.submit(by=provider, report=report, expected_version=report.version)
    report.refresh_from_db()
    return report


def sheet_rows(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def row_of(rows, title):
    return next(row for row in rows if len(row) > 1 and row[1] == title)


def field_value(rows, label):
    """A «label: value» line of the title block (label in A:B merged, value in C:…)."""
    return next(row[2] for row in rows if row[0] == label)


def pdf_text(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return read_pdf_text(response.content)


def test_report_xlsx_has_the_title_block_and_the_form_layout(world, filled, login):
    response = login(world["provider"]).get(reverse("reporting:report_xlsx", args=[filled.pk]))
    rows = sheet_rows(response)
    assert rows[0][0].startswith(world["form"].title)
    assert field_value(rows, "Период") == "III квартал 2026 (01.07.2026 — 30.09.2026)"
    assert field_value(rows, "Отправитель") == "БУ «Сургутский центр „Радуга“»"
    assert field_value(rows, "Получатель") == "УСЗН по Сургуту"
    assert field_value(rows, "Направление") == "—"
    assert field_value(rows, "Срок представления") == filled.due_on.strftime("%d.%m.%Y")
    assert field_value(rows, "Состояние") == "представлен"
    assert field_value(rows, "Своевременность").startswith("с опозданием, опоздание")
    assert field_value(rows, "Впервые представлен") != "—"
    header = ["№", "Показатель", "Единица", "Значение", "Посчитано системой"]
    assert header in rows
    # Sections as header rows, in the form's order, after the table header.
    sections = [row[0] for row in rows if row[0] and str(row[0])[:2] in {"1.", "2.", "3."}]
    assert sections[:1] == ["1. Мероприятия и методическая работа"]
    assert rows.index(header) < rows.index(next(r for r in rows if r[0] == sections[0]))
    # An indicator: typed 5, the system counted 2 consultations.
    assert row_of(rows, "Проведено консультаций")[:5] == ["1.2", "Проведено консультаций",
                                                          "ед.", 5, 2]  # fmt: skip
    # An empty countable indicator took the counted value (REP-4); a computed one.
    assert row_of(rows, "Проведено мероприятий")[3:5] == [0, 0]
    assert row_of(rows, "Доля впервые обратившихся")[3] == 25.0
    assert row_of(rows, "Проблемы и предложения")[3] == (
        "Нехватка специалистов по адаптивной физкультуре"
    )
    # The table indicator: its row, then a nested block with its columns.
    position = rows.index(row_of(rows, "Применяемые технологии и методики"))
    assert rows[position][3] == "строк в таблице: 2"
    assert rows[position + 1][1:3] == ["Наименование", "Охвачено, чел."]
    assert rows[position + 2][1:3] == ["Кинезиотерапия", 12]
    assert rows[position + 3][1:3] == ["Сказкотерапия", 7]


def test_report_pdf_has_the_same_content_in_cyrillic(world, filled, login):
    response = login(world["uszn"]).get(reverse("reporting:report_pdf", args=[filled.pk]))
    text = " ".join(pdf_text(response).split())
    assert response["Content-Disposition"].endswith(f"otchet-{FORM}-2026-q3-{filled.pk}.pdf")
    assert "III квартал 2026" in text
    assert "БУ «Сургутский центр „Радуга“»" in text
    assert "1.2 Проведено консультаций ед. 5 2" in text
    assert "Доля впервые обратившихся % 25,00" in text
    assert "Кинезиотерапия 12" in text
    assert "Посчитано системой" in text
    assert "с опозданием" in text


def test_a_draft_exports_what_the_system_counts_now(world, login):
    """While the sender may change the report, the counted column is the live count."""
    report = world["report"]
    make_consultation(world["provider"].organisation, held_on=datetime.date(2026, 9, 1))
    rows = sheet_rows(
        login(world["provider"]).get(reverse("reporting:report_xlsx", args=[report.pk]))
    )
    assert field_value(rows, "Состояние") == "не начат"
    assert row_of(rows, "Проведено консультаций")[3:5] == [None, 1]


def test_exports_of_a_report_outside_the_scope_are_404(world, filled, login):
    client = login(world["other_provider"])
    for name in ("reporting:report_xlsx", "reporting:report_pdf"):
        assert client.get(reverse(name, args=[filled.pk])).status_code == 404
        assert client.get(reverse(name, args=[world["other_report"].pk])).status_code == 200
    assert (
        login(world["department"])
        .get(reverse("reporting:report_xlsx", args=[filled.pk]))
        .status_code
        == 200
    )


def test_exports_need_a_login(world, client):
    response = client.get(reverse("reporting:report_xlsx", args=[world["report"].pk]))
    assert response.status_code == 302 and "/login" in response["Location"].lower()


def test_board_xlsx_has_the_rows_and_totals_of_the_board_page(world, filled, login):
    client = login(world["uszn"])
    query = f"?form={FORM}&period=2026-q3"
    page = client.get(reverse("reporting:board") + query).context["board"]
    rows = sheet_rows(client.get(reverse("reporting:board_xlsx") + query))
    assert rows[0][0] == "Контроль представления отчётов"
    assert field_value(rows, "Период") == "III квартал 2026"
    assert field_value(rows, "Форма") == world["form"].title
    assert field_value(rows, "Получатель") == "УСЗН по Сургуту"
    totals = {
        "Ожидается": "expected_total",
        "Представлено всего": "submitted",
        "С опозданием": "late",
        "Не представлено": "missing",
        "Принято": "accepted",
    }
    for label, key in totals.items():
        assert field_value(rows, label) == page.totals.get(key, 0), label
    assert field_value(rows, "Ожидается") == 2
    assert field_value(rows, "Не представлено") == 1
    header = rows.index(next(r for r in rows if r[0] == "Форма" and r[2] == "Отправитель"))
    listed = rows[header + 1 :]
    assert [r[2] for r in listed] == [r.sender.name for r in page.rows]
    by_sender = {r[2]: r for r in listed}
    late = by_sender["БУ «Сургутский центр „Радуга“»"]
    assert late[6:9] == ["представлен", "с опозданием", filled.days_late]
    missing = by_sender["БУ «Сургутский центр „Ирида“»"]
    assert missing[5] is None and missing[7] == "не представлен"


def test_board_pdf_lists_the_reports_and_totals(world, filled, login):
    response = login(world["uszn"]).get(
        reverse("reporting:board_pdf") + f"?form={FORM}&period=2026-q3"
    )
    text = " ".join(pdf_text(response).split())
    assert "Контроль представления отчётов" in text
    assert "III квартал 2026" in text
    assert "Ожидается 2" in text and "Не представлено 1" in text
    assert "Сургутский центр „Радуга“" in text and "Сургутский центр „Ирида“" in text
    assert "с опозданием" in text and "не представлен" in text


def test_the_board_export_of_a_provider_shows_only_what_it_receives(world, filled, login):
    rows = sheet_rows(
        login(world["provider"]).get(reverse("reporting:board_xlsx") + "?period=2026-q3")
    )
    assert field_value(rows, "Ожидается") == 0
    assert field_value(rows, "Форма") == "Все формы"
    assert rows[-1][0] == "Форма"  # the header, no rows


def test_a_consolidated_report_exports_what_the_senders_reported(world, filled, login):
    """REP-4 in the export: the УСЗН's consolidation lists the accepted providers' tables in
    the counted column, as a nested block of its own."""
    services.accept(by=world["uszn"], report=filled, expected_version=filled.version)
    consolidation = ReportForm.objects.get(code="uszn-consolidation")
    services.open_period(form=consolidation, period=PERIOD)
    report = Report.objects.get(form=consolidation, sender=world["uszn"].organisation)
    rows = sheet_rows(login(world["uszn"]).get(reverse("reporting:report_xlsx", args=[report.pk])))
    assert field_value(rows, "Направление") == str(direction(2))
    assert row_of(rows, "Проведено консультаций")[3:5] == [None, 5]
    position = rows.index(row_of(rows, "Применяемые технологии и методики"))
    assert rows[position][3:5] == [None, "строк в таблице: 2"]
    assert rows[position + 1][1:3] == ["Посчитано системой: Наименование", "Охвачено, чел."]
    assert rows[position + 2][1:3] == ["Кинезиотерапия", 12]
    text = " ".join(
        pdf_text(
            login(world["uszn"]).get(reverse("reporting:report_pdf", args=[report.pk]))
        ).split()
    )
    assert "Посчитано системой: Наименование Охвачено, чел. Кинезиотерапия 12" in text
