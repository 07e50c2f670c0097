"""X-3: the change log of the whole system (the audit trail's page), for the Department and
the administrator. The trail itself is the audit app, which knows no roles and no pages."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditAction, AuditEntry
from resurs.kernel.ui.forms import StyledFormMixin

AUDIT_READER_ROLES = frozenset({Role.DEPARTMENT, Role.ADMINISTRATOR})


class AuditFilterForm(StyledFormMixin, forms.Form):
    action = forms.ChoiceField(
        label="Действие", required=False, choices=[("", "Все"), *AuditAction.choices]
    )
    content_type = forms.ModelChoiceField(
        label="Вид записи",
        required=False,
        queryset=ContentType.objects.filter(
            pk__in=AuditEntry.objects.values("content_type_id").distinct()
        ).order_by("model"),
        empty_label="Все",
    )
    date_from = forms.DateField(label="С", required=False, widget=forms.DateInput())
    date_to = forms.DateField(label="По", required=False, widget=forms.DateInput())


@login_required
def audit_list(request):
    scope = request.scope
    if scope is None or scope.role not in AUDIT_READER_ROLES:
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.select_related("actor", "content_type").order_by("-at", "-id")
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["content_type"]:
            entries = entries.filter(content_type=data["content_type"])
        if data["date_from"]:
            entries = entries.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(at__date__lte=data["date_to"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/list.html",
        {
            "title": "Журнал изменений",
            "breadcrumbs": [("Журнал изменений", None)],
            "filter_form": form if form.is_bound else AuditFilterForm(),
            "page_obj": page,
            "history": page.object_list,
        },
    )
