"""X-4 / EVT-5: the public API (no token) and the inbox API (token, scoped)."""

import pytest
from django.core import mail

from resurs.coordination.public import services
from resurs.coordination.public.models import Question, QuestionStatus
from resurs.coordination.public.tests.conftest import ask, make_page, rc_member
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.services import api_token_create
from tests.factories import member

pytestmark = pytest.mark.django_db


def bearer(membership) -> dict:
    _token, raw = api_token_create(membership=membership, name="интеграция")
    return {"Authorization": f"Bearer {raw}"}


def test_published_pages_are_open_without_a_token(client, page, db):
    make_page(published=False, slug="chernovik")
    services.material_create(by=None, page=page, audience="parents", title="Памятка родителям")
    rows = client.get("/api/v1/public/pages").json()["items"]
    assert [row["slug"] for row in rows] == [page.slug]
    assert rows[0]["url"] == f"/centres/{page.slug}/"
    assert rows[0]["directions"]
    detail = client.get(f"/api/v1/public/pages/{page.slug}").json()
    assert detail["about"] == page.about
    assert [m["title"] for m in detail["materials"]] == ["Памятка родителям"]
    assert client.get("/api/v1/public/pages/chernovik").status_code == 404


def test_published_questions_are_open_and_carry_no_personal_data(client, page):
    question = ask(page, author_name="Мария", author_email="maria@example.ru", may_publish=True)
    ask(page, text="Неопубликованный вопрос", address="198.51.100.3")
    services.question_answer(by=None, question=question, answer="Ответ специалиста")
    services.question_publish(by=None, question=question)
    rows = client.get(f"/api/v1/public/pages/{page.slug}/questions").json()["items"]
    assert len(rows) == 1
    assert rows[0]["answer"] == "Ответ специалиста"
    assert rows[0]["author"] == ""  # no agreement to show the name
    assert "maria@example.ru" not in str(rows)


def test_the_inbox_needs_a_token(client, page):
    assert client.get("/api/v1/public/questions").status_code == 401


def test_the_inbox_api_is_scoped(client, page, other_page):
    question = ask(page, text="Вопрос Сургуту")
    ask(other_page, text="Вопрос Нижневартовску", address="198.51.100.4")
    own = client.get("/api/v1/public/questions", headers=bearer(rc_member(page))).json()
    assert [row["text"] for row in own["items"]] == ["Вопрос Сургуту"]
    assert "author_email" not in own["items"][0]  # the list has no personal data
    outsider = bearer(rc_member(other_page, number=8))
    assert (
        client.get(f"/api/v1/public/questions/{question.pk}", headers=outsider).status_code == 404
    )
    response = client.post(
        f"/api/v1/public/questions/{question.pk}/answer",
        {"answer": "Чужой ответ"},
        content_type="application/json",
        headers=outsider,
    )
    assert response.status_code == 404
    department = client.get("/api/v1/public/questions", headers=bearer(member(Role.DEPARTMENT)))
    assert department.json()["count"] == 2
    methodist = client.get(
        "/api/v1/public/questions", headers=bearer(member(Role.METHODICAL_CENTRE))
    )
    assert methodist.json()["count"] == 0


def test_answer_and_publish_through_the_api(client, page, django_capture_on_commit_callbacks):
    question = ask(page, author_email="maria@example.ru", may_publish=True)
    headers = bearer(rc_member(page))
    detail = client.get(f"/api/v1/public/questions/{question.pk}", headers=headers).json()
    assert detail["author_email"] == "maria@example.ru"
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves on commit
        answered = client.post(
            f"/api/v1/public/questions/{question.pk}/answer",
            {"answer": "Ответ через API"},
            content_type="application/json",
            headers=headers,
        )
    assert answered.status_code == 200
    assert answered.json()["status"] == QuestionStatus.ANSWERED
    assert len(mail.outbox) == 1
    again = client.post(
        f"/api/v1/public/questions/{question.pk}/answer",
        {"answer": "Ещё раз"},
        content_type="application/json",
        headers=headers,
    )
    assert again.status_code == 422
    assert "уже ответили" in again.json()["detail"]
    published = client.post(
        f"/api/v1/public/questions/{question.pk}/publish",
        {"public_text": "Вопрос для страницы"},
        content_type="application/json",
        headers=headers,
    )
    assert published.json()["is_published"] is True
    assert "Вопрос для страницы" in client.get(page.get_absolute_url()).content.decode()
    client.post(f"/api/v1/public/questions/{question.pk}/unpublish", headers=headers)
    assert Question.objects.get().is_published is False


def test_a_provider_cannot_answer_through_the_api(client, page):
    question = ask(page)
    response = client.post(
        f"/api/v1/public/questions/{question.pk}/answer",
        {"answer": "Ответ"},
        content_type="application/json",
        headers=bearer(member(Role.PROVIDER)),
    )
    assert response.status_code == 404


def test_inbox_api_query_count_does_not_grow(client, page, django_assert_max_num_queries):
    headers = bearer(rc_member(page))
    for i in range(3):
        ask(page, address=f"198.51.100.{i}")
    client.get("/api/v1/public/questions", headers=headers)
    with django_assert_max_num_queries(8) as small:
        client.get("/api/v1/public/questions", headers=headers)
    for i in range(60):
        ask(page, address=f"192.0.2.{i}")
    with django_assert_max_num_queries(8) as large:
        client.get("/api/v1/public/questions", headers=headers)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_schema_lists_the_public_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/public/pages", "/api/v1/public/pages/{slug}",
                 "/api/v1/public/questions", "/api/v1/public/questions/{pk}/answer"):  # fmt: skip
        assert path in paths, path
