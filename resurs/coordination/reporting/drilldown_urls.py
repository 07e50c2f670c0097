"""REP-4/REP-6 drill-down pages (routes), included by resurs.coordination.reporting.urls."""

from django.urls import path

from resurs.coordination.reporting import drilldown_views

urlpatterns = [
    path("kpi/consulted/", drilldown_views.kpi_consulted, name="kpi_consulted"),
]
