from django.urls import path

from resurs.casework.rental import demand_urls, document_urls
from resurs.casework.rental.views import applications, contracts, inventory

app_name = "rental"

urlpatterns = [
    path("", inventory.home, name="home"),
    path("point/", inventory.point_edit, name="point_create"),
    path("point/<int:unit_pk>/", inventory.point_edit, name="point_edit"),
    path("kinds/", inventory.kinds, name="kinds"),
    path("kinds/<int:kind_pk>/tariff/", inventory.tariff_create, name="tariff_create"),
    path("items/", inventory.item_list, name="item_list"),
    path("items/new/", inventory.item_create, name="item_create"),
    path("items/<int:pk>/", inventory.item_detail, name="item_detail"),
    path("items/<int:pk>/maintenance/", inventory.maintenance_start, name="maintenance_start"),
    path(
        "items/<int:pk>/maintenance/finish/",
        inventory.maintenance_finish,
        name="maintenance_finish",
    ),
    path("items/<int:pk>/write-off/", inventory.item_write_off, name="item_write_off"),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/new/", applications.application_create, name="application_create"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/refuse/",
        applications.application_refuse,
        name="application_refuse",
    ),
    path("applications/<int:pk>/move/", applications.application_move, name="application_move"),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<int:application_pk>/contract/",
        contracts.contract_issue,
        name="contract_issue",
    ),
    path("queue/", applications.waiting_lists, name="waiting_lists"),
    path("queue/<int:kind_pk>/", applications.waiting_list, name="waiting_list"),
    path("contracts/", contracts.contract_list, name="contract_list"),
    path("contracts/<int:pk>/", contracts.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/extend/", contracts.contract_extend, name="contract_extend"),
    path("contracts/<int:pk>/return/", contracts.contract_return, name="contract_return"),
]

urlpatterns += document_urls.urlpatterns + demand_urls.urlpatterns
