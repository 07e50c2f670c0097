from django import template
from django.utils.http import urlencode

from resurs.kernel.russian import plural as plural_form
from resurs.kernel.russian import shorten as shorten_text

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = urlencode(sorted(params.lists()), doseq=True)
    return f"?{encoded}" if encoded else "?"


@register.filter
def field_label(model_labels, key):
    return model_labels.get(key, key) if model_labels else key


@register.filter
def plural(number, forms: str):
    """``{{ n|plural:"запись,записи,записей" }}``: the noun's form for the number."""
    one, few, many = forms.split(",")
    try:
        return plural_form(int(number), one, few, many)
    except (TypeError, ValueError):
        return many


@register.filter
def shorten(text, limit):
    """``{{ title|shorten:60 }}``: cut at a word boundary with «…» (breadcrumbs, links)."""
    return shorten_text(text, int(limit))


@register.filter
def has_filters(form) -> bool:
    """True when a list's filter form narrows the list: a field has a value. A bound form
    with every field empty (the «Найти» button, a page number) filters nothing, so the empty
    state says what to do instead of «измените условия поиска»."""
    if form is None or not getattr(form, "is_bound", False):
        return False
    data = form.data
    for name in form.fields:
        key = form.add_prefix(name)
        values = data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]
        if any(str(value).strip() for value in values if value is not None):
            return True
    return False
