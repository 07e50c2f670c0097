from django.urls import path

from resurs.coordination.methodology import views

app_name = "methodology"

urlpatterns = [
    # REG-2 methodological products and the expert council
    path("products/", views.product_list, name="product_list"),
    path("products/export.xlsx", views.product_export, name="product_export"),
    path("products/new/", views.product_create, name="product_create"),
    path("products/<int:pk>/", views.product_detail, name="product_detail"),
    path("products/<int:pk>/edit/", views.product_edit, name="product_edit"),
    path("products/<int:pk>/submit/", views.product_submit, name="product_submit"),
    path("products/<int:pk>/resubmit/", views.product_resubmit, name="product_resubmit"),
    path("products/<int:pk>/review/", views.product_start_review, name="product_start_review"),
    path("products/<int:pk>/verdict/", views.product_verdict, name="product_verdict"),
    path("products/<int:pk>/public/", views.product_publish, name="product_publish"),
    path(
        "products/<int:pk>/implementations/new/",
        views.implementation_add,
        name="implementation_add",
    ),
    path(
        "implementations/<int:pk>/remove/",
        views.implementation_remove,
        name="implementation_remove",
    ),
    path("council/", views.council_list, name="council_list"),
    path("council/new/", views.council_edit, name="council_create"),
    path("council/<int:pk>/edit/", views.council_edit, name="council_edit"),
    # REG-3 best practices
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/export.xlsx", views.practice_export, name="practice_export"),
    path("practices/new/", views.practice_create, name="practice_create"),
    path("practices/<int:pk>/", views.practice_detail, name="practice_detail"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/propose/", views.practice_propose, name="practice_propose"),
    path("practices/<int:pk>/analyse/", views.practice_analyse, name="practice_analyse"),
    path("practices/<int:pk>/submit/", views.practice_submit, name="practice_submit"),
    path("practices/<int:pk>/public/", views.practice_publish, name="practice_publish"),
    path(
        "practices/<int:pk>/replications/new/",
        views.replication_add,
        name="replication_add",
    ),
]
