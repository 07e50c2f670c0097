from django.urls import path

from resurs.casework.prevention import views

app_name = "prevention"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("persons/search/", views.person_search, name="person_search"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
]
