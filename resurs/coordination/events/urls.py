from django.urls import path

from resurs.coordination.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("export/", views.event_export, name="export"),
    path("calendar/", views.event_calendar, name="calendar"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/participants/person/", views.participant_add_person, name="add_person"),
    path(
        "<int:pk>/participants/organisation/",
        views.participant_add_organisation,
        name="add_organisation",
    ),
    path("participants/<int:pk>/status/", views.participation_status, name="participation_status"),
    path("participants/<int:pk>/remove/", views.participation_remove, name="participation_remove"),
    path("training/", views.training_plan, name="training"),
    path("<int:pk>/nominate/", views.nominate, name="nominate"),
    path("nominations/<int:pk>/confirm/", views.nomination_confirm, name="nomination_confirm"),
    path("nominations/<int:pk>/decline/", views.nomination_decline, name="nomination_decline"),
    path("nominations/<int:pk>/withdraw/", views.nomination_withdraw, name="nomination_withdraw"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/export/", views.consultation_export, name="consultation_export"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/edit/", views.consultation_edit, name="consultation_edit"),
    path("media-plans/", views.media_plan_list, name="media_plan_list"),
    path("media-plans/new/", views.media_plan_create, name="media_plan_create"),
    path("media-plans/<int:pk>/", views.media_plan_detail, name="media_plan_detail"),
    path("media-plans/<int:pk>/edit/", views.media_plan_edit, name="media_plan_edit"),
    path("media-plans/<int:pk>/items/new/", views.media_plan_item_create, name="item_create"),
    path("media-plan-items/<int:pk>/edit/", views.media_plan_item_edit, name="item_edit"),
    path("publications/", views.publication_list, name="publication_list"),
    path("publications/export/", views.publication_export, name="publication_export"),
    path("publications/new/", views.publication_create, name="publication_create"),
    path("publications/<int:pk>/", views.publication_detail, name="publication_detail"),
    path("publications/<int:pk>/edit/", views.publication_edit, name="publication_edit"),
]
