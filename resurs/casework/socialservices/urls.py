from django.urls import include, path

app_name = "socialservices"

urlpatterns: list = [
    path("catalogue/", include("resurs.casework.socialservices.catalogue_urls")),
]
