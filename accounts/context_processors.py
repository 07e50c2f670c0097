from django.urls import reverse

from accounts.navigation import menu_for


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    scope = getattr(request, "scope", None)
    path = request.path
    items = []
    for item in menu_for(scope.role if scope else None):
        url = reverse(item.url_name)
        active = path == url if url == "/" else path.startswith(url)
        items.append({"title": item.title, "url": url, "active": active})
    return {
        "menu": items,
        "active_membership": getattr(request, "membership", None),
        "memberships": getattr(request, "memberships", []),
    }
