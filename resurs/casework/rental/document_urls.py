"""The rental point's documents and journals; rental/urls.py adds them to its own patterns
(namespace «rental»)."""

from django.urls import path

from resurs.casework.rental import document_views as views

urlpatterns = [
    path(
        "contracts/<int:pk>/contract.<slug:format>",
        views.contract_document,
        name="contract_document",
    ),
    path(
        "contracts/<int:pk>/transfer-act.<slug:format>",
        views.transfer_act,
        name="transfer_act",
    ),
    path(
        "returns/<int:pk>/acceptance-act.<slug:format>",
        views.acceptance_act,
        name="acceptance_act",
    ),
    path("journals/issue/", views.journal_issue, name="journal_issue"),
    path("journals/movement/", views.journal_movement, name="journal_movement"),
]
