"""TSR-7: the annual demand request (seed 002 app. 1 §5.1, app. 3) — the computation from the
waiting list, the refusals for lack of stock and the service life ending; the adjustment with
its reason; the sending (read-only after, late after 1 May); who sees which request, through
the pages and the API; app. 3 printed to XLSX and read back."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from resurs.casework.cases.tests.conftest import bearer
from resurs.casework.rental import demand, services
from resurs.casework.rental.models import (
    Application,
    ApplicationState,
    DemandRequest,
    DemandState,
    ItemState,
    RentalPoint,
)
from resurs.casework.rental.tests.conftest import TODAY, add_item, apply
from resurs.kernel.workcalendar.periods import add_months
from resurs.kernel.writes import DomainError

YEAR = TODAY.year + 1
YEAR_END = datetime.date(YEAR, 12, 31)
API = "/api/v1/rental/demand"


def _moment(year, month, day):
    return datetime.datetime(year, month, day, 12, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def point(rental):
    w = rental
    w.point = RentalPoint.objects.create(
        organisation=w.a.organisation, unit=w.a.support, address="ул. Мира, 1", hours="пн–пт"
    )
    return w


def _set(application, **fields):
    Application.all_records.filter(pk=application.pk).update(**fields)


def _line(request, kind):
    return request.lines.get(kind=kind)


# --- the computation -------------------------------------------------------------------------

# (state the application ends in, an item offered, accepted days ago, waiting, refusals)
APPLICATIONS = [
    ("waiting", False, 10, 1, 0),
    ("offered", True, 10, 1, 0),
    ("withdrawn", False, 10, 0, 1),  # withdrawn while waiting, nothing offered: lack of stock
    ("withdrawn", True, 10, 0, 0),  # withdrawn with an item offered: not for lack of stock
    ("withdrawn", False, 400, 0, 0),  # more than twelve months before the computation
    ("refused", False, 10, 0, 0),  # refused on a ground of contract §2.2.3
    ("issued", True, 10, 0, 0),
]


@pytest.mark.parametrize(("state", "offered", "days_ago", "waiting", "refusals"), APPLICATIONS)
def test_the_waiting_list_and_the_refusals_of_a_kind(
    point, state, offered, days_ago, waiting, refusals
):
    w = point
    other_kind_item = add_item(w, w.crutches, "КС-1")
    application = apply(w, w.wheelchair, days_ago=days_ago)
    _set(application, state=state, offered_item=other_kind_item if offered else None)
    need = {n.kind: n for n in demand.compute(
        organisation_id=w.a.organisation.pk, year=YEAR, as_of=TODAY
    )}[w.wheelchair]  # fmt: skip
    assert (need.waiting, need.refusals) == (waiting, refusals)
    assert need.total == waiting + refusals + need.replacements


def test_a_still_waiting_application_counts_once(point):
    w = point
    apply(w, w.wheelchair)
    apply(w, w.wheelchair, person=w.neighbour)
    withdrawn = apply(w, w.wheelchair, person=w.veteran)
    _set(withdrawn, state=ApplicationState.WITHDRAWN)
    request = demand.demand_compute(
        by=w.specialist, organisation=w.a.organisation, year=YEAR, today=TODAY
    )
    line = _line(request, w.wheelchair)
    assert (line.waiting, line.refusals, line.computed, line.quantity) == (2, 1, 3, 3)


def _in_service_for_end(kind, end: datetime.date) -> datetime.date:
    return add_months(end, -kind.service_life_months)


# (the service life ends, relative to 31 December of the requested year; written off; counted)
ITEMS = [
    (datetime.timedelta(0), False, 1),
    (datetime.timedelta(days=-400), False, 1),
    (datetime.timedelta(days=1), False, 0),
    (datetime.timedelta(days=-400), True, 0),
]


@pytest.mark.parametrize(("shift", "written_off", "counted"), ITEMS)
def test_items_whose_service_life_ends_by_the_end_of_the_year(point, shift, written_off, counted):
    w = point
    end = YEAR_END + shift
    item = add_item(w, w.wheelchair, "КК-1", in_service_on=_in_service_for_end(w.wheelchair, end))
    assert item.service_life_ends_on == end
    if written_off:
        services.write_off(
            by=w.specialist, item=item, act_number="1", act_date=TODAY, reason="износ"
        )
        item.refresh_from_db()
        assert item.state == ItemState.WRITTEN_OFF
    needs = {n.kind: n for n in demand.compute(
        organisation_id=w.a.organisation.pk, year=YEAR, as_of=TODAY
    )}  # fmt: skip
    assert needs[w.wheelchair].replacements == counted


def test_every_kind_of_app_3_has_a_line_with_its_price(point):
    w = point
    request = demand.demand_compute(
        by=w.specialist, organisation=w.a.organisation, year=YEAR, today=TODAY
    )
    lines = demand.lines_of(request)
    assert [line.kind for line in lines] == list(w.kinds[n] for n in sorted(w.kinds))
    assert _line(request, w.wheelchair).price == Decimal("32.41")


# --- the writes ------------------------------------------------------------------------------


@pytest.fixture
def draft(point):
    w = point
    apply(w, w.wheelchair)
    w.request = demand.demand_compute(
        by=w.specialist, organisation=w.a.organisation, year=YEAR, today=TODAY
    )
    w.line = _line(w.request, w.wheelchair)
    return w


def test_an_adjusted_quantity_needs_a_reason(draft):
    with pytest.raises(ValidationError) as error:
        demand.demand_adjust(
            by=draft.specialist, line=draft.line, quantity=5, reason=" ",
            expected_version=draft.request.version,
        )  # fmt: skip
    assert "Укажите причину" in str(error.value)
    draft.line.refresh_from_db()
    assert draft.line.quantity == 1


def test_an_adjustment_with_a_reason_survives_a_recomputation(draft):
    w = draft
    demand.demand_adjust(
        by=w.specialist, line=w.line, quantity=5, reason="ожидается рост очереди",
        expected_version=w.request.version,
    )  # fmt: skip
    apply(w, w.wheelchair, person=w.neighbour)
    demand.demand_compute(by=w.specialist, organisation=w.a.organisation, year=YEAR, today=TODAY)
    w.line.refresh_from_db()
    assert (w.line.computed, w.line.quantity, w.line.adjustment_reason) == (
        2, 5, "ожидается рост очереди",
    )  # fmt: skip


def test_an_adjustment_from_a_stale_page_is_refused(draft):
    w = draft
    demand.demand_adjust(
        by=w.specialist, line=w.line, quantity=1, reason="", expected_version=w.request.version
    )
    with pytest.raises(DomainError):
        demand.demand_adjust(
            by=w.specialist, line=w.line, quantity=2, reason="ещё",
            expected_version=w.request.version,
        )  # fmt: skip


def test_a_sent_request_is_read_only(draft):
    w = draft
    sent = demand.demand_send(
        by=w.specialist, request=w.request, expected_version=w.request.version,
        now=_moment(YEAR - 1, 4, 30),
    )  # fmt: skip
    assert (sent.state, sent.sent_late, sent.late_note) == (DemandState.SENT, False, "")
    assert sent.sent_by == w.specialist.user
    with pytest.raises(DomainError, match="уже направлена"):
        demand.demand_adjust(
            by=w.specialist, line=w.line, quantity=3, reason="x", expected_version=sent.version
        )
    with pytest.raises(DomainError, match="уже направлена"):
        demand.demand_compute(
            by=w.specialist, organisation=w.a.organisation, year=YEAR, today=TODAY
        )
    with pytest.raises(DomainError, match="уже направлена"):
        demand.demand_send(by=w.specialist, request=sent, expected_version=sent.version)


@pytest.mark.parametrize(
    ("sent_on", "late"),
    [((YEAR - 1, 5, 1), False), ((YEAR - 1, 5, 2), True), ((YEAR, 1, 15), True)],
)
def test_a_request_sent_after_1_may_is_accepted_and_marked_late(draft, sent_on, late):
    sent = demand.demand_send(
        by=draft.specialist, request=draft.request, expected_version=draft.request.version,
        now=_moment(*sent_on),
    )  # fmt: skip
    assert sent.state == DemandState.SENT
    assert sent.sent_late is late
    if late:
        assert sent.late_note == (f"направлено с опозданием (срок — до 01.05.{YEAR - 1}, п. 5.1)")


def test_the_responsible_of_the_point_prepares_it_and_others_may_not(draft):
    w = draft
    with pytest.raises(PermissionDenied):
        demand.demand_compute(
            by=w.psychologist, organisation=w.a.organisation, year=YEAR, today=TODAY
        )
    RentalPoint.objects.filter(pk=w.point.pk).update(responsible=w.psychologist)
    demand.demand_compute(by=w.psychologist, organisation=w.a.organisation, year=YEAR, today=TODAY)
    for outsider in (w.department, w.other_specialist, w.uszn):
        with pytest.raises(PermissionDenied):
            demand.demand_adjust(
                by=outsider, line=w.line, quantity=1, reason="", expected_version=None
            )


def test_an_institution_without_a_rental_point_is_told_so(rental):
    with pytest.raises(DomainError, match="не заведён пункт проката"):
        demand.demand_compute(
            by=rental.provider, organisation=rental.a.organisation, year=YEAR, today=TODAY
        )


def test_only_the_next_or_the_current_year_is_requested(point):
    with pytest.raises(DomainError, match="очередной год"):
        demand.demand_compute(
            by=point.specialist, organisation=point.a.organisation, year=YEAR + 3, today=TODAY
        )


# --- scoping: pages and API ------------------------------------------------------------------


@pytest.fixture
def two(draft):
    """«КЦСОН Б» has its own point and request; «КЦСОН А»'s is the draft's."""
    w = draft
    RentalPoint.objects.create(
        organisation=w.b.organisation, unit=w.b.support, address="ул. Ленина, 2", hours="пн–пт"
    )
    w.other_request = demand.demand_compute(
        by=w.other_specialist, organisation=w.b.organisation, year=YEAR, today=TODAY
    )
    other_line = _line(w.other_request, w.wheelchair)
    demand.demand_adjust(
        by=w.other_specialist, line=other_line, quantity=4, reason="новый район",
        expected_version=w.other_request.version,
    )  # fmt: skip
    return w


def test_another_institutions_request_is_not_found_on_the_page_and_in_the_api(two, login, client):
    w = two
    page = login(w.other_specialist)
    for name in ("demand_detail",):
        assert page.get(reverse(f"rental:{name}", args=[w.request.pk])).status_code == 404
    assert page.get(reverse("rental:demand_xlsx", args=[w.request.pk])).status_code == 404
    adjust = reverse("rental:demand_adjust", args=[w.request.pk, w.line.pk])
    assert page.post(adjust, {}).status_code == 404
    assert page.post(reverse("rental:demand_send", args=[w.request.pk])).status_code == 404
    assert client.get(f"{API}/{w.request.pk}", headers=bearer(w.other_specialist)).status_code == (
        404
    )
    listed = client.get(API, headers=bearer(w.other_specialist)).json()
    assert [row["id"] for row in listed["items"]] == [w.other_request.pk]
    listing = page.get(reverse("rental:demand_list")).content.decode()
    assert reverse("rental:demand_detail", args=[w.request.pk]) not in listing


def test_the_department_sees_every_request_and_the_regions_total(two, login, client):
    w = two
    page = login(w.department).get(reverse("rental:demand_list"), {"year": YEAR})
    html = page.content.decode()
    assert page.status_code == 200
    for record in (w.request, w.other_request):
        assert reverse("rental:demand_detail", args=[record.pk]) in html
    totals = {t.kind: t for t in demand.totals(w.department, year=YEAR)}
    assert (totals[w.wheelchair].quantity, totals[w.wheelchair].computed) == (5, 1)
    assert totals[w.wheelchair].requests == 2
    api = client.get(f"{API}/totals", {"year": YEAR}, headers=bearer(w.department)).json()
    wheelchair = next(row for row in api if row["kind_id"] == w.wheelchair.pk)
    assert (wheelchair["quantity"], wheelchair["computed"], wheelchair["requests"]) == (5, 1, 2)
    detail = client.get(f"{API}/{w.request.pk}", headers=bearer(w.department)).json()
    line = next(row for row in detail["lines"] if row["kind_id"] == w.wheelchair.pk)
    assert (line["waiting"], line["computed"], line["quantity"]) == (1, 1, 1)
    listed = client.get(API, {"year": YEAR}, headers=bearer(w.department)).json()
    assert listed["count"] == 2


def test_the_department_reads_a_draft_without_the_forms(two, login):
    html = login(two.department).get(reverse("rental:demand_detail", args=[two.request.pk]))
    assert html.status_code == 200
    body = html.content.decode()
    assert reverse("rental:demand_send", args=[two.request.pk]) not in body
    assert reverse("rental:demand_adjust", args=[two.request.pk, two.line.pk]) not in body


def test_the_list_costs_the_same_queries_for_more_requests(
    two, login, django_assert_max_num_queries
):
    client = login(two.department)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("rental:demand_list"), {"year": YEAR}).status_code == 200


# --- the pages' writes and the print ---------------------------------------------------------


def test_the_page_creates_adjusts_and_sends(point, login):
    w = point
    client = login(w.specialist)
    empty = client.get(reverse("rental:demand_list")).content.decode()
    assert "Заявок о потребности в ТСР ещё нет." in empty
    created = client.post(reverse("rental:demand_create"), {"year": YEAR})
    record = DemandRequest.objects.get(organisation=w.a.organisation, year=YEAR)
    assert created.url == reverse("rental:demand_detail", args=[record.pk])
    line = _line(record, w.wheelchair)
    adjust = reverse("rental:demand_adjust", args=[record.pk, line.pk])
    prefix = f"line-{line.pk}"
    refused = client.post(
        adjust, {f"{prefix}-quantity": 2, f"{prefix}-reason": "", f"{prefix}-version": 1}
    )
    assert refused.status_code == 400
    assert "Укажите причину" in refused.content.decode()
    saved = client.post(
        adjust, {f"{prefix}-quantity": 2, f"{prefix}-reason": "рост", f"{prefix}-version": 1}
    )
    assert saved.status_code == 302
    record.refresh_from_db()
    sent = client.post(reverse("rental:demand_send", args=[record.pk]), {"version": record.version})
    assert sent.status_code == 302
    record.refresh_from_db()
    assert record.state == DemandState.SENT
    body = client.get(reverse("rental:demand_detail", args=[record.pk])).content.decode()
    assert "не изменяется" in body
    assert adjust not in body


def test_a_year_outside_the_list_is_said_in_russian(point, login):
    client = login(point.specialist)
    response = client.post(reverse("rental:demand_create"), {"year": YEAR + 5}, follow=True)
    assert "Выберите год из списка." in response.content.decode()
    assert not DemandRequest.objects.filter(organisation=point.a.organisation).exists()


def test_the_xlsx_in_the_layout_of_app_3_reads_back(draft, login):
    w = draft
    demand.demand_adjust(
        by=w.specialist, line=w.line, quantity=3, reason="рост очереди",
        expected_version=w.request.version,
    )  # fmt: skip
    response = login(w.specialist).get(reverse("rental:demand_xlsx", args=[w.request.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell for cell in row if cell not in (None, "")] for row in sheet.iter_rows(
        values_only=True
    )]  # fmt: skip
    flat = [str(cell) for row in rows for cell in row]
    assert f"Заявка о потребности в ТСР на {YEAR} год" in flat
    assert "Цена (тариф) за 1 ед. изм., руб." in flat
    wheelchair = next(row for row in rows if w.wheelchair.name in row)
    assert wheelchair[2:4] == ["32,41", 3]
    assert "рост очереди" in wheelchair
    assert any(row[:2] == ["Итого", 3] for row in rows)


def test_the_pdf_is_a_pdf(draft, login):
    response = login(draft.specialist).get(reverse("rental:demand_pdf", args=[draft.request.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
