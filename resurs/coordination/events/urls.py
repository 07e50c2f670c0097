from django.urls import path

from resurs.coordination.events.views import (
    consultations,
    events,
    media_plans,
    month_calendar,
    participants,
    publications,
    training,
)

app_name = "events"

urlpatterns = [
    path("", events.event_list, name="list"),
    path("export/", events.event_export, name="export"),
    path("calendar/", month_calendar.event_calendar, name="calendar"),
    path("new/", events.event_create, name="create"),
    path("<int:pk>/", events.event_detail, name="detail"),
    path("<int:pk>/edit/", events.event_edit, name="edit"),
    path("<int:pk>/participants/person/", participants.participant_add_person, name="add_person"),
    path(
        "<int:pk>/participants/organisation/",
        participants.participant_add_organisation,
        name="add_organisation",
    ),
    path(
        "participants/<int:pk>/status/",
        participants.participation_status,
        name="participation_status",
    ),
    path(
        "participants/<int:pk>/remove/",
        participants.participation_remove,
        name="participation_remove",
    ),
    path("training/", training.training_plan, name="training"),
    path("<int:pk>/nominate/", training.nominate, name="nominate"),
    path("nominations/<int:pk>/confirm/", training.nomination_confirm, name="nomination_confirm"),
    path("nominations/<int:pk>/decline/", training.nomination_decline, name="nomination_decline"),
    path(
        "nominations/<int:pk>/withdraw/", training.nomination_withdraw, name="nomination_withdraw"
    ),
    path("consultations/", consultations.consultation_list, name="consultation_list"),
    path("consultations/export/", consultations.consultation_export, name="consultation_export"),
    path("consultations/new/", consultations.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", consultations.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/edit/", consultations.consultation_edit, name="consultation_edit"),
    path("media-plans/", media_plans.media_plan_list, name="media_plan_list"),
    path("media-plans/new/", media_plans.media_plan_create, name="media_plan_create"),
    path("media-plans/<int:pk>/", media_plans.media_plan_detail, name="media_plan_detail"),
    path("media-plans/<int:pk>/edit/", media_plans.media_plan_edit, name="media_plan_edit"),
    path("media-plans/<int:pk>/items/new/", media_plans.media_plan_item_create, name="item_create"),
    path("media-plan-items/<int:pk>/edit/", media_plans.media_plan_item_edit, name="item_edit"),
    path("publications/", publications.publication_list, name="publication_list"),
    path("publications/export/", publications.publication_export, name="publication_export"),
    path("publications/new/", publications.publication_create, name="publication_create"),
    path("publications/<int:pk>/", publications.publication_detail, name="publication_detail"),
    path("publications/<int:pk>/edit/", publications.publication_edit, name="publication_edit"),
]
