"""The home page's «Требует внимания»: every app adds what it asks of the user.

An app contributes by defining ``<app>/attention.py`` with ``items_for(scope) ->
list[AttentionItem]``; the home page collects them in INSTALLED_APPS order.
"""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


@dataclass(frozen=True)
class AttentionItem:
    title: str
    detail: str
    url: str


def attention_for(scope) -> list[AttentionItem]:
    if scope is None:
        return []
    items: list[AttentionItem] = []
    for config in apps.get_app_configs():
        if config.label == "accounts" or not module_has_submodule(config.module, "attention"):
            continue
        items.extend(import_module(f"{config.name}.attention").items_for(scope))
    return items
