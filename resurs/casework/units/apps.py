from django.apps import AppConfig
from django.db.models.signals import post_migrate


class UnitsConfig(AppConfig):
    name = "resurs.casework.units"
    label = "units"
    verbose_name = "Отделения и социальные участки"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The reference data again after every migrate and every flush (a transactional test
        # empties the tables; Django sends post_migrate after a flush).
        post_migrate.connect(_ensure_reference, sender=self)


def _ensure_reference(sender, apps=None, **kwargs):
    from resurs.casework.units import reference

    # migrate passes the migrations' final state; flush passes none: the installed models.
    reference.ensure(apps) if apps is not None else reference.ensure()
