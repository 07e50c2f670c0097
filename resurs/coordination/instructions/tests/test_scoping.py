"""REP-9 scope (SPEC §0): the sender's members see what it sent, an addressee sees what it
received and only its own answer, the region-wide roles see everything; the rest get 404 —
in the pages, the API and the files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resurs.coordination.instructions import services
from resurs.coordination.instructions.models import Addressee, Instruction
from resurs.coordination.instructions.tests.conftest import bearer
from resurs.kernel.attachments.models import Attachment

pytestmark = pytest.mark.django_db

SECRET = "Персональные сведения поставщика А"


def pdf(name="ответ.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


@pytest.fixture
def answered(world):
    services.answer_submit(
        by=world["provider_a"], addressee=world["row_a"], text=SECRET, files=[pdf()]
    )
    return world


@pytest.mark.parametrize("who", ["outsider", "uszn", "other_rc"])
def test_outsiders_get_404_for_the_instruction_in_the_ui_and_the_api(answered, login, client, who):
    w = answered
    pages = [
        w["instruction"].get_absolute_url(),
        w["row_a"].get_absolute_url(),
        w["row_b"].get_absolute_url(),
        reverse("instructions:answer", args=[w["row_b"].pk]),
    ]
    browser = login(w[who])
    for url in pages:
        assert browser.get(url).status_code == 404, url
    for url in (
        f"/api/v1/instructions/{w['instruction'].pk}",
        f"/api/v1/instructions/addressees/{w['row_a'].pk}",
    ):
        response = client.get(url, headers=bearer(w[who]))
        assert response.status_code == 404 and response.json() == {"detail": "Не найдено."}


def test_one_provider_cannot_read_another_providers_answer_in_the_ui(answered, login):
    w = answered
    browser = login(w["provider_b"])
    card = browser.get(w["instruction"].get_absolute_url())
    assert card.status_code == 200
    page = card.content.decode()
    assert "КЦСОН Б" in page and "КЦСОН А" not in page and SECRET not in page
    assert "История изменений" not in page
    assert browser.get(w["row_a"].get_absolute_url()).status_code == 404
    assert browser.get(reverse("instructions:accept", args=[w["row_a"].pk])).status_code == 405
    assert browser.post(reverse("instructions:accept", args=[w["row_a"].pk])).status_code == 404
    attachment = Attachment.objects.get(object_id=w["row_a"].pk)
    assert browser.get(reverse("attachments:download", args=[attachment.pk])).status_code == 404
    assert (
        login(w["rc"]).get(reverse("attachments:download", args=[attachment.pk])).status_code == 200
    )


def test_one_provider_cannot_read_another_providers_answer_in_the_api(answered, client):
    w = answered
    headers = bearer(w["provider_b"])
    detail = client.get(f"/api/v1/instructions/{w['instruction'].pk}", headers=headers).json()
    assert [a["id"] for a in detail["addressees"]] == [w["row_b"].pk]
    assert SECRET not in str(detail)
    assert (
        client.get(f"/api/v1/instructions/addressees/{w['row_a'].pk}", headers=headers).status_code
        == 404
    )
    incoming = client.get("/api/v1/instructions/incoming", headers=headers).json()
    assert [a["id"] for a in incoming["items"]] == [w["row_b"].pk]
    assert client.get("/api/v1/instructions", headers=headers).json()["count"] == 0


def test_the_sender_and_the_region_wide_roles_see_every_answer(answered, login, client):
    w = answered
    for who in ("rc", "department", "methodist"):
        page = login(w[who]).get(w["instruction"].get_absolute_url()).content.decode()
        assert SECRET in page and "КЦСОН Б" in page, who
        detail = client.get(
            f"/api/v1/instructions/{w['instruction'].pk}", headers=bearer(w[who])
        ).json()
        assert len(detail["addressees"]) == 2
        assert detail["addressees"][0]["files"][0]["original_name"] == "ответ.pdf"


def test_the_addressee_sees_its_own_answer_and_the_senders_text(answered, login):
    page = login(answered["provider_a"]).get(answered["row_a"].get_absolute_url())
    assert page.status_code == 200
    assert SECRET in page.content.decode()
    assert "Прошу представить сведения по форме." in page.content.decode()


def test_querysets_follow_the_rule(answered):
    w = answered
    assert set(Instruction.objects.visible_to(w["provider_b"])) == {w["instruction"]}
    assert set(Addressee.objects.visible_to(w["provider_b"])) == {w["row_b"]}
    assert set(Addressee.objects.visible_to(w["rc"])) == {w["row_a"], w["row_b"]}
    assert not Instruction.objects.visible_to(w["outsider"]).exists()
    assert not Addressee.objects.visible_to(w["uszn"]).exists()
    assert Addressee.objects.visible_to(w["department"]).count() == 2


def test_a_provider_cannot_answer_for_another_or_attach_to_its_answer(world, login, client):
    w = world
    browser = login(w["provider_b"])
    response = browser.post(
        reverse("instructions:answer", args=[w["row_a"].pk]), {"text": "Подмена"}
    )
    assert response.status_code == 404
    api = client.post(
        f"/api/v1/instructions/addressees/{w['row_a'].pk}/answer",
        {"text": "Подмена", "version": w["row_a"].version},
        content_type="application/json",
        headers=bearer(w["provider_b"]),
    )
    assert api.status_code == 404
    w["row_a"].refresh_from_db()
    assert w["row_a"].answer_text == ""
