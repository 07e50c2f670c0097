"""Issue 12, item 11: the API description shows code as code, not Markdown backticks."""

import pytest

from config.api_docs import _text

pytestmark = pytest.mark.django_db


def test_the_api_docs_page_shows_no_markdown_backticks(client):
    body = client.get("/api/v1/docs").content.decode()
    assert "`" not in body
    assert "<code>working_days</code>" in body  # workcalendar's deadline operation


def test_descriptions_are_escaped_around_the_code():
    assert _text("Ошибка — 422 с ``errors[].field`` и <b>") == (
        "Ошибка — 422 с <code>errors[].field</code> и &lt;b&gt;"
    )
    assert _text("") == ""
