"""Issue 12, item 11: pickers of people offer only users who can sign in — not the demo's
placeholder staff («Сотрудник …», no usable password) nor disabled accounts."""

import pytest

from resurs.coordination.events import selectors as events_selectors
from resurs.coordination.methodology import selectors as methodology_selectors
from resurs.coordination.methodology.models import ExpertCouncil
from resurs.coordination.reporting.demo import _member
from resurs.kernel.accounts.roles import Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_the_consultant_picker_leaves_out_placeholder_and_disabled_users():
    real = member(Role.RESOURCE_CENTRE)
    organisation = real.organisation
    placeholder = _member(organisation, Role.PROVIDER)
    assert placeholder.user.last_name == "Сотрудник"
    disabled = member(Role.SPECIALIST, organisation)
    disabled.user.is_active = False
    disabled.user.save()
    offered = set(events_selectors.specialists_for_choice(organisation.pk))
    assert offered == {real.user}


def test_the_expert_pickers_leave_out_users_who_cannot_sign_in():
    expert = member(Role.DEPARTMENT)
    placeholder = _member(expert.organisation, Role.METHODICAL_CENTRE)
    assert not placeholder.user.has_usable_password()
    eligible = set(methodology_selectors.eligible_experts())
    assert expert.user in eligible and placeholder.user not in eligible
    council = ExpertCouncil.objects.create(name="Совет")
    council.members.add(expert.user, placeholder.user)
    reviewers = set(methodology_selectors.council_members(ExpertCouncil.objects.all()))
    assert reviewers == {expert.user}
