"""EVT-5: the RC's inbox — scope, answering by e-mail, publishing, audit."""

import pytest
from django.core import mail
from django.urls import reverse

from resurs.coordination.public.models import Question, QuestionStatus
from resurs.coordination.public.tests.conftest import ask, rc_member
from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditAction, AuditEntry
from tests.factories import direction, member

pytestmark = pytest.mark.django_db


def test_inbox_shows_the_question_to_its_centre_and_the_department(login, page, other_page):
    question = ask(page, text="Вопрос Сургутскому центру")
    ask(other_page, text="Вопрос Нижневартовскому центру")
    own = login(rc_member(page)).get(reverse("public:inbox")).content.decode()
    assert "Вопрос Сургутскому центру" in own
    assert "Вопрос Нижневартовскому центру" not in own
    department = login(member(Role.DEPARTMENT)).get(reverse("public:inbox")).content.decode()
    assert "Вопрос Сургутскому центру" in department
    assert "Вопрос Нижневартовскому центру" in department
    assert login(rc_member(page)).get(question.get_absolute_url()).status_code == 200


def test_another_centre_and_other_roles_get_404_on_the_question(login, page, other_page):
    question = ask(page)
    for outsider in (
        rc_member(other_page, number=8),
        # An RC of the same direction elsewhere: the inbox is the page's own, not the direction's.
        member(Role.RESOURCE_CENTRE, direction=direction(2)),
        member(Role.PROVIDER),
        member(Role.USZN),
        member(Role.METHODICAL_CENTRE),
    ):
        client = login(outsider)
        assert client.get(question.get_absolute_url()).status_code == 404, outsider.role
        answer = client.post(reverse("public:question_answer", args=[question.pk]), {"answer": "x"})
        assert answer.status_code == 404, outsider.role
    question.refresh_from_db()
    assert question.status == QuestionStatus.NEW


def test_providers_have_no_inbox(login):
    assert login(member(Role.PROVIDER)).get(reverse("public:inbox")).status_code == 403


def test_inbox_filters_new_answered_published(login, page):
    new = ask(page, text="Новый вопрос посетителя")
    answered = ask(page, text="Отвеченный вопрос посетителя", may_publish=True)
    client = login(rc_member(page))
    client.post(reverse("public:question_answer", args=[answered.pk]), {"answer": "Ответ"})
    body = client.get(reverse("public:inbox"), {"state": "new"}).content.decode()
    assert new.text in body and answered.text not in body
    body = client.get(reverse("public:inbox"), {"state": "answered"}).content.decode()
    assert answered.text in body and new.text not in body
    assert "Новых: 1 · отвеченных: 1" in body
    body = client.get(reverse("public:inbox"), {"state": "published"}).content.decode()
    assert "Ничего не найдено." in body  # a filter is set: the hint is to change it


