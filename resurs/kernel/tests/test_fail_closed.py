"""A scoped model holding personal data can be made fail-closed (FailClosedQuerySet): a read
that forgot the scope raises instead of returning the region."""

import pytest
from django.db.models import Q

from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import ScopeNotApplied
from resurs.kernel.tests.conftest import Family, FamilyMember

pytestmark = pytest.mark.django_db


def scope(role=Role.SPECIALIST, organisation_id=1):
    from resurs.kernel.accounts.scoping import Scope

    return Scope(role, 1, 1, organisation_id, territory_id=None, direction_id=None)


@pytest.fixture
def family(kernel_test_tables):
    family = Family.objects.create(name="Ивановы")
    FamilyMember.all_records.create(family=family, organisation_id=1, full_name="Иванов И. И.")
    FamilyMember.all_records.create(family=family, organisation_id=2, full_name="Петров П. П.")
    return family


@pytest.mark.parametrize(
    "read",
    [
        lambda: list(FamilyMember.objects.all()),
        lambda: FamilyMember.objects.get(full_name="Иванов И. И."),
        lambda: list(FamilyMember.objects.filter(organisation_id=1)),
        lambda: FamilyMember.objects.first(),
        lambda: FamilyMember.objects.count(),
        lambda: FamilyMember.objects.exists(),
        lambda: list(FamilyMember.objects.values_list("full_name", flat=True)),
        lambda: list(FamilyMember.objects.iterator()),
        lambda: FamilyMember.objects.update(full_name="x"),
        lambda: FamilyMember.objects.all().delete(),
        lambda: list(Family.objects.filter(pk__in=FamilyMember.objects.values("family_id"))),
    ],
)
def test_a_read_without_the_scope_is_refused(family, read):
    with pytest.raises(ScopeNotApplied):
        read()


def test_visible_to_reads_what_the_scope_sees_and_stays_open_when_chained(family):
    mine = FamilyMember.objects.visible_to(scope(organisation_id=1))
    assert [m.full_name for m in mine.filter(Q(full_name__startswith="И"))] == ["Иванов И. И."]
    assert mine.count() == 1
    assert FamilyMember.objects.visible_to(scope(Role.DEPARTMENT)).count() == 2
    assert FamilyMember.objects.visible_to(None).count() == 0


def test_unscoped_needs_a_reason(family):
    with pytest.raises(ValueError):
        FamilyMember.objects.unscoped(reason=" ")
    assert FamilyMember.objects.unscoped(reason="ежедневная сверка").count() == 2


def test_relations_and_deletion_still_work(family):
    member = FamilyMember.all_records.get(full_name="Иванов И. И.")
    assert member.family.name == "Ивановы"  # forward relation
    assert family.members.count() == 2  # reverse relation through the plain default manager
    member.refresh_from_db()
    member.delete()  # the deletion collector reads through the plain base manager
    assert FamilyMember.all_records.count() == 1
    assert FamilyMember.objects.unscoped(reason="очистка теста").delete()[0] == 1
