from django.urls import path

from resurs.casework.cases import appeal_views, case_views

app_name = "cases"

urlpatterns = [
    path("", case_views.case_list, name="list"),
    path("new/", case_views.case_create, name="create"),
    path("<int:pk>/", case_views.case_detail, name="case"),
    path("<int:pk>/steps/", case_views.step_create, name="step_create"),
    path("board/", case_views.deadline_board, name="board"),
    path("appeals/", appeal_views.appeal_list, name="appeals"),
    path("appeals/new/", appeal_views.appeal_create, name="appeal_create"),
    path("appeals/<int:pk>/", appeal_views.appeal_detail, name="appeal"),
    path("appeals/<int:pk>/result/", appeal_views.appeal_result, name="appeal_result"),
    path("appeals/<int:pk>/case/", case_views.case_create_from_appeal, name="appeal_case"),
]
