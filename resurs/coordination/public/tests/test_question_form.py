"""EVT-5: the visitor's question form — consent, honeypot, rate limit, POST/redirect/GET."""

import pytest
from django.urls import reverse

from resurs.coordination.public import antispam
from resurs.coordination.public.models import Question, QuestionStatus
from resurs.coordination.public.tests.conftest import ask
from resurs.kernel.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

VALID = {
    "author_name": "Мария",
    "author_email": "maria@example.ru",
    "text": "Как записать ребёнка на консультацию?",
    "consent": "on",
    "may_publish": "on",
}


def _post(client, page, data=None, address="203.0.113.7"):
    return client.post(reverse("public:ask", args=[page.slug]), data or VALID, REMOTE_ADDR=address)


def test_the_form_is_a_plain_post_form_without_scripts(client, page):
    response = client.get(reverse("public:ask", args=[page.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script" not in body
    assert 'method="post"' in body
    assert "hx-" not in body
    assert "152-ФЗ" in body  # the consent's wording names the law
    for field, label in (("author_name", "Как к вам обращаться"), ("text", "Ваш вопрос"),
                         ("consent", "Я согласен(на) на обработку")):  # fmt: skip
        assert f'for="id_{field}">{label}' in body
    assert 'class="d-none" aria-hidden="true"' in body  # the honeypot is hidden from people


def test_a_question_is_accepted_and_redirects_to_a_russian_thank_you_page(client, page):
    response = _post(client, page)
    assert response.status_code == 302
    assert response["Location"] == reverse("public:thanks", args=[page.slug])
    thanks = client.get(response["Location"]).content.decode()
    assert "Спасибо, ваш вопрос отправлен" in thanks
    question = Question.objects.get()
    assert question.page == page
    assert question.status == QuestionStatus.NEW
    assert question.author_email == "maria@example.ru"
    assert question.consent_at is not None
    assert "152-ФЗ" in question.consent_text  # the wording the visitor agreed to is kept
    assert question.may_publish is True
    assert question.publish_name is False


def test_an_anonymous_question_is_accepted(client, page):
    data = {"text": "Вопрос без имени и почты", "consent": "on"}
    assert _post(client, page, data).status_code == 302
    question = Question.objects.get()
    assert (question.author_name, question.author_email) == ("", "")


def test_consent_is_required(client, page):
    data = {**VALID}
    del data["consent"]
    response = _post(client, page, data)
    assert response.status_code == 400
    assert "Без согласия на обработку персональных данных вопрос не принимается." in (
        response.content.decode()
    )
    assert not Question.objects.exists()


def test_the_honeypot_blocks_a_bot_with_a_russian_message(client, page):
    response = _post(client, page, {**VALID, antispam.HONEYPOT_FIELD: "http://spam.example"})
    assert response.status_code == 400
    assert "Вопрос не принят: заполнено служебное поле" in response.content.decode()
    assert not Question.objects.exists()


def test_the_rate_limit_blocks_the_sixth_question_an_hour_from_one_address(client, page):
    for _ in range(antispam.QUESTIONS_PER_WINDOW):
        assert _post(client, page).status_code == 302
    response = _post(client, page)
    assert response.status_code == 400
    assert "С вашего адреса уже отправлено 5 вопросов за последний час" in (
        response.content.decode()
    )
    assert Question.objects.count() == antispam.QUESTIONS_PER_WINDOW
    # Another address is not affected.
    assert _post(client, page, address="198.51.100.20").status_code == 302


def test_the_address_is_stored_only_as_a_hash(client, page):
    _post(client, page, address="203.0.113.99")
    question = Question.objects.get()
    assert "203.0.113.99" not in question.ip_hash
    assert question.ip_hash == antispam.address_hash("203.0.113.99")
    assert len(question.ip_hash) == 64


def test_old_questions_do_not_count_against_the_limit(page):
    from django.utils import timezone

    for _ in range(antispam.QUESTIONS_PER_WINDOW):
        ask(page)
    Question.objects.update(created_at=timezone.now() - antispam.RATE_WINDOW)
    assert ask(page).pk


def test_an_invalid_email_is_shown_next_to_the_field(client, page):
    response = _post(client, page, {**VALID, "author_email": "не-почта"})
    assert response.status_code == 400
    assert "Проверьте адрес электронной почты" in response.content.decode()


def test_the_audit_of_a_question_keeps_no_personal_data(client, page):
    _post(client, page)
    entry = AuditEntry.objects.get(action="create", object_repr__startswith="Вопрос")
    assert entry.actor_role == "посетитель"
    dumped = str(entry.changes)
    assert "maria@example.ru" not in dumped
    assert "Мария" not in dumped
    assert "ip_hash" not in dumped
