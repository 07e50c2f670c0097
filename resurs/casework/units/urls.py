from django.urls import path

from resurs.casework.units import views

app_name = "units"

urlpatterns = [
    path("", views.unit_list, name="list"),
    path("new/", views.unit_create, name="create"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/edit/", views.unit_edit, name="edit"),
    path("<int:pk>/staff/", views.staff_add, name="staff_add"),
    path("<int:pk>/districts/new/", views.district_create, name="district_create"),
    path("staff/<int:pk>/end/", views.staff_end, name="staff_end"),
    path("board/", views.board, name="board"),
    path("districts/", views.district_list, name="districts"),
    path("districts/<int:pk>/", views.district_detail, name="district"),
    path("districts/<int:pk>/edit/", views.district_edit, name="district_edit"),
    path("districts/<int:pk>/assign/", views.district_assign, name="assign"),
    path("districts/<int:pk>/passport/", views.passport_create, name="passport_create"),
    path("assignments/<int:pk>/end/", views.assignment_end, name="assignment_end"),
]
