"""MAP-5, MAP-6: the roadmap's downloads; included into ``roadmaps/urls.py`` (app «roadmaps»)."""

from django.urls import path

from resurs.coordination.roadmaps import document_views

urlpatterns = [
    path("<int:pk>/export.xlsx", document_views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/export.docx", document_views.export_docx, name="export_docx"),
    path("<int:pk>/report.docx", document_views.report_docx, name="report_docx"),
    path("<int:pk>/report.pdf", document_views.report_pdf, name="report_pdf"),
    path("<int:pk>/report/save", document_views.report_save, name="report_save"),
    path("<int:pk>/report/saved", document_views.report_saved, name="report_saved"),
]
