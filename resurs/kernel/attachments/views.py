from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from resurs.kernel.attachments import selectors, services, signals
from resurs.kernel.attachments.forms import AttachmentForm
from resurs.kernel.writes.errors import DomainError


def _back(request, fallback: str) -> str:
    target = request.POST.get("next") or fallback
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return fallback
    return target


@login_required
def download(request, pk):
    attachment = selectors.attachment_for(request, pk)
    record = attachment.record
    signals.opened.send(sender=type(record), record=record, request=request)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


@login_required
@require_POST
def upload(request, content_type_id, object_id):
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    parent = selectors.record_visible_to(request, content_type, object_id)
    back = _back(request, parent.get_absolute_url())
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"Файл не загружен: {error}")
        return redirect(back)
    try:
        services.attachment_add(
            by=request.membership,
            parent=parent,
            file=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
    except (DomainError, ValidationError) as exc:
        for error in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
            messages.error(request, f"Файл не загружен: {error}")
        return redirect(back)
    messages.success(request, "Файл прикреплён.")
    return redirect(back)


@login_required
@require_POST
def remove(request, pk):
    attachment = selectors.attachment_for(request, pk)
    parent = attachment.record
    if parent is None or not parent.attachments_editable_by(request.scope):
        raise PermissionDenied
    services.attachment_remove(by=request.membership, attachment=attachment)
    messages.success(request, "Файл удалён.")
    return redirect(_back(request, parent.get_absolute_url()))
