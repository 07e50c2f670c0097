from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.base import BaseCommand
from django.db import transaction

from resurs.kernel.accounts.models import Membership
from resurs.kernel.contributions import demo_loaders
from resurs.kernel.organisations.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Загрузить демонстрационные данные (один раз; повторный запуск ничего не меняет)."

    @transaction.atomic
    def handle(self, *args, **options):
        created = load_demo()
        # Every other app adds its demo records on top through ``demo`` in its contribution
        # module (resurs.kernel.contributions), in the order ``demo_after`` asks; each is
        # idempotent by itself.
        for load in demo_loaders():
            load()
        self.stdout.write(
            "Демонстрационные данные загружены."
            if created
            else "Демонстрационные данные уже загружены."
        )
        self.stdout.write(f"Входы (пароль у всех: {DEMO_PASSWORD}):")
        for line in demo_logins():
            self.stdout.write(f"  {line}")


def demo_logins() -> list[str]:
    """Every login of the demo, the apps' own (the experts of the methodology demo, say)
    included: the users who can sign in, with their roles and organisations."""
    memberships = (
        Membership.objects.filter(is_active=True, user__is_active=True)
        # staff of the demo who cannot sign in have an unusable password
        .exclude(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .select_related("user", "organisation")
        .order_by("user_id", "id")
    )
    return [
        f"{m.user.username:<12} — {m.get_role_display()}, {m.organisation.short_name}"
        for m in memberships
    ]
