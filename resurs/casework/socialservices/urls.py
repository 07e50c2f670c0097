from django.urls import include, path

from resurs.casework.socialservices import statistics_urls

app_name = "socialservices"

urlpatterns: list = [
    path("statistics/", include(statistics_urls)),
]
