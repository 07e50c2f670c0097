from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "resurs.coordination.events"
    label = "events"
    verbose_name = "Мероприятия, консультации и публикации"
    default_auto_field = "django.db.models.BigAutoField"
