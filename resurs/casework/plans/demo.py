"""Demo plans of БУ «Пыть-Яхский КЦСОН» (issue 13, item 14): ИППСУ «Социальное
сопровождение» plans of the first citizens of the social-support unit, with lines given to
units and to a partner, one line overdue and one done, and referrals to the psychological
unit — one waiting, one accepted, one done. Dated relative to the day of loading; loading
twice changes nothing. Needs the units' demo (units, staff, citizens) loaded before it."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens.models import Person
from resurs.casework.plans import referrals, services
from resurs.casework.plans.models import Measure, Plan, PlanKind
from resurs.casework.units.models import Unit
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON
from resurs.kernel.organisations.models import Organisation, OrganisationKind

PLANS = 6
DAY = datetime.timedelta(days=1)
LINES = (
    # (measure code, details, days from today to the date, given to the psychological unit)
    ("documents", "Помощь в восстановлении паспорта и полиса ОМС", 7, False),
    ("psychological", "Консультации психолога для родителей", 10, True),
    ("employment", "Содействие в постановке на учёт в центре занятости", -5, False),
)
REQUESTS = (
    "Прошу провести консультации психолога для матери: тревожность после развода.",
    "Прошу провести занятия с ребёнком 9 лет: конфликты в школе.",
    "Прошу оценить детско-родительские отношения в семье.",
)


@transaction.atomic
def load_demo_data() -> None:
    if Plan.all_records.exists():
        return
    organisation = Organisation.objects.filter(name=PYT_YAKH_KCSON).first()
    if organisation is None:
        return
    units = {u.kind.code: u for u in Unit.objects.filter(organisation=organisation)}
    support, psychology = units.get("social_support"), units.get("psychological")
    if support is None or psychology is None:
        return
    persons = list(
        Person.objects.unscoped(reason="the demo's plans of the demo citizens")
        .filter(unit=support, specialist__isnull=False)
        .order_by("id")[:PLANS]
    )
    partner = Organisation.objects.filter(
        kind=OrganisationKind.USZN, territory=organisation.territory
    ).first()
    measures = {m.code: m for m in Measure.objects.filter(plan_kind=PlanKind.SUPPORT)}
    today = timezone.localdate()
    for index, person in enumerate(persons):
        plan = services.plan_create(
            by=None,
            kind=PlanKind.SUPPORT,
            person=person,
            unit=support,
            specialist=person.specialist,
            title="ИППСУ: раздел «Социальное сопровождение»",
            starts_on=today - 20 * DAY,
        )
        lines = [
            services.plan_line_add(
                by=None,
                plan=plan,
                measure=measures[code],
                details=details,
                planned_on=today + days * DAY,
                responsible_unit=psychology if to_psychology else support,
            )
            for code, details, days, to_psychology in LINES
        ]
        if partner is not None:
            services.plan_line_add(
                by=None,
                plan=plan,
                measure=measures["rights"],
                details="Оформление мер социальной поддержки",
                planned_on=today + 14 * DAY,
                responsible_organisation=partner,
            )
        if index % 2 == 0:
            services.plan_approve(
                by=None, plan=plan, expected_version=None, approved_on=today - 15 * DAY
            )
            services.plan_line_complete(
                by=None,
                line=lines[0],
                expected_version=None,
                done_on=today - 2 * DAY,
                result="Документы поданы в МФЦ, паспорт получен.",
            )
        if index < len(REQUESTS):
            referral = referrals.referral_send(
                by=None, line=lines[1], to_unit=psychology, request=REQUESTS[index]
            )
            if index >= 1:
                referrals.referral_accept(by=None, referral=referral, expected_version=None)
            if index == 2:
                referrals.referral_done(
                    by=None,
                    referral=referral,
                    expected_version=None,
                    result="Проведено четыре консультации, рекомендовано продолжить через месяц.",
                )
