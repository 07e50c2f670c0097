from django.http import Http404
from django.shortcuts import get_object_or_404

from resurs.kernel.attachments.models import Attachment


def record_visible_to(who, content_type, object_id):
    """The record an attachment belongs to, through its model's scope; 404 when hidden or
    when its model takes no attachments (it defines no ``attachments_editable_by``)."""
    model = content_type.model_class()
    if (
        model is None
        or not hasattr(model.objects, "visible_to")
        or not hasattr(model, "attachments_editable_by")
    ):
        raise Http404
    return get_object_or_404(model.objects.visible_to(who), pk=object_id)


def attachment_for(who, pk) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    record_visible_to(who, attachment.content_type, attachment.object_id)
    return attachment


def attachments_of(record):
    return Attachment.objects.of(record).select_related("uploaded_by")