def test_inbox_query_count_does_not_grow(login, page, django_assert_max_num_queries):
    client = login(rc_member(page))
    for i in range(3):
        ask(page, address=f"198.51.100.{i}")
    client.get(reverse("public:inbox"))
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("public:inbox"))
    for i in range(60):
        ask(page, address=f"192.0.2.{i}")
    with django_assert_max_num_queries(10) as large:
        client.get(reverse("public:inbox"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_answering_emails_the_visitor(login, page, django_capture_on_commit_callbacks):
    question = ask(page, author_name="Мария", author_email="maria@example.ru")
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves on commit
        response = login(rc_member(page)).post(
            reverse("public:question_answer", args=[question.pk]),
            {"answer": "Запишитесь по телефону отделения."},
            follow=True,
        )
    assert "Ответ сохранён и отправлен посетителю" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maria@example.ru"]
    assert "Ответ на ваш вопрос" in message.subject
    assert "Запишитесь по телефону отделения." in message.body
    assert "Здравствуйте, Мария!" in message.body
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert question.emailed_at is not None


def test_an_answer_without_email_sends_nothing(login, page, django_capture_on_commit_callbacks):
    question = ask(page)
    with django_capture_on_commit_callbacks(execute=True):
        login(rc_member(page)).post(
            reverse("public:question_answer", args=[question.pk]), {"answer": "Ответ"}
        )
    assert mail.outbox == []
    assert Question.objects.get().status == QuestionStatus.ANSWERED


def test_a_question_is_answered_once(login, page, django_capture_on_commit_callbacks):
    question = ask(page, author_email="maria@example.ru")
    client = login(rc_member(page))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("public:question_answer", args=[question.pk]), {"answer": "Первый"})
        response = client.post(
            reverse("public:question_answer", args=[question.pk]), {"answer": "Второй"}
        )
    assert response.status_code == 400
    assert "На этот вопрос уже ответили" in response.content.decode()
    assert len(mail.outbox) == 1
    assert Question.objects.get().answer == "Первый"


def test_publishing_shows_the_qa_on_the_public_page(login, client, page):
    question = ask(page, text="Мой сын Петя Иванов не говорит", author_name="Мария",
                   may_publish=True)  # fmt: skip
    staff = login(rc_member(page))
    staff.post(reverse("public:question_answer", args=[question.pk]), {"answer": "Приходите."})
    assert "Приходите." not in client.get(page.get_absolute_url()).content.decode()
    staff.post(
        reverse("public:question_publish", args=[question.pk]),
        {"public_text": "Сын не говорит"},
    )
    body = client.get(page.get_absolute_url()).content.decode()
    assert "Сын не говорит" in body
    assert "Приходите." in body
    assert "Петя Иванов" not in body  # the edited wording is published, not the original
    assert "Мария" not in body  # the name only with the visitor's agreement
    staff.post(reverse("public:question_unpublish", args=[question.pk]))
    assert "Приходите." not in client.get(page.get_absolute_url()).content.decode()


def test_the_name_is_published_only_with_agreement(login, client, page):
    question = ask(page, author_name="Мария", may_publish=True, publish_name=True)
    staff = login(rc_member(page))
    staff.post(reverse("public:question_answer", args=[question.pk]), {"answer": "Ответ"})
    staff.post(reverse("public:question_publish", args=[question.pk]), {"public_text": "Вопрос"})
    assert "Вопрос (Мария)" in client.get(page.get_absolute_url()).content.decode()


def test_without_the_visitors_agreement_the_question_is_not_published(login, client, page):
    question = ask(page, may_publish=False)
    staff = login(rc_member(page))
    staff.post(reverse("public:question_answer", args=[question.pk]), {"answer": "Ответ"})
    response = staff.post(
        reverse("public:question_publish", args=[question.pk]), {"public_text": "Вопрос"}
    )
    assert response.status_code == 400
    assert "Посетитель не разрешил публиковать свой вопрос" in response.content.decode()
    assert Question.objects.get().is_published is False


def test_every_answer_and_publication_is_audited(login, page):
    question = ask(page, author_email="maria@example.ru", may_publish=True)
    keeper = rc_member(page)
    staff = login(keeper)
    staff.post(reverse("public:question_answer", args=[question.pk]), {"answer": "Ответ"})
    staff.post(reverse("public:question_publish", args=[question.pk]), {"public_text": "Вопрос"})
    updates = AuditEntry.objects.for_object(question).filter(action=AuditAction.UPDATE)
    assert updates.count() == 2
    assert {entry.actor_id for entry in updates} == {keeper.user_id}
    assert all("maria@example.ru" not in str(entry.changes) for entry in updates)


def test_opening_a_question_with_personal_data_is_logged(login, page):
    question = ask(page, author_email="maria@example.ru")
    keeper = rc_member(page)
    login(keeper).get(question.get_absolute_url())
    viewed = AuditEntry.objects.for_object(question).filter(action=AuditAction.VIEW)
    assert [entry.actor_id for entry in viewed] == [keeper.user_id]


def test_department_may_answer_any_centres_question(login, page):
    question = ask(page)
    login(member(Role.DEPARTMENT)).post(
        reverse("public:question_answer", args=[question.pk]), {"answer": "Ответ Департамента"}
    )
    assert Question.objects.get().answer == "Ответ Департамента"


def test_closing_a_spam_question(login, page):
    question = ask(page)
    login(rc_member(page)).post(reverse("public:question_close", args=[question.pk]))
    assert Question.objects.get().status == QuestionStatus.CLOSED


def test_attention_lists_new_questions_for_the_centre_and_the_department(page, other_page):
    from resurs.coordination.public.attention import items_for
    from resurs.kernel.accounts.scoping import Scope

    ask(page)
    ask(page, address="198.51.100.1")
    ask(other_page, address="198.51.100.2")
    own = items_for(Scope.of(rc_member(page)))
    assert [item.title for item in own] == ["Вопросы посетителей без ответа: 2"]
    assert own[0].url == f"/centres/inbox/?state=new&centre={page.pk}"
    assert len(items_for(Scope.of(member(Role.DEPARTMENT)))) == 2
    assert items_for(Scope.of(member(Role.PROVIDER))) == []


def test_department_filters_by_centre_and_pages_through_the_results(login, page, other_page):
    for i in range(3):
        ask(page, text=f"Сургут {i}", address=f"198.51.100.{i}")
    ask(other_page, text="Нижневартовск 1", address="198.51.100.50")
    client = login(member(Role.DEPARTMENT))
    body = client.get(reverse("public:inbox"), {"centre": other_page.pk}).content.decode()
    assert "Нижневартовск 1" in body and "Сургут 0" not in body
    # «page» is the paginator's own parameter, not a filter.
    response = client.get(reverse("public:inbox"), {"centre": page.pk, "page": 1})
    assert response.status_code == 200
    assert "Найдено: 3" in response.content.decode()
