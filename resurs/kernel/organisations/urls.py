from django.urls import path

from resurs.kernel.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("export.xlsx", views.organisation_export, name="export"),
    path("new/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
    path("<int:pk>/rc-status/new/", views.rc_status_assign, name="rc_status_assign"),
    path("<int:pk>/appointments/new/", views.appointment_create, name="appointment_create"),
    path("<int:pk>/documents/new/", views.document_create, name="document_create"),
    path("rc-statuses/", views.rc_status_list, name="rc_statuses"),
    path("rc-statuses/<int:status_pk>/replace/", views.rc_status_replace, name="rc_status_replace"),
    path("rc-statuses/<int:status_pk>/repeal/", views.rc_status_repeal, name="rc_status_repeal"),
    path("rc-statuses/<int:status_pk>/order/", views.rc_status_file, name="rc_status_file"),
    path(
        "appointments/<int:appointment_pk>/edit/", views.appointment_edit, name="appointment_edit"
    ),
    path(
        "documents/<int:document_pk>/versions/new/",
        views.document_version_add,
        name="document_version_add",
    ),
    path(
        "document-versions/<int:version_pk>/file/",
        views.document_version_file,
        name="document_version_file",
    ),
    path("directions/", views.direction_list, name="directions"),
    path("directions/new/", views.direction_edit, name="direction_create"),
    path("directions/<int:pk>/edit/", views.direction_edit, name="direction_edit"),
    path("territories/", views.territory_list, name="territories"),
    path("territories/new/", views.territory_edit, name="territory_create"),
    path("territories/<int:pk>/edit/", views.territory_edit, name="territory_edit"),
]
