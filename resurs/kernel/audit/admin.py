"""X-3 for Django admin: an administrator's edits land in the same trail as everyone's."""

from django.contrib import admin

from resurs.kernel.audit.models import AuditAction, AuditEntry
from resurs.kernel.audit.services import record, snapshot


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes are recorded like any service write."""

    audit_m2m: tuple[str, ...] = ()

    def _role(self, request) -> str:
        membership = getattr(request, "membership", None)
        return membership.get_role_display() if membership else ""

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            stored = type(obj).objects.filter(pk=obj.pk).first()
            before = snapshot(stored, extra_m2m=self.audit_m2m) if stored else None
        request._audit_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        record(
            by=request.user,
            role=self._role(request),
            instance=obj,
            action=AuditAction.UPDATE if change else AuditAction.CREATE,
            before=getattr(request, "_audit_before", None),
            after=snapshot(obj, extra_m2m=self.audit_m2m),
        )

    def delete_model(self, request, obj):
        before = snapshot(obj, extra_m2m=self.audit_m2m)
        record(
            by=request.user,
            role=self._role(request),
            instance=obj,
            action=AuditAction.DELETE,
            before=before,
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The trail is read-only, even for the administrator."""

    list_display = ["at", "actor", "actor_role", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
