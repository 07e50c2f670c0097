from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "resurs.kernel.audit"
    label = "audit"
    verbose_name = "Журнал изменений"
