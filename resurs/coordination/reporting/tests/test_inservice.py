"""REP-2 inside one institution (004 app. 2 §5.3–5.4): specialist → head of the unit by the
1st of the month after the quarter, head → director by the 3rd — reports of the one reporting
mechanism, pre-filled from the specialist's service facts, on the same board, with the same
reminders, and seen by nobody outside the unit's line."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied

from resurs.casework.conftest import institution, make_person, staff
from resurs.casework.socialservices.models import Service, ServiceForm, ServiceKind
from resurs.casework.socialservices.services import fact_record
from resurs.casework.units.models import Position
from resurs.coordination.reporting import reminders_reports, selectors, services
from resurs.coordination.reporting.models import Report, ReportForm, ReportState
from resurs.kernel.accounts.roles import Role
from resurs.kernel.notifications.models import Notification
from resurs.kernel.workcalendar.periods import Period
from resurs.kernel.writes.errors import DomainError
from tests.factories import member, territory

Q3 = Period("quarter", 2026, 3)
SPECIALIST_DUE = datetime.date(2026, 10, 1)  # Thursday
HEAD_DUE = datetime.date(2026, 10, 5)  # the 3rd is a Saturday: the next working day


class Chain:
    pass


@pytest.fixture
def chain(db):
    c = Chain()
    c.a = institution("КЦСОН А", "Пыть-Ях", 2)
    c.b = institution("КЦСОН Б", "Сургут", 1, psychology=False)
    c.head = staff(Role.HEAD, c.a.organisation, c.a.support, Position.HEAD)
    c.specialist = staff(Role.SPECIALIST, c.a.organisation, c.a.support, Position.FAMILY_SPECIALIST)
    c.specialist2 = staff(
        Role.SPECIALIST, c.a.organisation, c.a.support, Position.FAMILY_SPECIALIST
    )
    # The psychological unit has no head: nobody there owes an in-service report.
    c.psychologist = staff(Role.SPECIALIST, c.a.organisation, c.a.psychology, Position.PSYCHOLOGIST)
    c.director = member(Role.PROVIDER, c.a.organisation)
    c.other_head = staff(Role.HEAD, c.b.organisation, c.b.support, Position.HEAD)
    c.other_specialist = staff(
        Role.SPECIALIST, c.b.organisation, c.b.support, Position.FAMILY_SPECIALIST
    )
    c.other_director = member(Role.PROVIDER, c.b.organisation)
    c.uszn = member(Role.USZN, org={"territory": territory("Пыть-Ях")})
    c.department = member(Role.DEPARTMENT)
    c.forms = {
        form.code: form
        for form in ReportForm.objects.filter(code__in=["inservice-specialist", "inservice-head"])
    }
    for form in c.forms.values():
        services.open_period(form=form, period=Q3)
    return c


def _report(form_code, *, membership=None, unit=None) -> Report:
    reports = Report.objects.filter(form__code=form_code, period_start=Q3.start)
    if membership is not None:
        return reports.get(sender_membership=membership)
    return reports.get(unit=unit, sender_membership__isnull=True)


def _fill_and_submit(by, report, **values):
    values = {"families_supported": 4, "results": "Сопровождено четыре семьи.", **values}
    services.save_values(by=by, report=report, values=values, expected_version=None)
    report.refresh_from_db()
    return services.submit(by=by, report=report, expected_version=None)


def _page(response) -> str:
    """A page without its per-request CSRF token."""
    return re.sub(r'(X-CSRFToken": "|value=")[\w-]{32,}', r"\1", response.content.decode())


def _submitted_on(report, day):
    Report.objects.filter(pk=report.pk).update(submitted_on=day)
    report.refresh_from_db()


# --- obligations and deadlines ----------------------------------------------------------------


def test_every_specialist_owes_the_head_and_every_headed_unit_owes_the_director(chain):
    specialists = Report.objects.filter(form__code="inservice-specialist")
    assert set(specialists.values_list("sender_membership", flat=True)) == {
        chain.specialist.pk,
        chain.specialist2.pk,
        chain.other_specialist.pk,
    }
    for report in specialists:
        assert report.sender_id == report.receiver_id == report.unit.organisation_id
    heads = Report.objects.filter(form__code="inservice-head")
    assert set(heads.values_list("unit", flat=True)) == {chain.a.support.pk, chain.b.support.pk}
    assert not heads.filter(sender_membership__isnull=False).exists()
    # Opening again creates nothing.
    assert services.open_period(form=chain.forms["inservice-specialist"], period=Q3) == 0


def test_a_specialist_who_left_before_the_quarter_owes_nothing(chain):
    gone = staff(Role.SPECIALIST, chain.a.organisation, chain.a.support, Position.PSYCHOLOGIST)
    gone.unit_staff.ends_on = datetime.date(2026, 6, 30)
    gone.unit_staff.save()
    services.open_period(form=chain.forms["inservice-specialist"], period=Q3)
    assert not Report.objects.filter(sender_membership=gone).exists()


@pytest.mark.parametrize(
    ("quarter", "specialist_due", "head_due"),
    [
        # 004 app. 2 §5.3: by the 1st; §5.4: by the 3rd of the month after the quarter.
        (Period("quarter", 2026, 1), datetime.date(2026, 4, 1), datetime.date(2026, 4, 3)),
        (Period("quarter", 2026, 2), datetime.date(2026, 7, 1), datetime.date(2026, 7, 3)),
        # 3 October 2026 is a Saturday: the next working day.
        (Period("quarter", 2026, 3), SPECIALIST_DUE, HEAD_DUE),
        # 1 and 3 January 2026 are holidays of the production calendar (to 11 January).
        (Period("quarter", 2025, 4), datetime.date(2026, 1, 12), datetime.date(2026, 1, 12)),
    ],
)
def test_due_dates_are_the_1st_and_the_3rd_moved_by_the_calendar(
    chain, quarter, specialist_due, head_due
):
    for form in chain.forms.values():
        services.open_period(form=form, period=quarter)
    reports = Report.objects.filter(period_start=quarter.start)
    assert set(
        reports.filter(form__code="inservice-specialist").values_list("due_on", flat=True)
    ) == {specialist_due}
    assert set(reports.filter(form__code="inservice-head").values_list("due_on", flat=True)) == {
        head_due
    }


def test_without_the_shift_the_due_day_stays_on_the_weekend(chain, settings):
    settings.REPORT_DUE_SHIFT = "none"
    assert selectors.due_of(chain.forms["inservice-head"], Q3) == datetime.date(2026, 10, 3)


# --- pre-fill from the service facts ----------------------------------------------------------


@pytest.fixture
def facts(chain):
    legal = Service.objects.create(
        code="9.1", name="Помощь в защите прав", kind=ServiceKind.LEGAL, form=ServiceForm.HOME
    )
    household = Service.objects.create(
        code="1.1", name="Покупка продуктов", kind=ServiceKind.HOUSEHOLD, form=ServiceForm.HOME
    )
    unit = chain.a.support
    first = make_person(unit, chain.a.districts[0])
    second = make_person(unit, chain.a.districts[0], first_name="Анна")
    user, user2 = chain.specialist.user, chain.specialist2.user

    def fact(service, person, day, specialist, quantity=1, the_unit=unit, by=chain.head):
        # The head records for the unit's specialists (facts of the quarter, entered later).
        return fact_record(
            by=by,
            unit=the_unit,
            service=service,
            provided_on=day,
            person=person,
            quantity=quantity,
            specialist=specialist,
        )

    fact(legal, first, datetime.date(2026, 7, 14), user)
    fact(household, first, datetime.date(2026, 8, 3), user, quantity=2)
    fact(legal, second, datetime.date(2026, 9, 30), user)
    # Not in the quarter, or another specialist's: not in the specialist's report.
    fact(legal, first, datetime.date(2026, 6, 30), user)
    fact(household, first, datetime.date(2026, 9, 1), user2, quantity=3)
    other = make_person(chain.b.support, chain.b.districts[0])
    fact(
        legal,
        other,
        datetime.date(2026, 8, 1),
        chain.other_specialist.user,
        the_unit=chain.b.support,
        by=chain.other_head,
    )
    return chain


def _counted(report):
    indicators = list(report.form_version.indicators.all())
    return {code: c.value for code, c in selectors.counted_values(report, indicators).items()}


def test_the_specialists_report_counts_their_own_facts_of_the_quarter(facts):
    counted = _counted(_report("inservice-specialist", membership=facts.specialist))
    assert counted["service_recipients"] == 2
    assert counted["services_given"] == 4
    assert counted["services_legal"] == 2
    assert counted["services_labour"] == 0
    other = _counted(_report("inservice-specialist", membership=facts.specialist2))
    assert (other["service_recipients"], other["services_given"]) == (1, 3)


def test_the_heads_report_counts_the_unit_once_per_person(facts):
    counted = _counted(_report("inservice-head", unit=facts.a.support))
    # The first person was served by both specialists: one recipient.
    assert counted["service_recipients"] == 2
    assert counted["services_given"] == 7
    assert counted["specialists_reported"] == 0


def test_the_specialist_sees_the_form_pre_filled(facts, login):
    report = _report("inservice-specialist", membership=facts.specialist)
    page = login(facts.specialist).get(f"/reporting/reports/{report.pk}/edit/")
    assert page.status_code == 200
    assert 'name="services_given" value="4"' in page.text
    services.save_values(by=facts.specialist, report=report, values={}, expected_version=None)
    stored = selectors.stored_values(report)
    assert stored["services_given"].value == stored["services_given"].counted == 4


# --- the chain end to end ---------------------------------------------------------------------


def test_specialist_to_head_to_director(facts):
    report = _report("inservice-specialist", membership=facts.specialist)
    _fill_and_submit(facts.specialist, report, members_employed=2)
    assert report.state == ReportState.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.accept(by=facts.director, report=report, expected_version=None)
    services.accept(by=facts.head, report=report, expected_version=None)
    head_report = _report("inservice-head", unit=facts.a.support)
    counted = _counted(head_report)
    assert counted["specialists_reported"] == 1
    assert counted["families_supported"] == 4
    assert counted["members_employed"] == 2
    assert counted["results"] == "Сопровождено четыре семьи."
    with pytest.raises(PermissionDenied):
        services.save_values(
            by=facts.specialist, report=head_report, values={}, expected_version=None
        )
    services.save_values(
        by=facts.head,
        report=head_report,
        values={"results": "Служба работала по плану."},
        expected_version=None,
    )
    head_report.refresh_from_db()
    services.submit(by=facts.head, report=head_report, expected_version=None)
    with pytest.raises(PermissionDenied):
        services.accept(by=facts.head, report=head_report, expected_version=None)
    services.accept(by=facts.director, report=head_report, expected_version=None)
    head_report.refresh_from_db()
    assert head_report.state == ReportState.ACCEPTED
    assert selectors.stored_values(head_report)["families_supported"].value == 4


def test_a_specialist_cannot_submit_a_colleagues_report(chain):
    report = _report("inservice-specialist", membership=chain.specialist)
    with pytest.raises(PermissionDenied):
        _fill_and_submit(chain.specialist2, report)


def test_a_part_bigger_than_its_whole_is_refused(chain):
    report = _report("inservice-specialist", membership=chain.specialist)
    with pytest.raises(DomainError, match="часть не может быть больше целого"):
        _fill_and_submit(chain.specialist, report, support_ended=5)


# --- the boards --------------------------------------------------------------------------------


def test_the_heads_board_shows_the_units_specialists_on_time_late_and_missing(chain, login):
    on_time = _report("inservice-specialist", membership=chain.specialist)
    _fill_and_submit(chain.specialist, on_time)
    _submitted_on(on_time, SPECIALIST_DUE)
    late = _report("inservice-specialist", membership=chain.specialist2)
    _fill_and_submit(chain.specialist2, late)
    _submitted_on(late, SPECIALIST_DUE + datetime.timedelta(days=2))
    board = selectors.board(
        chain.head,
        period=Q3,
        receiver_id=chain.a.organisation.pk,
        today=datetime.date(2026, 10, 10),
    )
    assert {r.pk for r in board.rows} == {on_time.pk, late.pk}  # not their own to the director
    assert board.totals["on_time"] == 1 and board.totals["late"] == 1
    statuses = {r.pk: r.status_words for r in board.rows}
    assert statuses[late.pk] == "с опозданием на 2 дн."
    page = login(chain.head).get(f"/reporting/board/?form=inservice-specialist&period={Q3.key}")
    assert page.status_code == 200
    assert late.get_absolute_url() in page.text
    other = _report("inservice-specialist", membership=chain.other_specialist)
    assert other.get_absolute_url() not in page.text


def test_the_directors_board_shows_the_heads(chain, login):
    board = selectors.board(
        chain.director,
        period=Q3,
        receiver_id=chain.a.organisation.pk,
        today=datetime.date(2026, 10, 10),
    )
    assert [r.unit_id for r in board.rows] == [chain.a.support.pk]
    assert board.totals["missing"] == 1
    page = login(chain.director).get(f"/reporting/board/?form=inservice-head&period={Q3.key}")
    assert page.status_code == 200 and chain.a.support.name in page.text


def test_my_reports_lists_only_the_specialists_own(chain, login):
    page = login(chain.specialist).get("/reporting/")
    assert page.status_code == 200
    mine = _report("inservice-specialist", membership=chain.specialist)
    theirs = _report("inservice-specialist", membership=chain.specialist2)
    assert mine.get_absolute_url() in page.text
    assert theirs.get_absolute_url() not in page.text


def test_nobody_outside_the_line_sees_a_specialists_report(chain, login):
    report = _report("inservice-specialist", membership=chain.specialist)
    url = report.get_absolute_url()
    outsiders = {
        "другой специалист отделения": chain.specialist2,
        "психолог другого отделения": chain.psychologist,
        "заведующий другого учреждения": chain.other_head,
        "специалист другого учреждения": chain.other_specialist,
        "директор другого учреждения": chain.other_director,
        "УСЗН территории": chain.uszn,
    }
    missing = Report.objects.order_by("-pk").first().pk + 1000
    for reason, who in outsiders.items():
        client = login(who)
        response = client.get(url)
        assert response.status_code == 404, reason
        # Not allowed looks the same as not found.
        assert _page(response) == _page(client.get(f"/reporting/reports/{missing}/")), reason
        assert not Report.objects.visible_to(who).filter(pk=report.pk).exists(), reason
    for insider in (chain.specialist, chain.head, chain.director):
        assert login(insider).get(url).status_code == 200


def test_a_head_sees_only_the_units_they_head(chain):
    report = _report("inservice-head", unit=chain.b.support)
    assert not Report.objects.visible_to(chain.head).filter(pk=report.pk).exists()
    assert Report.objects.visible_to(chain.other_head).filter(pk=report.pk).exists()


# --- reminders ---------------------------------------------------------------------------------


def test_reminders_go_to_the_specialist_and_to_the_head(chain):
    _fill_and_submit(
        chain.specialist2, _report("inservice-specialist", membership=chain.specialist2)
    )
    reminders_reports.send_due_reminders(today=SPECIALIST_DUE)
    own = Notification.objects.filter(recipient=chain.specialist.user)
    assert own.count() == 1
    assert "Отчёт специалиста за квартал" in own.get().title
    assert "Заведующий" in own.get().text
    assert not Notification.objects.filter(recipient=chain.specialist2.user).exists()
    # The head's own report is due on the 5th: the «before» stage reaches the head only.
    head_titles = list(
        Notification.objects.filter(recipient=chain.head.user).values_list("title", flat=True)
    )
    assert head_titles and all("Отчёт заведующего за квартал" in t for t in head_titles)
    assert not Notification.objects.filter(recipient=chain.director.user).exists()
    assert not Notification.objects.filter(recipient=chain.psychologist.user).exists()


def test_the_heads_board_costs_the_same_for_more_specialists(
    chain, login, django_assert_max_num_queries
):
    url = f"/reporting/board/?form=inservice-specialist&period={Q3.key}"
    client = login(chain.head)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    for _ in range(6):
        staff(Role.SPECIALIST, chain.a.organisation, chain.a.support, Position.FAMILY_SPECIALIST)
    services.open_period(form=chain.forms["inservice-specialist"], period=Q3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    reports = Report.objects.filter(form__code="inservice-specialist", unit=chain.a.support)
    assert reports.count() == 8
    assert all(report.get_absolute_url() in page.text for report in reports)
