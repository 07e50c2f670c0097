"""The demand request pages (TSR-7); the rental app's urls.py adds them under «rental»."""

from django.urls import path

from resurs.casework.rental import demand_views

urlpatterns = [
    path("demand/", demand_views.demand_list, name="demand_list"),
    path("demand/new/", demand_views.demand_create, name="demand_create"),
    path("demand/<int:pk>/", demand_views.demand_detail, name="demand_detail"),
    path(
        "demand/<int:pk>/lines/<int:line_pk>/",
        demand_views.demand_adjust,
        name="demand_adjust",
    ),
    path("demand/<int:pk>/send/", demand_views.demand_send, name="demand_send"),
    path("demand/<int:pk>/xlsx/", demand_views.demand_xlsx, name="demand_xlsx"),
    path("demand/<int:pk>/pdf/", demand_views.demand_pdf, name="demand_pdf"),
]
