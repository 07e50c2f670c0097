from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "resurs.kernel.notifications"
    label = "notifications"
    verbose_name = "Уведомления"
    default_auto_field = "django.db.models.BigAutoField"
