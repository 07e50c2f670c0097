"""MAP-5: «Информационно-аналитический отчет об исполнении плана мероприятий („дорожной
карты“)» of a roadmap for its year, as DOCX and PDF, from the marks (MAP-4) and their evidence.

What it holds: the header (the RC, its direction, the year, when the plan was agreed, the due
date of the report — 20 January of the next year, 000:3.1.7); every item with its
checkpoints, a status, what was done and the evidence (titles of the linked records of the
system and of the files attached to the checkpoints); summary figures per section and for the
whole plan (items total, done, partly, not done, not marked, and the execution percentage of
`resurs.coordination.roadmaps.progress`).

An item's status from the marks of its checkpoints: none marked — «не отмечено»; every
checkpoint «выполнено» — «выполнено»; every mark «не выполнено» — «не выполнено»; anything
else (some done, some partly, some not yet marked) — «частично».

The report is built on request, synchronously: seven queries and, for the PDF, one WeasyPrint
render of a few pages (well under a second for a plan of seed 003's size), so no background
task is needed. The owner may fix it as the submitted report (``annual_report_save``): the
DOCX is stored on the roadmap (``annual_report``, ``annual_report_generated_at``).

Both formats come from one document (``report_export``): its lines make the DOCX
(resurs.kernel.documents), the HTML template roadmaps/report.html makes the PDF.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from resurs.coordination.roadmaps import permissions
from resurs.coordination.roadmaps.models import (
    Checkpoint,
    Evidence,
    Item,
    MarkResult,
    Roadmap,
    RoadmapVersion,
    Section,
)
from resurs.coordination.roadmaps.progress import Progress, progress_of
from resurs.kernel.attachments.models import Attachment
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.documents import Document, Line, render_bytes
from resurs.kernel.writes import acting, audit, locked, require

REPORT_TITLE = (
    "Информационно-аналитический отчет об исполнении плана мероприятий («дорожной карты»)"
)
DONE, PARTLY, NOT_DONE, NOT_MARKED = "выполнено", "частично", "не выполнено", "не отмечено"
STATUSES = (DONE, PARTLY, NOT_DONE, NOT_MARKED)


@dataclass
class CheckpointLine:
    due_on: datetime.date
    is_review: bool
    result: str  # the mark's label, or «не отмечено»
    done_text: str
    evidence: list[str]  # titles of the linked records
    files: list[str]  # names of the attached files

    @property
    def text(self) -> str:
        kind = "проверка" if self.is_review else "срок"
        line = f"{kind} {self.due_on:%d.%m.%Y} — {self.result}"
        return f"{line}: {self.done_text}" if self.done_text else line


@dataclass
class Figures:
    total: int = 0
    done: int = 0
    partly: int = 0
    not_done: int = 0
    not_marked: int = 0
    percent: int | None = None

    def count(self, status: str) -> None:
        self.total += 1
        attribute = {DONE: "done", PARTLY: "partly", NOT_DONE: "not_done"}.get(status, "not_marked")
        setattr(self, attribute, getattr(self, attribute) + 1)

    @property
    def percent_text(self) -> str:
        return "—" if self.percent is None else f"{self.percent} %"


@dataclass
class ReportItem:
    number: int
    name: str
    timeframe: str
    schedule_label: str
    responsible: str
    expected_results: str
    status: str
    checkpoints: list[CheckpointLine]

    @property
    def evidence(self) -> list[str]:
        seen = {}
        for line in self.checkpoints:
            for title in [*line.evidence, *line.files]:
                seen.setdefault(title, None)
        return list(seen)


@dataclass
class ReportSection:
    number: int
    title: str
    items: list[ReportItem] = field(default_factory=list)
    figures: Figures = field(default_factory=Figures)


@dataclass
class Report:
    roadmap: Roadmap
    title: str
    organisation: str
    direction: str
    year: int
    agreed_on: datetime.date | None
    agreed_version: int
    due_on: datetime.date
    generated_on: datetime.date
    sections: list[ReportSection]
    figures: Figures


def status_of(lines: list[CheckpointLine]) -> str:
    results = [line.result for line in lines if line.result != NOT_MARKED]
    if not results:
        return NOT_MARKED
    if len(results) == len(lines) and all(r == MarkResult.DONE.label for r in results):
        return DONE
    if all(r == MarkResult.NOT_DONE.label for r in results):
        return NOT_DONE
    return PARTLY


def _as_of(roadmap: Roadmap) -> datetime.date:
    """The day the percentage is counted on: today, but no later than the year's end
    (a report on a past year counts every checkpoint of that year as due)."""
    return min(timezone.localdate(), datetime.date(roadmap.year + 1, 1, 1))


def build_report(roadmap: Roadmap) -> Report:
    """The report's content (seven queries)."""
    sections = list(Section.objects.filter(roadmap=roadmap).order_by("number", "id"))
    items = list(
        Item.objects.filter(section__roadmap=roadmap)
        .order_by("section__number", "order", "id")
        .prefetch_related("responsibles")
    )
    checkpoints = list(
        Checkpoint.objects.filter(item__section__roadmap=roadmap)
        .select_related("mark")
        .order_by("due_on", "id")
    )
    evidence: dict[int, list[str]] = {}
    for link in Evidence.objects.filter(mark__checkpoint__item__section__roadmap=roadmap).order_by(
        "id"
    ):
        evidence.setdefault(link.mark_id, []).append(link.title)
    files: dict[int, list[str]] = {}
    for attachment in Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Checkpoint),
        object_id__in=[c.pk for c in checkpoints],
    ).order_by("id"):
        files.setdefault(attachment.object_id, []).append(
            attachment.title or attachment.original_name
        )
    by_item: dict[int, list[Checkpoint]] = {}
    for checkpoint in checkpoints:
        by_item.setdefault(checkpoint.item_id, []).append(checkpoint)
    by_section: dict[int, list[Item]] = {s.pk: [] for s in sections}
    for item in items:
        item.checkpoint_list = by_item.get(item.pk, [])
        by_section[item.section_id].append(item)
    for section in sections:
        section.item_list = by_section[section.pk]
    total_progress, section_progress = progress_of(sections, _as_of(roadmap))

    report_sections, total = [], Figures(percent=total_progress.percent)
    for section in sections:
        progress = section_progress.get(section.pk, Progress())
        report_section = ReportSection(
            section.number, section.title, figures=Figures(percent=progress.percent)
        )
        for item in section.item_list:
            lines = []
            for checkpoint in item.checkpoint_list:
                mark = checkpoint.mark_or_none
                lines.append(
                    CheckpointLine(
                        due_on=checkpoint.due_on,
                        is_review=checkpoint.is_review,
                        result=mark.get_result_display() if mark else NOT_MARKED,
                        done_text=mark.done_text if mark else "",
                        evidence=evidence.get(mark.pk, []) if mark else [],
                        files=files.get(checkpoint.pk, []),
                    )
                )
            status = status_of(lines)
            report_section.figures.count(status)
            total.count(status)
            people = ", ".join(a.person_name for a in item.responsibles.all())
            report_section.items.append(
                ReportItem(
                    number=item.number,
                    name=item.name,
                    timeframe=item.timeframe,
                    schedule_label=item.schedule_label or item.get_schedule_kind_display(),
                    responsible="; ".join(p for p in (item.responsible_text, people) if p),
                    expected_results=item.expected_results,
                    status=status,
                    checkpoints=lines,
                )
            )
        report_sections.append(report_section)
    agreed = (
        RoadmapVersion.objects.filter(roadmap=roadmap, number=roadmap.agreed_version).first()
        if roadmap.agreed_version
        else None
    )
    return Report(
        roadmap=roadmap,
        title=REPORT_TITLE,
        organisation=str(roadmap.organisation),
        direction=str(roadmap.direction) if roadmap.direction_id else roadmap.programme,
        year=roadmap.year,
        agreed_on=timezone.localtime(agreed.agreed_at).date() if agreed else None,
        agreed_version=roadmap.agreed_version,
        due_on=roadmap.report_due_on,
        generated_on=timezone.localdate(),
        sections=report_sections,
        figures=total,
    )


