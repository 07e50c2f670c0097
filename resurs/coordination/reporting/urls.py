from django.urls import include, path

from resurs.coordination.reporting import form_views, views

app_name = "reporting"

urlpatterns = [
    path("", views.my_reports, name="mine"),
    path("board/", views.board, name="board"),
    path("periods/open/", views.open_period, name="open_period"),
    path("forms/", form_views.form_list, name="form_list"),
    path("forms/<slug:code>/", form_views.form_detail, name="form_detail"),
    path("forms/<slug:code>/settings/", form_views.form_settings, name="form_settings"),
    path("forms/<slug:code>/versions/new/", form_views.version_create, name="version_create"),
    path("versions/<int:pk>/publish/", form_views.version_publish, name="version_publish"),
    path("versions/<int:pk>/delete/", form_views.version_delete, name="version_delete"),
    path("versions/<int:pk>/sections/new/", form_views.section_edit, name="section_create"),
    path("versions/<int:pk>/sections/<int:section>/", form_views.section_edit, name="section_edit"),
    path("versions/<int:pk>/indicators/new/", form_views.indicator_edit, name="indicator_create"),
    path(
        "versions/<int:pk>/indicators/<int:indicator>/",
        form_views.indicator_edit,
        name="indicator_edit",
    ),
    path(
        "versions/<int:pk>/indicators/<int:indicator>/delete/",
        form_views.indicator_delete,
        name="indicator_delete",
    ),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/accept/", views.report_accept, name="report_accept"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("reports/<int:pk>/reopen/", views.report_reopen, name="report_reopen"),
    path("", include("resurs.coordination.reporting.dashboards.urls")),
    path("", include("resurs.coordination.reporting.export_urls")),
    path("", include("resurs.coordination.reporting.drilldown.urls")),
]
