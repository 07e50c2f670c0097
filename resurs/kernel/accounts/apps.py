from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "resurs.kernel.accounts"
    label = "accounts"
    verbose_name = "Пользователи и роли"
