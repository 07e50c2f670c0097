"""Acts of a case (002 §5.1.3): drawing, numbering, correcting, the card and the print with
the names declined; who may see and draw them."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from docx import Document as WordDocument

from conftest import client_for
from resurs.casework.cases.models import Act, ActKind
from resurs.casework.citizens.models import AccessLogEntry
from resurs.casework.journals import services
from resurs.casework.journals.tests.conftest import DRAWN, draw, make_case
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.writes import DomainError, StaleVersion
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    word = WordDocument(BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


# --- services ---------------------------------------------------------------------------------


def test_numbers_run_per_institution_kind_and_year(world):
    first = draw(world, world.case)
    second = draw(world, world.case2, by=world.specialist2)
    other_kind = draw(world, world.case, kind=ActKind.NEED)
    next_year = draw(world, world.case, drawn_on=datetime.date(2026, 1, 12))
    assert (first.number, second.number, other_kind.number) == (1, 2, 1)
    assert (next_year.number, next_year.year) == (1, 2026)
    assert first.specialist == world.specialist.user


def test_an_act_is_audited_without_its_contents(world, act):
    entry = AuditEntry.objects.get(object_id=str(act.pk), action="create")
    text = str(entry.changes)
    assert "Задолженность" not in text and "Пыть-Ях" not in text


def test_an_act_cannot_be_dated_in_the_future_or_before_the_problem(world):
    with pytest.raises(DomainError, match="позже сегодняшнего"):
        draw(world, world.case, drawn_on=timezone.localdate() + datetime.timedelta(days=2))
    with pytest.raises(DomainError, match="раньше выявления"):
        draw(world, world.case, drawn_on=datetime.date(2025, 4, 1))


@pytest.mark.parametrize("who", ["specialist2", "other_specialist", "uszn", "department"])
def test_only_the_staff_who_see_the_case_draw_acts(world, who):
    with pytest.raises(PermissionDenied):
        draw(world, world.case, by=getattr(world, who))
    assert not Act.all_records.exists()


def test_the_head_and_the_provider_draw_acts(world):
    assert draw(world, world.case, by=world.head).number == 1
    assert draw(world, world.case, by=world.provider).number == 2


def test_an_act_is_corrected_with_its_version(world, act):
    services.act_update(
        by=world.specialist, act=act, expected_version=1, conclusion="Снят с сопровождения"
    )
    act.refresh_from_db()
    assert (act.conclusion, act.version) == ("Снят с сопровождения", 2)
    with pytest.raises(StaleVersion):
        services.act_update(by=world.head, act=act, expected_version=1, findings="Другое")
    with pytest.raises(DomainError, match="того же года"):
        services.act_update(
            by=world.specialist,
            act=act,
            expected_version=2,
            drawn_on=datetime.date(2026, 1, 12),
        )
    with pytest.raises(DomainError, match="нельзя изменить"):
        services.act_update(by=world.specialist, act=act, expected_version=2, kind="need")


# --- pages ------------------------------------------------------------------------------------


def test_the_specialist_draws_an_act_from_the_case(world):
    client = client_for(world.specialist)
    url = f"/journals/cases/{world.case.pk}/acts/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": ActKind.SOCIAL,
            "drawn_on": DRAWN.isoformat(),
            "address": "г. Пыть-Ях, мкр. 1, д. 1",
            "findings": "Нет работы",
            "conclusion": "Нуждается",
        },
    )
    act = Act.all_records.get()
    assert response.status_code == 302 and response["Location"] == f"/journals/acts/{act.pk}/"
    assert (act.kind, act.number, act.specialist) == (ActKind.SOCIAL, 1, world.specialist.user)


def test_a_broken_rule_lands_on_the_form(world):
    response = client_for(world.specialist).post(
        f"/journals/cases/{world.case.pk}/acts/new/",
        {
            "kind": ActKind.SOCIAL,
            "drawn_on": "2025-04-01",
            "address": "адрес",
            "findings": "х",
            "conclusion": "х",
        },
    )
    assert response.status_code == 400
    assert "раньше выявления проблемы" in response.content.decode()


def test_the_card_is_logged(world, act):
    response = client_for(world.head).get(f"/journals/acts/{act.pk}/")
    assert response.status_code == 200
    assert "Задолженность по оплате жилья" in response.content.decode()
    entry = AccessLogEntry.objects.get()
    assert (entry.record_id, entry.person, entry.channel) == (act.pk, world.person, "ui")


def test_the_act_is_corrected_on_its_page(world, act):
    client = client_for(world.specialist)
    url = f"/journals/acts/{act.pk}/edit/"
    assert client.get(url).status_code == 200
    data = {
        "version": 1,
        "drawn_on": DRAWN.isoformat(),
        "address": act.address,
        "findings": act.findings,
        "conclusion": "Исправленное заключение",
    }
    assert client.post(url, data).status_code == 302
    act.refresh_from_db()
    assert (act.conclusion, act.version) == ("Исправленное заключение", 2)
    stale = client.post(url, data)
    assert stale.status_code == 400


def test_the_docx_declines_the_names(world, act):
    response = client_for(world.specialist).get(f"/journals/acts/{act.pk}/docx/")
    assert response.status_code == 200
    text = docx_text(response.content)
    assert f"№ {act.number}/2025" in text
    assert "в лице специалиста Ивановой Ольги Николаевны" in text
    assert "гражданки Смирновой Ольги Ивановны" in text
    assert "06.05.2025" in text and "Задолженность по оплате жилья" in text
    assert AccessLogEntry.objects.get().channel == "export"


def test_the_pdf_declines_the_names_of_a_man(world):
    act = draw(world, world.case2, by=world.specialist2, kind=ActKind.NEED)
    response = client_for(world.specialist2).get(f"/journals/acts/{act.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "в лице специалиста Петрова-Водкина Кузьмы Сергеевича" in text
    assert "гражданина Черных Ильи Петровича" in text
    assert "Акт оценки индивидуальной потребности" in text
    assert "1 / 1" in text


def test_a_family_act_names_its_applicant(world):
    case = make_case(world, family=world.family, number=3)
    act = draw(world, case, kind=ActKind.SOCIAL)
    text = docx_text(client_for(world.specialist).get(f"/journals/acts/{act.pk}/docx/").content)
    assert "семьи «Семья Смирновых», заявитель — гражданки Смирновой Ольги Ивановны" in text


def test_outsiders_get_404_on_the_act(world, act):
    for label, membership in world.outsiders.items():
        client = client_for(membership)
        for url in (
            f"/journals/acts/{act.pk}/",
            f"/journals/acts/{act.pk}/docx/",
            f"/journals/acts/{act.pk}/pdf/",
            f"/journals/acts/{act.pk}/edit/",
            f"/journals/cases/{world.case.pk}/acts/new/",
        ):
            assert client.get(url).status_code == 404, (label, url)
    assert not AccessLogEntry.objects.exists()


def test_insiders_open_the_act(world, act):
    for label, membership in world.insiders.items():
        assert client_for(membership).get(f"/journals/acts/{act.pk}/").status_code == 200, label
    assert AccessLogEntry.objects.count() == len(world.insiders)


def test_the_uszn_reads_but_does_not_draw(world, act):
    client = client_for(world.uszn)
    assert client.get(f"/journals/cases/{world.case.pk}/acts/new/").status_code == 403
    assert client.get(f"/journals/acts/{act.pk}/edit/").status_code == 403
