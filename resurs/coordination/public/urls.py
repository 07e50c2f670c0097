from django.urls import path

from resurs.coordination.public import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    # Staff pages first: their prefixes are reserved and never a centre's address.
    path("manage/", views.manage, name="manage"),
    path("manage/new/<int:organisation_pk>/", views.page_create, name="page_create"),
    path("manage/<int:pk>/", views.manage_page, name="manage_page"),
    path("manage/<int:pk>/edit/", views.page_edit, name="page_edit"),
    path("manage/<int:pk>/materials/new/", views.material_create, name="material_create"),
    path("manage/materials/<int:pk>/", views.material_edit, name="material_edit"),
    path("manage/materials/<int:pk>/delete/", views.material_delete, name="material_delete"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.question_detail, name="question_detail"),
    path("inbox/<int:pk>/answer/", views.question_answer, name="question_answer"),
    path("inbox/<int:pk>/publish/", views.question_publish, name="question_publish"),
    path("inbox/<int:pk>/unpublish/", views.question_unpublish, name="question_unpublish"),
    path("inbox/<int:pk>/close/", views.question_close, name="question_close"),
    # The visitor's pages: no login, no JavaScript.
    path("<slug:slug>/", views.page, name="page"),
    path("<slug:slug>/question/", views.ask, name="ask"),
    path("<slug:slug>/question/thanks/", views.thanks, name="thanks"),
    path("<slug:slug>/logo/", views.logo, name="logo"),
    path("<slug:slug>/documents/<int:document_pk>/", views.document_file, name="document_file"),
    path("<slug:slug>/files/<int:attachment_pk>/", views.material_file, name="material_file"),
]
