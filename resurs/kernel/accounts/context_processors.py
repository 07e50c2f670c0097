from django.urls import reverse

from resurs.kernel.accounts.navigation import menu_for, section_titles


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    scope = getattr(request, "scope", None)
    path = request.path
    role_items = menu_for(scope.role if scope else None)
    titles = section_titles()
    urls = [reverse(item.url_name) for item in role_items]
    # The current page belongs to the item with the longest URL prefix of its path.
    matching = [u for u in urls if (path == u if u == "/" else path.startswith(u))]
    current = max(matching, key=len, default=None)
    items = []
    sections: dict[str, dict] = {}
    for item, url in zip(role_items, urls, strict=True):
        entry = {"title": item.title, "url": url, "active": url == current}
        items.append(entry)
        section = sections.setdefault(
            item.section, {"title": titles[item.section], "items": [], "active": False}
        )
        section["items"].append(entry)
        section["active"] = section["active"] or entry["active"]
    return {
        "menu": items,
        "menu_sections": list(sections.values()),
        "active_membership": getattr(request, "membership", None),
        "memberships": getattr(request, "memberships", []),
    }
