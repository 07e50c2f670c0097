from django.contrib import admin

from resurs.kernel.audit.admin import AuditedModelAdmin
from resurs.kernel.organisations.models import (
    Appointment,
    Direction,
    LocalDocument,
    Organisation,
    Region,
    ResourceCentreStatus,
    Territory,
)


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "timezone"]


@admin.register(Territory)
class TerritoryAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "region", "oktmo"]
    list_filter = ["region", "kind"]
    search_fields = ["name"]


@admin.register(Direction)
class DirectionAdmin(AuditedModelAdmin):
    list_display = ["number", "short_name", "is_active"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "territory", "inn", "is_active"]
    list_filter = ["kind", "legal_form", "territory"]
    search_fields = ["name", "short_name", "inn"]
    readonly_fields = ["version"]
    audit_m2m = ("directions",)


@admin.register(ResourceCentreStatus)
class ResourceCentreStatusAdmin(AuditedModelAdmin):
    list_display = ["organisation", "direction", "order_number", "order_date", "state"]
    list_filter = ["state", "direction"]
    autocomplete_fields = ["organisation"]


@admin.register(Appointment)
class AppointmentAdmin(AuditedModelAdmin):
    list_display = ["person_name", "kind", "organisation", "valid_from", "valid_to"]
    list_filter = ["kind"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["version"]


@admin.register(LocalDocument)
class LocalDocumentAdmin(AuditedModelAdmin):
    list_display = ["title", "kind", "organisation"]
    autocomplete_fields = ["organisation"]
