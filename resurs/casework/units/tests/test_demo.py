"""Issue 13, item 14: the case-work demo — the Pyt-Yakh KCSON's units, four districts (one
outside its norm), the head's and specialists' places, two hundred families of the target
groups with valid СНИЛС; loading twice adds nothing, and load_demo prints the new logins."""

from io import StringIO

import pytest
from django.core.management import call_command

from resurs.casework.citizens.identity import is_valid_snils
from resurs.casework.citizens.models import (
    Consent,
    Family,
    FamilyMember,
    Person,
    TargetGroupMembership,
)
from resurs.casework.units import demo, norms
from resurs.casework.units.models import (
    DistrictAssignment,
    DistrictPassport,
    SocialDistrict,
    Unit,
    UnitStaff,
)
from resurs.kernel.accounts.models import Membership

pytestmark = pytest.mark.django_db

MODELS = (
    Unit,
    UnitStaff,
    SocialDistrict,
    DistrictAssignment,
    DistrictPassport,
)
PERSONAL = (Person, Family, FamilyMember, TargetGroupMembership, Consent)


def _counts():
    return [m.objects.count() for m in MODELS] + [m.all_records.count() for m in PERSONAL]


def test_the_demo_loads_once_with_the_department_and_its_people(login):
    out = StringIO()
    call_command("load_demo", stdout=out)
    counts = _counts()
    call_command("load_demo", stdout=StringIO())
    assert _counts() == counts

    printed = out.getvalue()
    for username in ("head", "specialist", "specialist2", "psychologist"):
        assert f"  {username} " in printed
    assert "demo-ahmetova" not in printed  # staff without a login are not offered

    head = Membership.objects.get(user__username="head")
    assert head.unit_staff.unit.name == demo.SUPPORT
    assert Membership.objects.get(user__username="psychologist").unit_staff.unit.name == (
        demo.PSYCHOLOGY
    )
    districts = list(SocialDistrict.objects.filter(unit__name=demo.SUPPORT).order_by("name"))
    assert len(districts) == 4
    in_force = norms.norms_in_force(districts[0].population_as_of)
    outside = [d.name for d in districts if norms.check_district(d, in_force).outside]
    assert outside == ["Участок № 3"]
    assert (
        DistrictAssignment.objects.get(membership__user__username="specialist2").district
        == districts[1]
    )

    assert Family.all_records.filter(unit__name=demo.SUPPORT).count() == 200
    people = list(Person.all_records.all())
    assert len(people) > 400
    assert all(is_valid_snils(p.snils) for p in people if p.snils)
    assert len({p.snils for p in people}) == len(people)
    assert {p.district_id for p in people} == {d.pk for d in districts}
    assert TargetGroupMembership.all_records.filter(family__isnull=False).exists()

    _the_journal_and_the_cases()
    _the_records_of_the_data_bank()
    # the plans demo, loaded after this one, sends its referrals between the units
    from resurs.casework.plans.models import Referral

    assert Referral.all_records.filter(to_unit__name=demo.PSYCHOLOGY).exists()

    page = login(head).get("/units/board/").content.decode()
    assert "Участок № 3" in page and "паспорт" in page.lower()


def _the_journal_and_the_cases():
    from collections import Counter

    from django.utils import timezone

    from resurs.casework.cases.models import Appeal, Case, CaseDeadline, StepKind
    from resurs.kernel.workcalendar.deadlines import is_working_day

    today = timezone.localdate()
    appeals = Appeal.all_records.filter(unit__name=demo.SUPPORT)
    per_day = Counter(timezone.localtime(a.received_at).date() for a in appeals)
    assert per_day and all(day.month == today.month for day in per_day)
    assert max(per_day.values()) == 25
    assert sorted(per_day.values()).count(25) == 1
    assert {c.stage for c in Case.all_records.all()} == set(StepKind.values)
    open_deadlines = CaseDeadline.all_records.filter(met_on__isnull=True)
    overdue = open_deadlines.filter(due_on__lt=today)
    assert overdue.count() == 1
    assert overdue.get().case.specialist.username == "specialist"
    due_today = open_deadlines.filter(due_on=today).count()
    assert due_today == (1 if is_working_day(today) else 0)


def _the_records_of_the_data_bank():
    from resurs.casework.cases.models import Act
    from resurs.casework.citizens.models import (
        DuplicateLink,
        PersonalFile,
        PreventiveRegistration,
        SocialPassport,
    )

    assert PersonalFile.all_records.count() == SocialPassport.all_records.count() == 48
    registrations = PreventiveRegistration.all_records.all()
    assert registrations.exists() and registrations.filter(removed_on__isnull=False).count() == 1
    assert Act.all_records.filter(specialist__username="specialist").exists()
    assert DuplicateLink.all_records.get().decided_by.username == "head"
