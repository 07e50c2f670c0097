"""REP-8 exports (routes) of reports, the receiver's board and the REP-6 dashboards, included
by resurs.coordination.reporting.urls under /reporting/."""

from django.urls import path

from resurs.coordination.reporting import export_views

urlpatterns = [
    path("reports/<int:pk>/export.xlsx", export_views.report_xlsx, name="report_xlsx"),
    path("reports/<int:pk>/export.pdf", export_views.report_pdf, name="report_pdf"),
    path("board/export.xlsx", export_views.board_xlsx, name="board_xlsx"),
    path("board/export.pdf", export_views.board_pdf, name="board_pdf"),
    path("dashboard/export.xlsx", export_views.dashboard_xlsx, name="dashboard_xlsx"),
    path("dashboard/export.pdf", export_views.dashboard_pdf, name="dashboard_pdf"),
    path(
        "dashboard/direction/export.xlsx",
        export_views.dashboard_direction_xlsx,
        name="dashboard_direction_xlsx",
    ),
    path(
        "dashboard/direction/export.pdf",
        export_views.dashboard_direction_pdf,
        name="dashboard_direction_pdf",
    ),
    path(
        "dashboard/territory/export.xlsx",
        export_views.dashboard_territory_xlsx,
        name="dashboard_territory_xlsx",
    ),
    path(
        "dashboard/territory/export.pdf",
        export_views.dashboard_territory_pdf,
        name="dashboard_territory_pdf",
    ),
]
