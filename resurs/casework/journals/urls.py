from django.urls import path

from resurs.casework.journals.views import acts, journals

app_name = "journals"

urlpatterns = [
    path("", journals.index, name="index"),
    path("cases/<int:case_pk>/acts/new/", acts.act_create, name="act_create"),
    path("acts/<int:pk>/", acts.act_detail, name="act"),
    path("acts/<int:pk>/edit/", acts.act_edit, name="act_edit"),
    path("acts/<int:pk>/docx/", acts.act_print, {"format": "docx"}, name="act_docx"),
    path("acts/<int:pk>/pdf/", acts.act_print, {"format": "pdf"}, name="act_pdf"),
    path("<slug:key>/", journals.journal, name="journal"),
    path("<slug:key>/xlsx/", journals.journal_print, {"format": "xlsx"}, name="journal_xlsx"),
    path("<slug:key>/pdf/", journals.journal_print, {"format": "pdf"}, name="journal_pdf"),
]
