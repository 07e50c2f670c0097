from django.urls import path  # noqa: F401 -- the app's routes are added here

app_name = "journals"

urlpatterns: list = []
