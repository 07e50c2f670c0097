from django.contrib import admin
from django.urls import include, path

from config.api import api
from config.api_docs import api_docs
from resurs.kernel.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("resurs.kernel.accounts.urls")),
    path("organisations/", include("resurs.kernel.organisations.urls")),
    path("calendar/", include("resurs.kernel.workcalendar.urls")),
    path("audit/", include("resurs.kernel.accounts.journal_urls")),
    path("files/", include("resurs.kernel.attachments.urls")),
    path("notifications/", include("resurs.kernel.notifications.urls")),
    path("registries/", include("resurs.coordination.registries.urls")),
    path("methodology/", include("resurs.coordination.methodology.urls")),
    path("events/", include("resurs.coordination.events.urls")),
    path("roadmaps/", include("resurs.coordination.roadmaps.urls")),
    path("instructions/", include("resurs.coordination.instructions.urls")),
    path("reporting/", include("resurs.coordination.reporting.urls")),
    path("units/", include("resurs.casework.units.urls")),
    path("citizens/", include("resurs.casework.citizens.urls")),
    path("cases/", include("resurs.casework.cases.urls")),
    path("plans/", include("resurs.casework.plans.urls")),
    path("prevention/", include("resurs.casework.prevention.urls")),
    path("journals/", include("resurs.casework.journals.urls")),
    path("services/", include("resurs.casework.socialservices.urls")),
    path("rental/", include("resurs.casework.rental.urls")),
    path("egisso/", include("resurs.casework.egisso.urls")),
    # EVT-5: the public section of each resource centre, readable without login.
    path("centres/", include("resurs.coordination.public.urls")),
    path("imports/", include("resurs.kernel.exchange.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/docs", api_docs, name="api_docs"),
    path("api/v1/", api.urls),
]

handler403 = "config.errors.forbidden"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"
