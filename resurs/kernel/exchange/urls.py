from django.urls import path

from resurs.kernel.exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
    path("<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("templates/<slug:importer>.xlsx", views.import_template, name="template"),
]
