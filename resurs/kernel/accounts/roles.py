"""Roles of SPEC §0 and what each one sees across the region."""

from django.db import models


class Role(models.TextChoices):
    DEPARTMENT = "department", "Департамент"
    METHODICAL_CENTRE = "methodical_centre", "Методический центр"
    USZN = "uszn", "УСЗН"
    RESOURCE_CENTRE = "resource_centre", "Ресурсный центр"
    PROVIDER = "provider", "Поставщик"
    HEAD = "head", "Заведующий отделением"
    SPECIALIST = "specialist", "Специалист"
    ADMINISTRATOR = "administrator", "Администратор"


# Roles that see every record of the region (SPEC §0: the Department "sees everything";
# the methodological centre receives forms from every RC; the administrator keeps the system).
REGION_WIDE_ROLES = frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.ADMINISTRATOR})
# Roles that keep the directory: create and edit organisations, assign RC status.
DIRECTORY_EDITOR_ROLES = frozenset({Role.DEPARTMENT, Role.ADMINISTRATOR})
# Roles that work inside one institution (a provider's staff).
INSTITUTION_STAFF_ROLES = frozenset({Role.PROVIDER, Role.HEAD, Role.SPECIALIST})


# The kind of organisation a role's membership requires (organisations.OrganisationKind
# codes; accounts sits below organisations, and organisations' tests check the codes).
ROLE_ORGANISATION_KIND: dict[str, str] = {
    Role.DEPARTMENT: "department",
    Role.METHODICAL_CENTRE: "methodical_centre",
    Role.USZN: "uszn",
}

ALL_ROLES = frozenset(Role)
# Everyone but a department's staff, whose work is with citizens (SOC-*), not registries.
COORDINATION_ROLES = ALL_ROLES - {Role.HEAD, Role.SPECIALIST}
# The reporting chain (SPEC §4): everyone who sends or receives reports.
REPORTING_ROLES = ALL_ROLES - {Role.SPECIALIST}
