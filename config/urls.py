from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from config.api import api
from config.api_docs import api_docs

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("organisations/", include("organisations.urls")),
    path("calendar/", include("workcalendar.urls")),
    path("audit/", include("audit.urls")),
    path("files/", include("attachments.urls")),
    path("registries/", include("registries.urls")),
    path("methodology/", include("methodology.urls")),
    path("events/", include("events.urls")),
    path("roadmaps/", include("roadmaps.urls")),
    path("instructions/", include("instructions.urls")),
    path("reporting/", include("reporting.urls")),
    # EVT-5: the public section of each resource centre, readable without login.
    path("centres/", include("public.urls")),
    path("imports/", include("exchange.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/docs", api_docs, name="api_docs"),
    path("api/v1/", api.urls),
]

handler403 = "config.errors.forbidden"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"
