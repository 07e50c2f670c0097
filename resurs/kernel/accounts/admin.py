from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Q

from resurs.kernel.accounts.forms import AdminLoginForm
from resurs.kernel.accounts.models import ApiToken, Membership, SignInThrottle, User
from resurs.kernel.accounts.roles import Role


def administrator_only(request) -> bool:
    """Django admin is only for the Администратор role (acting in it right now)."""
    scope = getattr(request, "scope", None)
    return bool(
        request.user.is_active
        and request.user.is_staff
        and scope is not None
        and scope.role == Role.ADMINISTRATOR
    )


admin.site.has_permission = administrator_only  # type: ignore[method-assign]
# One sign-in rule for every entrance: the admin login counts and honours the same lockout.
admin.site.login_form = AdminLoginForm
admin.site.site_header = "АИС «Ресурс» — администрирование"
admin.site.site_title = "АИС «Ресурс»"
admin.site.index_title = "Администрирование"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "last_name", "first_name", "is_active"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Отчество", {"fields": ("patronymic",)}),
        ("Уведомления", {"fields": ("phone",)}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "key_prefix", "membership", "created_at", "revoked_at"]
    readonly_fields = ["key_prefix", "key_hash", "created_at", "last_used_at"]


@admin.register(SignInThrottle)
class SignInThrottleAdmin(admin.ModelAdmin):
    """Suspended sign-ins: the administrator sees them and may lift one by deleting it."""

    list_display = ["source", "failures", "last_failure_at", "locked_until"]
    readonly_fields = ["username_hash", "source", "failures", "last_failure_at", "locked_until"]
    # Names are stored hashed: a search by a login name looks for its hash (or an address).
    search_fields = ["source"]
    search_help_text = "Имя пользователя (целиком) или адрес."

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.filter(
            Q(username_hash=SignInThrottle.hash_username(search_term))
            | Q(source=search_term.strip())
        ), False

    def has_add_permission(self, request):
        return False
