import pytest

from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.services import api_token_create
from tests.factories import OrganisationFactory, direction, member, rc_status, territory


@pytest.fixture
def world(db):
    """An RC of direction 2 in Surgut keeping the registries, and who may or may not see them:

    * insiders — the RC itself, another RC of direction 2 (region-wide), the УСЗН of Surgut,
      the Department and the methodological centre;
    * outsiders — a provider, the УСЗН of Uray, an RC of direction 8.
    """
    rc_org = OrganisationFactory(territory=territory("Сургут"), name="БУ «Ресурсный центр 2»")
    rc_status(rc_org, number=2)
    other_rc_org = OrganisationFactory(territory=territory("Нягань"))
    rc_status(other_rc_org, number=2)
    rc8_org = OrganisationFactory(territory=territory("Когалым"))
    rc_status(rc8_org, number=8)
    return {
        "owner": rc_org,
        "rc": member(Role.RESOURCE_CENTRE, rc_org, direction=direction(2)),
        "other_rc_2": member(Role.RESOURCE_CENTRE, other_rc_org, direction=direction(2)),
        "uszn_surgut": member(Role.USZN, org={"territory": territory("Сургут")}),
        "department": member(Role.DEPARTMENT),
        "methodist": member(Role.METHODICAL_CENTRE),
        "provider": member(Role.PROVIDER, org={"territory": territory("Сургут")}),
        "uszn_uray": member(Role.USZN, org={"territory": territory("Урай")}),
        "rc_8": member(Role.RESOURCE_CENTRE, rc8_org, direction=direction(8)),
    }


INSIDERS = ["rc", "other_rc_2", "uszn_surgut", "department", "methodist"]
OUTSIDERS = ["provider", "uszn_uray", "rc_8"]


@pytest.fixture
def bearer():
    def headers(membership) -> dict:
        _token, raw = api_token_create(membership=membership, name="тест")
        return {"Authorization": f"Bearer {raw}"}

    return headers


@pytest.fixture
def immediate_tasks(settings):
    """Imports are checked and saved by background tasks: run them at once in tests."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
