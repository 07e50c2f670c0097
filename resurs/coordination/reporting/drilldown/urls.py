"""REP-4/REP-6 drill-down pages (routes), included by resurs.coordination.reporting.urls."""

from django.urls import path

from resurs.coordination.reporting.drilldown import views

urlpatterns = [
    path("kpi/consulted/", views.kpi_consulted, name="kpi_consulted"),
]
