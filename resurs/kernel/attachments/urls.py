from django.urls import path

from resurs.kernel.attachments import views

app_name = "attachments"

urlpatterns = [
    path("<int:pk>/", views.download, name="download"),
    path("<int:pk>/remove/", views.remove, name="remove"),
    path("to/<int:content_type_id>/<int:object_id>/", views.upload, name="upload"),
]
