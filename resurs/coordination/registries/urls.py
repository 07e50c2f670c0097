from django.urls import path

from resurs.coordination.registries import views
from resurs.coordination.registries.catalogue import REGISTRIES

app_name = "registries"

urlpatterns = [
    path("", views.index, name="index"),
    path("practices/matrix/", views.matrix, name="matrix"),
    path("practices/matrix/export.xlsx", views.matrix_export, name="matrix_export"),
    path("practices/matrix/add/", views.matrix_add, name="matrix_add"),
    path(
        "practices/<int:practice_pk>/cells/<int:institution_pk>/",
        views.cell,
        name="cell",
    ),
    path(
        "practices/<int:practice_pk>/cells/<int:institution_pk>/edit/",
        views.cell_edit,
        name="cell_edit",
    ),
    path("practices/cells/<int:pk>/history/", views.cell_history, name="practice_cell_history"),
]

# Every registry has the same pages: <slug>_list, _export, _create, _detail, _edit.
for registry in REGISTRIES:
    urlpatterns += [
        path(f"{registry.slug}/", views.record_list, {"registry": registry},
             name=f"{registry.slug}_list"),
        path(f"{registry.slug}/export.xlsx", views.record_export, {"registry": registry},
             name=f"{registry.slug}_export"),
        path(f"{registry.slug}/new/", views.record_create, {"registry": registry},
             name=f"{registry.slug}_create"),
        path(f"{registry.slug}/<int:pk>/", views.record_detail, {"registry": registry},
             name=f"{registry.slug}_detail"),
        path(f"{registry.slug}/<int:pk>/edit/", views.record_edit, {"registry": registry},
             name=f"{registry.slug}_edit"),
    ]  # fmt: skip
