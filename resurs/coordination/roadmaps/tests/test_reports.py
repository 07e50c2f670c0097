"""MAP-5: the annual information-analytic report, DOCX and PDF, from marks and evidence."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path, reverse
from docx import Document

from config.urls import urlpatterns as project_urls
from resurs.coordination.roadmaps import document_urls, reports
from resurs.coordination.roadmaps.models import (
    Checkpoint,
    Evidence,
    Item,
    Roadmap,
    RoadmapState,
    RoadmapVersion,
)
from resurs.coordination.roadmaps.services import (
    item_create,
    mark_set,
    roadmap_create,
    section_create,
)
from resurs.kernel.accounts.roles import Role
from resurs.kernel.attachments.models import Attachment
from resurs.kernel.audit.models import AuditEntry
from tests.factories import direction, member
from tests.pdf import pdf_text as read_pdf_text

pytestmark = pytest.mark.django_db


def _card(request, pk):
    return HttpResponse(f"card {pk}")


urlpatterns = [
    path(
        "roadmaps/",
        include(
            ([*document_urls.urlpatterns, path("<int:pk>/", _card, name="detail")], "roadmaps")
        ),
    ),
    *(p for p in project_urls if getattr(p, "namespace", None) != "roadmaps"),
]
use_test_urls = override_settings(ROOT_URLCONF=__name__)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def rc():
    return member(Role.RESOURCE_CENTRE, direction=direction(8))


@pytest.fixture
def roadmap(rc):
    """A 2022 plan of two sections, agreed, with marks: done with an evidence record and a
    file, partly, not done, and one item not marked."""
    plan = roadmap_create(
        by=rc, organisation=rc.organisation, direction=rc.direction, year=2022, title="План РЦ"
    )
    first = section_create(by=rc, roadmap=plan, title="Организационно-методическая деятельность")
    second = section_create(by=rc, roadmap=plan, title="Информационно-прикладная деятельность")
    studied = item_create(
        by=rc, section=first, name="Изучение успешного опыта", timeframe="1 квартал 2022 год"
    )
    training = item_create(
        by=rc, section=first, name="Обучение специалистов", timeframe="1 раз в полугодие"
    )
    forum = item_create(
        by=rc, section=second, name="Участие в форуме «Вместе – ради детей!»", timeframe="4 квартал"
    )
    item_create(by=rc, section=second, name="Методические материалы", timeframe="В течение года")
    item_create(by=rc, section=second, name="Встреча с родителями", timeframe="когда получится")
    Roadmap.objects.filter(pk=plan.pk).update(state=RoadmapState.AGREED, agreed_version=1)
    RoadmapVersion.objects.create(
        roadmap=plan,
        number=1,
        content={},
        agreed_at=datetime.datetime(2022, 2, 4, 12, tzinfo=datetime.UTC),
    )
    plan.refresh_from_db()

    done = mark_set(
        by=rc,
        checkpoint=studied.checkpoints.get(),
        result="done",
        done_text="Изучен опыт трёх центров",
    )
    # A linked record of the system: the report shows the title kept on the link.
    Evidence.objects.create(
        mark=done,
        content_type=ContentType.objects.get_for_model(Roadmap),
        object_id=plan.pk,
        title="Семинар «Ранняя помощь: опыт округа»",
    )
    Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(Checkpoint),
        object_id=done.checkpoint_id,
        title="Аналитическая справка о передовом опыте",
        file=ContentFile(b"%PDF-1.4 test", name="spravka.pdf"),
        original_name="spravka.pdf",
    )
    june, december = training.checkpoints.order_by("due_on")
    mark_set(by=rc, checkpoint=june, result="done", done_text="Стажировка в июне")
    mark_set(by=rc, checkpoint=december, result="partly", done_text="Обучено 5 из 10")
    mark_set(by=rc, checkpoint=forum.checkpoints.get(), result="not_done", done_text="")
    return plan


def test_build_report_statuses_and_figures(roadmap):
    report = reports.build_report(roadmap)
    items = {i.number: i for s in report.sections for i in s.items}
    assert [items[n].status for n in range(1, 6)] == [
        "выполнено",
        "частично",
        "не выполнено",
        "не отмечено",
        "не отмечено",
    ]
    assert items[1].evidence == [
        "Семинар «Ранняя помощь: опыт округа»",
        "Аналитическая справка о передовом опыте",
    ]
    first, second = report.sections
    assert (first.figures.total, first.figures.done, first.figures.partly) == (2, 1, 1)
    assert (second.figures.not_done, second.figures.not_marked) == (1, 2)
    # progress.py: checkpoints 1 + 1 + 0.5 of 3 in section 1; the year is over, so
    # section 2's unmarked checkpoint of «в течение года» counts as overdue: 0 of 2.
    assert first.figures.percent_text == "83 %"
    assert second.figures.percent_text == "0 %"
    assert report.figures.total == 5 and report.figures.percent_text == "50 %"
    assert report.due_on == datetime.date(2023, 1, 20)
    assert report.agreed_on == datetime.date(2022, 2, 4)


@use_test_urls
def test_report_docx_opens_with_items_statuses_and_evidence(roadmap, rc, login):
    response = login(rc).get(reverse("roadmaps:report_docx", args=[roadmap.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Информационно-аналитический отчет об исполнении плана мероприятий" in text
    assert "20.01.2023" in text and "04.02.2022 (версия 1)" in text
    for expected in (
        "Изучение успешного опыта",
        "Участие в форуме «Вместе – ради детей!»",
        "выполнено",
        "частично",
        "не выполнено",
        "не отмечено",
        "Изучен опыт трёх центров",
        "Семинар «Ранняя помощь: опыт округа»",
        "Аналитическая справка о передовом опыте",
        "Всего по плану",
        "50 %",
    ):
        assert expected in text, expected


@use_test_urls
def test_report_pdf_opens_with_items_statuses_and_evidence(roadmap, rc, login):
    response = login(rc).get(reverse("roadmaps:report_pdf", args=[roadmap.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = read_pdf_text(response.content)
    for expected in (
        "Информационно-аналитический отчет",
        "Изучение успешного опыта",
        "не выполнено",
        "не отмечено",
        "частично",
        "Семинар «Ранняя помощь: опыт округа»",
        "Аналитическая справка о передовом опыте",
        "20.01.2023",
    ):
        assert expected in text, expected


@use_test_urls
@pytest.mark.parametrize("url_name", ["report_docx", "report_pdf"])
def test_only_who_sees_the_roadmap_downloads_the_report(roadmap, login, url_name):
    url = reverse(f"roadmaps:{url_name}", args=[roadmap.pk])
    other_rc = member(Role.RESOURCE_CENTRE, direction=direction(2))
    provider = member(Role.PROVIDER)
    assert login(other_rc).get(url).status_code == 404
    assert login(provider).get(url).status_code == 404
    assert login(member(Role.DEPARTMENT)).get(url).status_code == 200


@use_test_urls
def test_owner_saves_the_report_on_the_roadmap(roadmap, rc, login):
    client = login(rc)
    saved_url = reverse("roadmaps:report_saved", args=[roadmap.pk])
    assert client.get(saved_url).status_code == 404  # nothing saved yet
    response = client.post(reverse("roadmaps:report_save", args=[roadmap.pk]))
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.annual_report and roadmap.annual_report_generated_at is not None
    assert AuditEntry.objects.filter(object_id=roadmap.pk).exists()
    department = login(member(Role.DEPARTMENT))
    response = department.get(saved_url)
    assert response.status_code == 200
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    assert any(
        "Изучение успешного опыта" in c.text
        for t in document.tables
        for r in t.rows
        for c in r.cells
    )
    # The Department sees the report but does not fix it; an outsider does not see it at all.
    assert department.post(reverse("roadmaps:report_save", args=[roadmap.pk])).status_code == 403
    outsider = login(member(Role.RESOURCE_CENTRE, direction=direction(2)))
    assert outsider.get(saved_url).status_code == 404
    assert outsider.post(reverse("roadmaps:report_save", args=[roadmap.pk])).status_code == 404


def test_item_without_checkpoints_is_not_marked(roadmap):
    report = reports.build_report(roadmap)
    unrecognised = next(i for s in report.sections for i in s.items if i.name.startswith("Встреча"))
    assert unrecognised.checkpoints == [] and unrecognised.status == "не отмечено"
    assert Item.objects.get(name="Встреча с родителями").needs_schedule
