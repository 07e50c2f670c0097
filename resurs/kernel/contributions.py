"""What each app adds to the whole, declared in one module of the app and found here.

An app that has something for the rest of the system — menu entries, items of the home
page's «Требует внимания», demo data, daily jobs, importers, or records another app can use
(a roadmap checkpoint's evidence, say) — declares it in ``<app>/contributions.py``::

    CONTRIBUTION = Contribution(
        menu_sections=(MenuSection("events", "Мероприятия", order=40),),
        menu=(MenuItem("Мероприятия", "events:list", section="events"),),
        attention=items_for,
        home=panels_for,
        demo=load_demo_data,
        demo_after=("units",),
        daily_jobs=(DailyJob("Просроченные точки", notify_overdue.enqueue),),
        importers=(ProductImporter,),
        extensions={"roadmap_evidence": ({...},)},
    )

and the kernel collects the declarations of the installed apps in INSTALLED_APPS order. So
adding an app is creating its folder and this one module: no kernel file names it. The
kernel gives a meaning to the fixed fields; ``extensions`` are points that one app defines
and others fill (the app that reads a point documents what it expects there), so a
coordination app can offer something to another without either importing the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils.module_loading import module_has_submodule

if TYPE_CHECKING:
    from django.http import HttpRequest

    from resurs.kernel.accounts.scoping import Scope

MODULE = "contributions"


@dataclass(frozen=True)
class MenuSection:
    key: str
    title: str
    # Sections are shown by this number: home 0, directory 10 … service 90.
    order: int


@dataclass(frozen=True)
class MenuItem:
    title: str
    url_name: str
    # The roles that see the item (None: every role), or a function returning them,
    # computed when asked (an app's importers decide who may import).
    roles: frozenset | Callable[[], frozenset] | None = None
    section: str = "home"
    # Order inside the section; items of one position keep the apps' order.
    position: int = 50

    def shown_to(self, role: str) -> bool:
        roles = self.roles() if callable(self.roles) else self.roles
        return roles is None or role in roles


@dataclass(frozen=True)
class AttentionItem:
    """One line of the home page's «Требует внимания»."""

    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class HomePanel:
    """A block of the home page of its own (a specialist's deadlines, say): a title and a
    template rendered with ``context`` (and the request) in the home page."""

    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DailyJob:
    """Work the system does on its own once a day (``manage.py daily_jobs``); ``run``
    returns what to print, e.g. the queued task's id. Every job must be idempotent: ``make
    run`` calls them hourly."""

    title: str
    run: Callable[[], object]


@dataclass(frozen=True)
class Contribution:
    menu_sections: Sequence[MenuSection] = ()
    menu: Sequence[MenuItem] = ()
    # (scope) -> what this app asks of the user on the home page
    attention: Callable[[Scope], list[AttentionItem]] | None = None
    # (request) -> the app's own blocks of the home page, after «Требует внимания»
    home: Callable[[HttpRequest], list[HomePanel]] | None = None
    # () -> None: adds the app's demo records; idempotent (``manage.py load_demo``)
    demo: Callable[[], object] | None = None
    # Labels of the apps whose demo this app's demo builds on: it runs after theirs, even
    # when those apps come later in INSTALLED_APPS (see ``demo_loaders``).
    demo_after: Sequence[str] = ()
    daily_jobs: Sequence[DailyJob] = ()
    # Importer classes of the exchange framework (exchange.importers.Importer)
    importers: Sequence[type] = ()
    extensions: Mapping[str, Sequence[Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Declared:
    app_label: str
    contribution: Contribution


@cache
def declared() -> tuple[Declared, ...]:
    """Every installed app's contribution, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if config.module is None or not module_has_submodule(config.module, MODULE):
            continue
        module = import_module(f"{config.name}.{MODULE}")
        contribution = getattr(module, "CONTRIBUTION", None)
        if not isinstance(contribution, Contribution):
            raise TypeError(f"{config.name}.{MODULE} must define CONTRIBUTION = Contribution(...)")
        found.append(Declared(config.label, contribution))
    return tuple(found)


def contributions() -> Iterator[Contribution]:
    return (item.contribution for item in declared())


def demo_loaders() -> list[Callable[[], object]]:
    """The apps' demo loaders in INSTALLED_APPS order, except that an app's demo runs after
    the demos of the apps it names in ``demo_after`` (a label with no demo is ignored)."""
    pending = [item for item in declared() if item.contribution.demo is not None]
    with_demo = {item.app_label for item in pending}
    loaded: set[str] = set()
    ordered: list[Callable[[], object]] = []
    while pending:
        ready = next(
            (
                item
                for item in pending
                if all(
                    label in loaded or label not in with_demo
                    for label in item.contribution.demo_after
                )
            ),
            None,
        )
        if ready is None:
            circle = ", ".join(item.app_label for item in pending)
            raise LookupError(f"The demos wait for each other (demo_after): {circle}")
        pending.remove(ready)
        loaded.add(ready.app_label)
        ordered.append(ready.contribution.demo)  # type: ignore[arg-type]
    return ordered


def extension(point: str) -> list[Any]:
    """Everything the apps put at an extension point, in INSTALLED_APPS order."""
    return [entry for c in contributions() for entry in c.extensions.get(point, ())]


def menu_sections() -> dict[str, MenuSection]:
    sections = [section for c in contributions() for section in c.menu_sections]
    return {section.key: section for section in sorted(sections, key=lambda s: s.order)}


def menu_items() -> list[MenuItem]:
    """Every menu item, in section order, then by position, then in the apps' order."""
    sections = menu_sections()
    items = [item for c in contributions() for item in c.menu]
    unknown = {item.section for item in items} - set(sections)
    if unknown:
        raise LookupError(f"Menu sections nobody declares: {', '.join(sorted(unknown))}")
    return sorted(items, key=lambda item: (sections[item.section].order, item.position))
