def test_the_roles_require_organisation_kinds_that_exist():
    from resurs.kernel.accounts.roles import ROLE_ORGANISATION_KIND
    from resurs.kernel.organisations.models import OrganisationKind

    assert set(ROLE_ORGANISATION_KIND.values()) <= set(OrganisationKind.values)
