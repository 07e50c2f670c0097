"""Demo of the reporting chain (loaded by ``manage.py load_demo`` after roadmaps).

Direction 2 («адаптация и ресоциализация…») runs through the Surgut RC. Its providers with
an УСЗН are the RC institution itself and АНО «Возрождение» (Сургутский район, УСЗН по
Сургутскому району) and the Pyt-Yakh KCSON (the demo «provider» login; УСЗН по г. Пыть-Яху),
which the demo adds to the direction so that every demo role takes part in the chain.

* II quarter 2026 — the whole chain done: providers reported (Возрождение three days late),
  both УСЗН consolidated and forwarded, the RC reported to the Department and to the
  methodological centre; everything accepted.
* III quarter 2026 — in progress: the Pyt-Yakh KCSON submitted on time and was accepted,
  Возрождение declared «нет данных за период», the RC institution has not reported as a
  provider (missing); the Surgut district УСЗН's consolidation is a draft; the RC's report
  to the Department is missing.
* IV quarter 2026 and the 2025 roadmap report are open.
* KPI snapshots of every centre for the last twelve quarters (the trend charts show eight).
* The in-service chain of the Pyt-Yakh KCSON's social-support unit (004 app. 2 §5.3–5.4) for
  the last finished quarter: `specialist` reported on time and was accepted by `head`,
  `specialist2` two days late (accepted), Ахметова was returned with remarks, Кравченко has
  not reported (missing); `head`'s report to the director (`provider`) was submitted on time
  and waits for the director's decision. The current quarter is open. The counted lines
  come from the service facts there are when the demo is loaded.

Staff of organisations without a demo login act through memberships whose users cannot log
in. Loading twice changes nothing: a period that already has reports is left as it is.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from resurs.coordination.reporting import kpi, services, shipped
from resurs.coordination.reporting.models import Report, ReportForm
from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON, SURGUT_RC
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.workcalendar.periods import Period

Q2 = Period("quarter", 2026, 2)
Q3 = Period("quarter", 2026, 3)
Q4 = Period("quarter", 2026, 4)
VOZROZHDENIE = "Автономная некоммерческая организация «Реабилитационный центр «Возрождение»"


def _zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _member(organisation: Organisation, role: str, direction=None) -> Membership:
    """A membership of the organisation for the role: a demo login's, or a staff member's
    without a usable password."""
    existing = (
        Membership.objects.filter(organisation=organisation, role=role, is_active=True)
        .select_related("user")
        .order_by("id")
        .first()
    )
    if existing:
        return existing
    user, created = User.objects.get_or_create(
        username=f"staff-{organisation.pk}-{role}",
        defaults={"last_name": "Сотрудник", "first_name": organisation.short_name[:30]},
    )
    if created:
        user.set_unusable_password()
        user.save()
    return Membership.objects.create(
        user=user, organisation=organisation, role=role, direction=direction, position="Специалист"
    )


def _at(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=_zone())


def _report(form_code, sender, period) -> Report:
    return Report.objects.get(form__code=form_code, sender=sender, period_start=period.start)


def _submit(by, report, values, *, on, nothing=False):
    if values:
        services.save_values(by=by, report=report, values=values, expected_version=None)
        report.refresh_from_db()
    services.submit(by=by, report=report, expected_version=None, nothing_to_report=nothing or None)
    Report.objects.filter(pk=report.pk).update(
        submitted_at=_at(on), submitted_on=on, last_submitted_at=_at(on)
    )
    report.refresh_from_db()
    return report


def _accept(by, report):
    services.accept(by=by, report=report, expected_version=None)


def _provider_values(total, new, problems=""):
    return {
        "recipients_total": total,
        "recipients_new": new,
        "staff_trained": 2,
        "problems": problems,
        "technologies": [
            {
                "name": "Социальное сопровождение лиц без определённого места жительства",
                "recipients": new,
            }
        ],
    }


@transaction.atomic
def load_demo_data() -> None:
    shipped.install()  # a flushed test database has lost the data migration's rows
    forms = {form.code: form for form in ReportForm.objects.all()}
    _in_service(forms)
    direction = Direction.objects.get(number=2)
    rc = Organisation.objects.filter(name=SURGUT_RC).first()
    kcson = Organisation.objects.filter(name=PYT_YAKH_KCSON).first()
    vozrozhdenie = Organisation.objects.filter(name=VOZROZHDENIE).first()
    if not (rc and kcson and vozrozhdenie):
        return
    kcson.directions.add(direction)
    vozrozhdenie.directions.add(direction)
    uszn_surgut = Organisation.objects.get(short_name="УСЗН по Сургутскому району")
    uszn_pyt_yakh = Organisation.objects.get(short_name="УСЗН по г. Пыть-Яху")
    department = Organisation.objects.get(kind="department")
    methodist = Organisation.objects.get(kind="methodical_centre")
    people = {
        "rc_provider": _member(rc, Role.PROVIDER),
        "kcson": _member(kcson, Role.PROVIDER),
        "vozrozhdenie": _member(vozrozhdenie, Role.PROVIDER),
        "uszn_surgut": _member(uszn_surgut, Role.USZN),
        "uszn_pyt_yakh": _member(uszn_pyt_yakh, Role.USZN),
        "rc": _member(rc, Role.RESOURCE_CENTRE, direction),
        "department": _member(department, Role.DEPARTMENT),
        "methodist": _member(methodist, Role.METHODICAL_CENTRE),
    }
    if not Report.objects.filter(period_start=Q2.start).exists():
        _second_quarter(forms, people, rc, kcson, vozrozhdenie, uszn_surgut, uszn_pyt_yakh)
    if not Report.objects.filter(period_start=Q3.start).exists():
        _third_quarter(forms, people, rc, kcson, vozrozhdenie, uszn_surgut, uszn_pyt_yakh)
    for code in ("provider-monitoring", "uszn-consolidation", "rc-monitoring", "rc-kpi"):
        services.open_period(form=forms[code], period=Q4)
    services.open_period(form=forms["roadmap-annual"], period=Period("year", 2025, 1))
    for period in Q4.last(12):  # the dashboards' trend shows eight quarters back
        kpi.recompute(period)


def _open(forms, period):
    for code in ("provider-monitoring", "uszn-consolidation", "rc-monitoring", "rc-kpi"):
        services.open_period(form=forms[code], period=period)


def _second_quarter(forms, p, rc, kcson, vozrozhdenie, uszn_surgut, uszn_pyt_yakh):
    _open(forms, Q2)
    due = datetime.date(2026, 7, 3)
    for who, org, values, day in (
        ("rc_provider", rc, _provider_values(54, 17), due - datetime.timedelta(days=2)),
        (
            "vozrozhdenie",
            vozrozhdenie,
            _provider_values(23, 9, "Не хватает мест в социальной гостинице в зимний период."),
            due + datetime.timedelta(days=3),
        ),
        ("kcson", kcson, _provider_values(31, 12), due - datetime.timedelta(days=1)),
    ):
        report = _submit(p[who], _report("provider-monitoring", org, Q2), values, on=day)
        receiver = "uszn_pyt_yakh" if org == kcson else "uszn_surgut"
        _accept(p[receiver], report)
    for who, org, day in (
        ("uszn_surgut", uszn_surgut, datetime.date(2026, 7, 6)),
        ("uszn_pyt_yakh", uszn_pyt_yakh, datetime.date(2026, 7, 3)),
    ):
        report = _submit(
            p[who],
            _report("uszn-consolidation", org, Q2),
            {"uszn_comment": "Сведения поставщиков территории проверены."},
            on=day,
        )
        _accept(p["rc"], report)
    monitoring = _submit(
        p["rc"],
        _report("rc-monitoring", rc, Q2),
        {"rc_conclusions": "План II квартала выполнен; растёт число обращений."},
        on=datetime.date(2026, 7, 9),
    )
    _accept(p["department"], monitoring)
    kpi_report = _submit(p["rc"], _report("rc-kpi", rc, Q2), {}, on=datetime.date(2026, 7, 2))
    _accept(p["methodist"], kpi_report)


def _third_quarter(forms, p, rc, kcson, vozrozhdenie, uszn_surgut, uszn_pyt_yakh):
    _open(forms, Q3)
    due = datetime.date(2026, 10, 5)
    report = _submit(
        p["kcson"], _report("provider-monitoring", kcson, Q3), _provider_values(35, 8), on=due
    )
    _accept(p["uszn_pyt_yakh"], report)
    _submit(
        p["vozrozhdenie"],
        _report("provider-monitoring", vozrozhdenie, Q3),
        {},
        on=due - datetime.timedelta(days=1),
        nothing=True,
    )
    consolidation = _report("uszn-consolidation", uszn_surgut, Q3)
    services.save_values(
        by=p["uszn_surgut"],
        report=consolidation,
        values={"uszn_comment": "Ожидаем отчёт Сургутского районного центра как поставщика."},
        expected_version=None,
    )


IN_SERVICE_FORMS = ("inservice-specialist", "inservice-head")


def _staff_member(username: str, role: str) -> Membership | None:
    return (
        Membership.objects.filter(user__username=username, role=role, is_active=True)
        .select_related("user")
        .first()
    )


def _specialist_values(families: int, employed: int, results: str) -> dict:
    return {
        "families_supported": families,
        "members_employed": employed,
        "support_ended": 1 if families > 3 else 0,
        "results": results,
    }


def _in_service(forms) -> None:
    """The in-service chain of the demo unit (the units' demo places its staff)."""
    kcson = Organisation.objects.filter(name=PYT_YAKH_KCSON).first()
    head = _staff_member("head", Role.HEAD)
    if kcson is None or head is None:
        return
    current = Period.containing("quarter", timezone.localdate())
    last = current.previous()
    opened = Report.objects.filter(
        form__code__in=IN_SERVICE_FORMS, period_start=last.start, sender=kcson
    ).exists()
    for period in (last, current):
        for code in IN_SERVICE_FORMS:
            services.open_period(form=forms[code], period=period)
    if opened:
        return
    reports = Report.objects.filter(form__code="inservice-specialist", period_start=last.start)
    due = reports.values_list("due_on", flat=True).first()
    if due is None:
        return
    for username, values, day, decision in (
        (
            "specialist",
            _specialist_values(6, 2, "Шесть семей на сопровождении, две семьи вышли из ТЖС."),
            due,
            "accept",
        ),
        (
            "specialist2",
            _specialist_values(4, 1, "Четыре семьи; одна мама трудоустроена."),
            due + datetime.timedelta(days=2),
            "accept",
        ),
        (
            "demo-ahmetova",
            _specialist_values(3, 0, "Работа с семьями участка № 3."),
            due,
            "return",
        ),
    ):
        specialist = _staff_member(username, Role.SPECIALIST)
        report = reports.filter(sender_membership=specialist).first()
        if specialist is None or report is None:
            continue
        report = _submit(specialist, report, values, on=day)
        if decision == "accept":
            _accept(head, report)
        else:
            services.return_for_revision(
                by=head,
                report=report,
                remarks="Укажите, сколько семей сняты с сопровождения и почему.",
                expected_version=None,
            )
    head_report = Report.objects.filter(
        form__code="inservice-head", period_start=last.start, sender=kcson
    ).first()
    if head_report is not None:
        _submit(
            head,
            head_report,
            {
                "results": "Служба сопровождения семей работала по плану квартала.",
                "proposals": "Привлечь наставников из числа волонтёров.",
            },
            on=head_report.due_on,
        )
