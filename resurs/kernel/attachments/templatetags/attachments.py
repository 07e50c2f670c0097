from django import template
from django.contrib.contenttypes.models import ContentType

from resurs.kernel.attachments.forms import AttachmentForm
from resurs.kernel.attachments.selectors import attachments_of

register = template.Library()


@register.inclusion_tag("attachments/list.html", takes_context=True)
def attachments_block(context, record, editable=False):
    """The files of a record, with an upload form when the user may attach."""
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "record": record,
        "attachments": attachments_of(record),
        "editable": editable,
        "form": AttachmentForm() if editable else None,
        "content_type_id": ContentType.objects.get_for_model(record).pk,
    }
