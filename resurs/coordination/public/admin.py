from django.contrib import admin

from resurs.coordination.public.models import PublicMaterial, PublicPage
from resurs.kernel.audit.admin import AuditedModelAdmin

# Visitors' questions are not in the admin: they carry personal data and are answered
# through the inbox, which logs every reading.


@admin.register(PublicPage)
class PublicPageAdmin(AuditedModelAdmin):
    list_display = ["organisation", "slug", "is_published", "updated_at"]
    list_filter = ["is_published"]
    readonly_fields = ["version"]


@admin.register(PublicMaterial)
class PublicMaterialAdmin(AuditedModelAdmin):
    list_display = ["title", "audience", "page", "is_public"]
    list_filter = ["audience", "is_public"]
    readonly_fields = ["version"]
