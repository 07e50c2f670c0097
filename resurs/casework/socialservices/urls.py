from resurs.casework.socialservices.register_urls import urlpatterns as register_urlpatterns

app_name = "socialservices"

urlpatterns: list = [*register_urlpatterns]
