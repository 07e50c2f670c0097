"""REP-6 dashboards and the effectiveness coefficient (routes), included by reporting.urls."""

from django.urls import path

from resurs.coordination.reporting import dashboard_views

urlpatterns = [
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/territory/", dashboard_views.dashboard_territory, name="dashboard_territory"),
    path("dashboard/direction/", dashboard_views.dashboard_direction, name="dashboard_direction"),
    path("dashboard/recompute/", dashboard_views.kpi_recompute, name="kpi_recompute"),
    path("coefficient/", dashboard_views.coefficient, name="coefficient"),
]
