from django.urls import path

from resurs.casework.egisso import views

app_name = "egisso"

urlpatterns = [
    path("", views.export_list, name="list"),
    path("new/", views.export_create, name="create"),
    path("requisites/", views.participant_edit, name="requisites"),
    path("<int:pk>/", views.export_detail, name="detail"),
    path("<int:pk>/file/", views.export_file, name="file"),
    path("<int:pk>/sent/", views.export_sent, name="sent"),
    path("<int:pk>/withdraw/", views.export_withdraw, name="withdraw"),
    path("<int:pk>/accept-rest/", views.export_accept_rest, name="accept_rest"),
    path("<int:pk>/protocol/", views.export_protocol, name="protocol"),
    path("<int:pk>/facts/<int:fact_pk>/answer/", views.fact_answer, name="answer"),
    path("<int:pk>/facts/<int:fact_pk>/correct/", views.fact_correct, name="correct"),
]
