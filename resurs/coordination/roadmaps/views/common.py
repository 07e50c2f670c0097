"""What the roadmap pages share: crumbs, tabs, the htmx checks."""

from django.http import Http404

PAGE_SIZE = 50
ROADMAPS_CRUMB = ("Дорожные карты", "/roadmaps/")
UNIT_PLANS_CRUMB = ("План работы отделения", "/roadmaps/units/")
TABS = (
    ("plan", "План мероприятий"),
    ("execution", "Исполнение"),
    ("proposals", "Предложения"),
    ("versions", "Версии"),
    ("files", "Файлы"),
    ("history", "История изменений"),
)


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


def _is_fragment(request, target: str) -> bool:
    return _is_htmx(request) and request.headers.get("HX-Target") == target


def _check_direction(direction: str) -> None:
    if direction not in ("up", "down"):
        raise Http404


def _crumbs(roadmap, title=None):
    crumbs = [
        UNIT_PLANS_CRUMB if roadmap.is_unit_plan else ROADMAPS_CRUMB,
        (str(roadmap), roadmap.get_absolute_url() if title else None),
    ]
    if title:
        crumbs.append((title, None))
    return crumbs


# --- list -------------------------------------------------------------------------------------
