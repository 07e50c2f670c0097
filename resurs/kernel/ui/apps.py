from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "resurs.kernel.ui"
    label = "ui"
    verbose_name = "Интерфейс"

    def ready(self):
        from django.db.models import fields

        # Django 6.1's empty choice of a select has no Russian translation yet.
        fields.BLANK_CHOICE_LABEL = "— выберите —"
