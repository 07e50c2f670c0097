"""REP-6 dashboards and the effectiveness coefficient (routes), included by reporting.urls."""

from django.urls import path

from resurs.coordination.reporting.dashboards import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/territory/", views.dashboard_territory, name="dashboard_territory"),
    path("dashboard/direction/", views.dashboard_direction, name="dashboard_direction"),
    path("dashboard/recompute/", views.kpi_recompute, name="kpi_recompute"),
    path("coefficient/", views.coefficient, name="coefficient"),
]
