from django.urls import path

from resurs.coordination.roadmaps import document_urls, views

app_name = "roadmaps"

urlpatterns = [
    path("", views.roadmap_list, name="list"),
    path("new/", views.roadmap_create, name="create"),
    # SOC-13: the work plans of units (their cards are the roadmap pages below).
    path("units/", views.unit_plan_list, name="units"),
    path("units/new/", views.unit_plan_create, name="unit_create"),
    path("<int:pk>/", views.roadmap_detail, name="detail"),
    path("<int:pk>/edit/", views.roadmap_edit, name="edit"),
    path("<int:pk>/submit/", views.roadmap_submit, name="submit"),
    path("<int:pk>/agree/", views.roadmap_agree, name="agree"),
    path("<int:pk>/return/", views.roadmap_return, name="return"),
    path("<int:pk>/reopen/", views.roadmap_reopen, name="reopen"),
    path("<int:pk>/sections/new/", views.section_create, name="section_create"),
    path("<int:pk>/propose/", views.proposal_create, name="proposal_create"),
    path("<int:pk>/versions/compare/", views.version_compare, name="compare"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("sections/<int:pk>/move/<slug:direction>/", views.section_move, name="section_move"),
    path("sections/<int:pk>/items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.item_row, name="item_row"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("items/<int:pk>/move/<slug:direction>/", views.item_move, name="item_move"),
    path("items/<int:pk>/schedule/", views.item_schedule, name="item_schedule"),
    path("checkpoints/<int:pk>/", views.checkpoint_detail, name="checkpoint"),
    path("proposals/<int:pk>/accept/", views.proposal_accept, name="proposal_accept"),
    path("proposals/<int:pk>/decline/", views.proposal_decline, name="proposal_decline"),
    # MAP-5, MAP-6: exports and the annual report (document_views).
    *document_urls.urlpatterns,
]
