"""The catalogue's pages (SOC-11), included from the app's urls under ``catalogue/``."""

from django.urls import path

from resurs.casework.socialservices import catalogue_views as views

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.service_create, name="catalogue_create"),
    path("<int:pk>/", views.service_detail, name="catalogue_service"),
    path("<int:pk>/edit/", views.service_edit, name="catalogue_edit"),
    path("<int:pk>/tariffs/new/", views.tariff_create, name="catalogue_tariff"),
]
