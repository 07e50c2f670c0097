"""MAP-6: a roadmap exported to XLSX and DOCX in the layout of the seeds' tables.

Title lines (the organisation, the plan's title and its year), the header «№ | Наименование
мероприятия | Срок реализации | Ответственные исполнители | Ожидаемые результаты», then a
section row («1. Организационно-методическая деятельность», merged across the table) before
the items of each section. Both files load back through `roadmaps.importers` unchanged: the
year comes from the title line «на 2022 год».

Both files are one document (``plan_export``) rendered by resurs.kernel.documents: title
lines, the header (frozen in the workbook), section rows merged across the table.
"""

import re

from resurs.coordination.roadmaps.models import Item, Roadmap, Section
from resurs.kernel.documents import Document, Line

COLUMNS = (
    ("№", 6),
    ("Наименование мероприятия", 60),
    ("Срок реализации", 24),
    ("Ответственные исполнители", 40),
    ("Ожидаемые результаты", 50),
)
YEAR_IN_TITLE = re.compile(r"\b20\d\d\s*(?:год|г\.)", re.IGNORECASE)


def plan_of(roadmap: Roadmap, who) -> list[Section]:
    """Sections in order, each with ``item_list`` (responsibles prefetched): 3 queries."""
    sections = list(
        Section.objects.visible_to(who).filter(roadmap=roadmap).order_by("number", "id")
    )
    items = (
        Item.objects.visible_to(who)
        .filter(section__roadmap=roadmap)
        .order_by("order", "id")
        .prefetch_related("responsibles")
    )
    by_section: dict[int, list[Item]] = {s.pk: [] for s in sections}
    for item in items:
        by_section[item.section_id].append(item)
    for section in sections:
        section.item_list = by_section[section.pk]
    return sections


def responsible_of(item: Item) -> str:
    """The positions as written, then the appointed people of the directory."""
    people = ", ".join(
        f"{a.person_name} ({a.position})" if a.position else a.person_name
        for a in item.responsibles.all()
    )
    return "\n".join(part for part in (item.responsible_text, people) if part)


def title_lines(roadmap: Roadmap) -> list[str]:
    lines = [str(roadmap.organisation), roadmap.title]
    if not YEAR_IN_TITLE.search(roadmap.title):
        lines.append(f"на {roadmap.year} год")
    return lines


def table_rows(roadmap: Roadmap, who) -> list[tuple[bool, tuple]]:
    """(is a section row, the five cells) in the order of the plan."""
    rows = []
    for section in plan_of(roadmap, who):
        rows.append((True, (f"{section.number}. {section.title}", "", "", "", "")))
        rows.extend(
            (
                False,
                (
                    f"{item.number}.",
                    item.name,
                    item.timeframe,
                    responsible_of(item),
                    item.expected_results,
                ),
            )
            for item in section.item_list
        )
    return rows


def plan_export(roadmap: Roadmap, who) -> Document:
    """The plan in the seed layout, for XLSX and DOCX, as ``who`` (a scope) sees it."""
    lines = [Line([line], "title") for line in title_lines(roadmap)]
    lines.append(Line([header for header, _width in COLUMNS], "header"))
    lines += [
        Line([cells[0]], "section") if is_section else Line(cells)
        for is_section, cells in table_rows(roadmap, who)
    ]
    return Document(
        filename=f"dorozhnaya-karta-{roadmap.year}-{roadmap.pk}",
        title=f"Дорожная карта {roadmap.year}",
        columns=COLUMNS,
        lines=lines,
        landscape=True,
        freeze_header=True,
    )
