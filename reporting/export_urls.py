"""REP-8 exports (routes), included by reporting.urls under /reporting/."""

from django.urls import path

from reporting import export_views

urlpatterns = [
    path("reports/<int:pk>/export.xlsx", export_views.report_xlsx, name="report_xlsx"),
    path("reports/<int:pk>/export.pdf", export_views.report_pdf, name="report_pdf"),
    path("board/export.xlsx", export_views.board_xlsx, name="board_xlsx"),
    path("board/export.pdf", export_views.board_pdf, name="board_pdf"),
]
