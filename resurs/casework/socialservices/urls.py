app_name = "socialservices"

urlpatterns: list = []
