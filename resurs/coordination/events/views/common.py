"""What the event pages share: page size, breadcrumbs, htmx fragments, form data."""

from django.core.paginator import Paginator

PAGE_SIZE = 50

EVENTS_CRUMB = ("Мероприятия", "/events/")
TRAINING_CRUMB = ("План обучения", "/events/training/")
CONSULTATIONS_CRUMB = ("Консультации", "/events/consultations/")
MEDIA_PLANS_CRUMB = ("Медиапланы", "/events/media-plans/")
PUBLICATIONS_CRUMB = ("Публикации", "/events/publications/")


def is_fragment(request, target: str) -> bool:
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == target


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def without_version(data: dict) -> dict:
    fields = dict(data)
    fields.pop("version", None)
    return fields


def own_organisation(request, fields: dict):
    """The organisation a new record belongs to: chosen by the Department, else the user's."""
    chosen = fields.pop("organisation", None) or fields.pop("organiser", None)
    return chosen or request.membership.organisation
