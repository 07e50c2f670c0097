from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "resurs.kernel.accounts"
    label = "accounts"
    verbose_name = "Пользователи и роли"

    def ready(self):
        from django.db.models.signals import post_migrate

        from resurs.kernel.accounts.permission_names import rename_builtin_permissions

        # After auth's own create_permissions (auth is installed first, so it runs first).
        post_migrate.connect(rename_builtin_permissions, dispatch_uid="accounts.permission_names")
