from django.urls import path

from resurs.coordination.instructions import views

app_name = "instructions"

urlpatterns = [
    path("", views.board, name="board"),
    path("board/export.xlsx", views.board_xlsx, name="board_xlsx"),
    path("board/export.pdf", views.board_pdf, name="board_pdf"),
    path("incoming/", views.incoming, name="incoming"),
    path("new/", views.instruction_create, name="create"),
    path("<int:pk>/", views.instruction_detail, name="detail"),
    path("<int:pk>/close/", views.instruction_close, name="close"),
    path("<int:pk>/cancel/", views.instruction_cancel, name="cancel"),
    path("answers/<int:pk>/", views.addressee_detail, name="addressee"),
    path("answers/<int:pk>/answer/", views.answer, name="answer"),
    path("answers/<int:pk>/accept/", views.accept, name="accept"),
    path("answers/<int:pk>/return/", views.return_answer, name="return"),
]
