from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RentalConfig(AppConfig):
    name = "resurs.casework.rental"
    label = "rental"
    verbose_name = "Пункт проката ТСР"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The kinds and tariffs of app. 3 again after every migrate and every flush.
        post_migrate.connect(_ensure_reference, sender=self)


def _ensure_reference(sender, apps=None, **kwargs):
    from resurs.casework.rental import reference

    reference.ensure(apps) if apps is not None else reference.ensure()
