from django.apps import AppConfig


class JournalsConfig(AppConfig):
    name = "resurs.casework.journals"
    label = "journals"
    verbose_name = "Журналы и акты отделения"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from resurs.casework.cases.models import Act
        from resurs.kernel.attachments.signals import opened

        opened.connect(_signed_copy_opened, sender=Act, dispatch_uid="journals.act_file")


def _signed_copy_opened(sender, record, request, **kwargs):
    """Downloading a signed copy of an act is an opening of the act (X-3)."""
    from resurs.casework.citizens.accesslog import log_access
    from resurs.casework.citizens.models import AccessChannel

    log_access(request, record, channel=AccessChannel.EXPORT)
