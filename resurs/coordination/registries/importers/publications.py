"""REG-5: the registries of technologies and articles loaded from Excel."""

from __future__ import annotations

import re

from resurs.coordination.registries import services
from resurs.coordination.registries.importers.common import (
    COMMON_COLUMNS,
    RecordImporter,
    _labels,
    _norm,
)
from resurs.coordination.registries.models import (
    Article,
    Technology,
    TechnologyStatus,
)
from resurs.kernel.exchange.importers import (
    Column,
)

# --- REG-5 -------------------------------------------------------------------------------------


class TechnologyImporter(RecordImporter):
    name = "registry_technologies"
    title = "Реестр инновационных технологий и методик"
    description = (
        "Технология с тем же наименованием в реестре того же ресурсного центра "
        "обновляется; остальные добавляются."
    )
    model = Technology
    columns = (
        Column("title", "Наименование", 50, required=True),
        Column("description", "Описание", 60),
        Column("author", "Организация-автор", 50,
               hint="Из справочника организаций: полное наименование или ИНН в соседнем столбце."),
        Column("author_inn", "ИНН организации-автора", 14, code_lengths=(10, 12)),
        Column("target_group", "Целевая группа", 40),
        Column("introduced_year", "Год внедрения", 10, hint="Четыре цифры, например 2022."),
        Column("used_where", "Где применяется", 40),
        Column("status", "Статус", 16,
               hint="«применяется» или «не применяется». Пусто — применяется."),
        *COMMON_COLUMNS,
    )  # fmt: skip
    field_columns = {
        "title": "title",
        "description": "description",
        "author_organisation": "author",
        "target_group": "target_group",
        "introduced_year": "introduced_year",
        "used_where": "used_where",
        "status": "status",
        "registered_on": "registered_on",
        "note": "note",
    }

    def prepare(self, verdicts):
        super().prepare(verdicts)
        self.statuses = _labels(TechnologyStatus.choices)

    def key_of(self, record):
        return (record.owner_id, _norm(record.title))

    def row_key(self, fields):
        return (fields["owner"].pk, _norm(fields["title"])) if fields.get("title") else None

    def row_fields(self, verdict):
        year_text = verdict.cells.get("introduced_year", "")
        year = None
        if year_text:
            if re.fullmatch(r"\d{4}", year_text):
                year = int(year_text)
            else:
                verdict.add_error("introduced_year", f"«{year_text}» — не год: напишите 4 цифры.")
        fields = {
            "title": self._text(verdict, "title"),
            "description": self._text(verdict, "description"),
            "author_organisation": self._organisation(verdict, "author", "author_inn"),
            "target_group": self._text(verdict, "target_group"),
            "introduced_year": year,
            "used_where": self._text(verdict, "used_where"),
            "status": self._choice(
                verdict, "status", self.statuses, TechnologyStatus.choices,
                default=TechnologyStatus.IN_USE,
            ),
        }  # fmt: skip
        return fields

    def identity_text(self, verdict):
        return f"Технология «{verdict.label}»"

    def create(self, fields):
        services.technology_create(by=self.by, **fields)

    def update(self, record, fields):
        services.technology_update(by=self.by, technology=record, expected_version=None, **fields)


class ArticleImporter(RecordImporter):
    name = "registry_articles"
    title = "Реестр статей «Из опыта работы»"
    description = (
        "Статья с тем же названием, изданием и датой публикации в реестре того же "
        "ресурсного центра обновляется; остальные добавляются."
    )
    model = Article
    columns = (
        Column("title", "Название", 60, required=True),
        Column("authors", "Авторы", 40, required=True),
        Column("organisation", "Организация авторов", 50,
               hint="Из справочника организаций: полное наименование или ИНН в соседнем столбце."),
        Column("organisation_inn", "ИНН организации авторов", 14, code_lengths=(10, 12)),
        Column("publication", "Где опубликована", 50, required=True,
               hint="Журнал, сборник или сайт."),
        Column("published_on", "Дата публикации", 14, required=True, hint="ДД.ММ.ГГГГ."),
        Column("url", "Ссылка", 40),
        *COMMON_COLUMNS,
    )  # fmt: skip
    field_columns = {
        name: name
        for name in (
            "title", "authors", "organisation", "publication", "published_on", "url",
            "registered_on", "note",
        )
    }  # fmt: skip

    def key_of(self, record):
        return (record.owner_id, _norm(record.title), _norm(record.publication),
                record.published_on)  # fmt: skip

    def row_key(self, fields):
        if not (fields.get("title") and fields.get("publication") and fields.get("published_on")):
            return None
        return (fields["owner"].pk, _norm(fields["title"]), _norm(fields["publication"]),
                fields["published_on"])  # fmt: skip

    def identity_text(self, verdict):
        return f"Статья «{verdict.label}»"

    def row_fields(self, verdict):
        return {
            "title": self._text(verdict, "title"),
            "authors": self._text(verdict, "authors"),
            "organisation": self._organisation(verdict, "organisation", "organisation_inn"),
            "publication": self._text(verdict, "publication"),
            "published_on": self._date(verdict, "published_on", required=True),
            "url": self._text(verdict, "url"),
        }

    def create(self, fields):
        services.article_create(by=self.by, **fields)

    def update(self, record, fields):
        services.article_update(by=self.by, article=record, expected_version=None, **fields)
