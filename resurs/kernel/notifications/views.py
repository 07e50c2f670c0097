"""The inbox page (X-5): the signed-in user's notifications, newest first."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from resurs.kernel.accounts.models import User
from resurs.kernel.notifications import selectors, services

PAGE_SIZE = 50


class SignedInRequest(HttpRequest):
    """What login_required guarantees: the user is a real one."""

    user: User


@login_required
def inbox(request: SignedInRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/inbox.html",
        {"title": "Уведомления", "breadcrumbs": [("Уведомления", None)], "page_obj": page},
    )


@login_required
@require_POST
def read(request: SignedInRequest, pk: int) -> HttpResponse:
    notification = selectors.notification_for(request.user, pk)
    services.notification_read(user=request.user, notification=notification)
    # Only a path of this site is followed: a stored link never sends the user elsewhere.
    target = notification.link if notification.link.startswith("/") else ""
    if request.POST.get("open") and target and not target.startswith("//"):
        return redirect(target)
    return redirect("notifications:inbox")
