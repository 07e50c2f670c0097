from django.urls import path

from resurs.casework.socialservices import register_views

urlpatterns = [
    path("register/", register_views.register_page, name="register"),
    path("register/xlsx/", register_views.register_xlsx, name="register_xlsx"),
]
