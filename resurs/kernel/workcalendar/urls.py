from django.urls import path

from resurs.kernel.workcalendar import views

app_name = "workcalendar"

urlpatterns = [
    path("", views.year_view, name="year"),
    path("<int:year>/", views.year_view, name="year_detail"),
]
