from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "resurs.kernel.workcalendar"
    label = "workcalendar"
    verbose_name = "Производственный календарь"
