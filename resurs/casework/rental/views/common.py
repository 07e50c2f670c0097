"""What the rental point's pages share: the crumbs, the list page, who works here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from resurs.casework.citizens.permissions import WRITE_ROLES, can_work_in
from resurs.kernel.accounts.scoping import scope_of

PAGE_SIZE = 50
HOME = ("Пункт проката ТСР", "/rental/")
ITEMS = ("Прокатный фонд", "/rental/items/")
KINDS = ("Виды ТСР и тарифы", "/rental/kinds/")
APPLICATIONS = ("Заявления", "/rental/applications/")
CONTRACTS = ("Договоры", "/rental/contracts/")


def is_staff(request) -> bool:
    scope = scope_of(request)
    return scope is not None and scope.role in WRITE_ROLES


def require_work_in(request, unit) -> None:
    if not can_work_in(scope_of(request), unit):
        raise PermissionDenied


def list_page(request, template: str, *, rows, form, context: dict):
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {**context, "filter_form": form, "page_obj": page}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, f"{template}#results", context)
    return render(request, template, context)


def version_of(request) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else None
