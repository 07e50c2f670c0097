"""Pages of the methodology registries (REG-2, REG-3) and of the expert council.

Querysets come from `selectors` (scoped), writes from `services`; who sees which button is
decided by `permissions`, the same rules the services enforce.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
PRODUCTS_TITLE = "Методические продукты"
PRACTICES_TITLE = "Лучшие практики"
COUNCIL_TITLE = "Экспертный совет"
PRODUCT_TABS = (
    ("details", "Сведения"),
    ("reviews", "Экспертиза"),
    ("implementation", "Внедрение"),
    ("files", "Файлы"),
    ("history", "История изменений"),
)
PRACTICE_TABS = (
    ("details", "Сведения"),
    ("analysis", "Анализ ресурсного центра"),
    ("replication", "Тиражирование"),
    ("files", "Файлы"),
    ("history", "История изменений"),
)


def _products_crumb():
    return (PRODUCTS_TITLE, reverse("methodology:product_list"))


def _practices_crumb():
    return (PRACTICES_TITLE, reverse("methodology:practice_list"))


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def _transition(request, write, *, success: str, target: str):
    """A one-click transition (a POST button on a card): a broken rule becomes a message."""
    try:
        write()
    except (DomainError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, success)
    return redirect(target)


def _tab(request, tabs) -> str:
    tab = request.GET.get("tab", "details")
    return tab if tab in dict(tabs) else "details"


def _is_fragment(request, target: str) -> bool:
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == target


def _fields(data: dict) -> dict:
    fields = dict(data)
    fields.pop("version", None)
    return fields


def _import_url(importer) -> str:
    return f"{reverse('exchange:import_list')}?importer={importer.name}"