def filename(roadmap: Roadmap) -> str:
    """The report's file name without the extension."""
    return f"otchet-dorozhnaya-karta-{roadmap.year}-{roadmap.pk}"


def header_lines(report: Report) -> list[tuple[str, str]]:
    return [
        ("Ресурсный центр", report.organisation),
        ("Направление", report.direction or "—"),
        ("Отчётный год", str(report.year)),
        ("План", report.roadmap.title),
        (
            "Согласован Департаментом",
            f"{report.agreed_on:%d.%m.%Y} (версия {report.agreed_version})"
            if report.agreed_on
            else "не согласован",
        ),
        ("Срок представления отчёта", f"{report.due_on:%d.%m.%Y}"),
        ("Сформирован", f"{report.generated_on:%d.%m.%Y}"),
    ]


def figure_rows(report: Report) -> list[tuple[str, Figures]]:
    rows = [(f"{s.number}. {s.title}", s.figures) for s in report.sections]
    return [*rows, ("Всего по плану", report.figures)]


FIGURE_HEADERS = (
    "Раздел",
    "Мероприятий",
    "Выполнено",
    "Частично",
    "Не выполнено",
    "Не отмечено",
    "Исполнение, %",
)
ITEM_HEADERS = ("№", "Мероприятие, срок", "Статус", "Что сделано", "Подтверждения")


