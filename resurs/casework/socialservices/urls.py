from django.urls import include, path

from resurs.casework.socialservices import day_views, statistics_urls, views
from resurs.casework.socialservices.register_urls import urlpatterns as register_urlpatterns

app_name = "socialservices"

urlpatterns = [
    path("catalogue/", include("resurs.casework.socialservices.catalogue_urls")),
    path("facts/", views.fact_list, name="fact_list"),
    path("facts/new/", views.fact_create, name="fact_create"),
    path("facts/persons/search/", views.person_search, name="person_search"),
    path("facts/<int:pk>/", views.fact_detail, name="fact_detail"),
    path("facts/<int:pk>/edit/", views.fact_edit, name="fact_edit"),
    path("facts/<int:pk>/delete/", views.fact_delete, name="fact_delete"),
    path("facts/<int:pk>/reverse/", views.fact_reverse, name="fact_reverse"),
    path("day/", day_views.day, name="day"),
    path("day/row/", day_views.day_row, name="day_row"),
    path("months/", views.months, name="months"),
    path("statistics/", include(statistics_urls)),
    *register_urlpatterns,
]
