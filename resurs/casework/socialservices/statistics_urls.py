"""The statistics of services (SOC-10), included by the app's urls under «statistics/»."""

from django.urls import path

from resurs.casework.socialservices import statistics_views

urlpatterns = [
    path("", statistics_views.statistics, name="statistics"),
    path("xlsx/", statistics_views.statistics_print, {"format": "xlsx"}, name="statistics_xlsx"),
    path("pdf/", statistics_views.statistics_print, {"format": "pdf"}, name="statistics_pdf"),
]