def report_lines(report: Report) -> list[Line]:
    lines = [Line([f"{report.title} за {report.year} год"], "title")]
    lines += [Line(pair, "field") for pair in header_lines(report)]
    lines += [Line(), Line(["Сводные показатели"], "section"), Line(FIGURE_HEADERS, "header")]
    lines += [
        Line([title, f.total, f.done, f.partly, f.not_done, f.not_marked, f.percent_text])
        for title, f in figure_rows(report)
    ]
    for section in report.sections:
        lines += [Line(), Line([f"{section.number}. {section.title}"], "section")]
        if not section.items:
            lines.append(Line(["В разделе нет мероприятий."]))
            continue
        lines.append(Line(ITEM_HEADERS, "header"))
        lines += [
            Line(
                [
                    f"{item.number}.",
                    f"{item.name}\nСрок: {item.timeframe} ({item.schedule_label})",
                    item.status,
                    "\n".join(line.text for line in item.checkpoints) or "контрольных точек нет",
                    "\n".join(item.evidence) or "—",
                ]
            )
            for item in section.items
        ]
    return lines


def report_export(report: Report) -> Document:
    """The report as one document: DOCX from its lines, PDF from roadmaps/report.html."""
    return Document(
        filename=filename(report.roadmap),
        title=report.title,
        lines=report_lines(report),
        landscape=True,
        template="roadmaps/report.html",
        context={
            "report": report,
            "header": header_lines(report),
            "figures": figure_rows(report),
        },
    )


@transaction.atomic
def annual_report_save(*, by, roadmap: Roadmap) -> Roadmap:
    """MAP-5: the owner fixes the report: the DOCX is stored on the roadmap, with its time."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(
            permissions.is_owner(scope, roadmap),
            "Отчёт об исполнении формирует владелец дорожной карты.",
        )
    roadmap = locked(roadmap)
    before = snapshot(roadmap)
    document = report_export(build_report(roadmap))
    roadmap.annual_report.save(
        document.filename_for("docx"), ContentFile(render_bytes(document, "docx")), save=False
    )
    roadmap.annual_report_generated_at = timezone.now()
    roadmap.save(update_fields=["annual_report", "annual_report_generated_at", "updated_at"])
    audit(by, roadmap, AuditAction.UPDATE, before=before)
    return roadmap
