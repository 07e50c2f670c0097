"""X-4: the registries loaded from Excel (REG-1, REG-4, REG-5, REG-6).

Each registry's own export loads back (extra columns are ignored). A row that stands for a
record already in the registry updates it; the record is found by the registry's natural
key, always within the registry of one keeper («Ведёт реестр», by default the importer's
own organisation):

* participants — direction + the participant organisation (by ИНН, else by full name);
* normative acts — level + kind + number + date;
* technologies — title;
* articles — title + where published + date;
* the practices matrix — practice title + institution (by ИНН, else by full name); a practice
  not yet in the matrix is added (with its number and direction or programme from the row).

A resource centre loads only its own registries and its own direction; the Department and
the administrator load any (naming the keeper in «Ведёт реестр»). Rows are written through
the registries' services, so the audit trail and the permission rules are the same as on
the forms.
"""

from __future__ import annotations

import copy
import datetime
import re
from abc import abstractmethod
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.utils import timezone

from resurs.coordination.registries import permissions, services
from resurs.coordination.registries.models import (
    ActKind,
    ActLevel,
    ActStatus,
    Article,
    LegalAct,
    Participant,
    ParticipantCategory,
    ParticipantStatus,
    PracticeCell,
    PracticeStatus,
    SocialPractice,
    Technology,
    TechnologyStatus,
)
from resurs.kernel.accounts.roles import DIRECTORY_EDITOR_ROLES, Role
from resurs.kernel.exchange import cells
from resurs.kernel.exchange.importers import (
    Action,
    Column,
    Identity,
    RowVerdict,
    normalise_text,
)
from resurs.kernel.organisations.importing import OrganisationRowImporter
from resurs.kernel.organisations.models import Direction, Organisation, OrganisationKind

REGISTRY_ROLES = frozenset({Role.RESOURCE_CENTRE, *DIRECTORY_EDITOR_ROLES})
_labels = cells.choice_values


def _owner_column(header="Ведёт реестр") -> Column:
    return Column(
        "owner",
        header,
        50,
        hint="Полное или краткое наименование либо ИНН организации, которая ведёт реестр. "
        "Пусто — ваша организация.",
    )


DIRECTION_COLUMN = Column(
    "direction",
    "Направление",
    12,
    hint="Номер приоритетного направления. Пусто — направление вашей роли ресурсного центра.",
)
PUBLIC_COLUMN = Column("is_public", "Публикуется", 12, hint="да или нет (пусто — нет).")
REGISTERED_COLUMN = Column(
    "registered_on",
    "Внесено в реестр",
    14,
    hint="ДД.ММ.ГГГГ. Пусто — сегодня (для новой записи). По этой дате считается показатель 6.5.",
)
NOTE_COLUMN = Column("note", "Примечание", 40)
COMMON_COLUMNS = (DIRECTION_COLUMN, _owner_column(), PUBLIC_COLUMN, REGISTERED_COLUMN, NOTE_COLUMN)


class RegistryImporter(OrganisationRowImporter):
    """What the registry importers share: the keeper, the direction and the comparison with
    the stored record (organisations and the cells: OrganisationRowImporter)."""

    model: ClassVar[type]
    roles = REGISTRY_ROLES
    direction_optional: ClassVar[bool] = False
    # Which model field a column's error belongs to (for the model's ValidationError).
    field_columns: ClassVar[dict[str, str]] = {}

    # --- prepare ---------------------------------------------------------------------------

    def prepare(self, verdicts):
        super().prepare(verdicts)
        self.directory = cells.OrganisationIndex(
            Organisation.objects.only("id", "name", "short_name", "inn", "kind", "territory_id")
        )
        owner_ids = {self.scope.organisation_id}
        for verdict in verdicts:
            owner = self.organisations.find(verdict.cells.get("owner", ""))
            if owner is not None:
                owner_ids.add(owner.pk)
        self.existing = {self.key_of(r): r for r in self.load_existing(owner_ids)}

    def load_existing(self, owner_ids):
        return self.model.objects.filter(owner_id__in=owner_ids)

    # --- per registry -----------------------------------------------------------------------

    @abstractmethod
    def key_of(self, record) -> tuple:
        """The natural key of a stored record (re-import updates instead of duplicating)."""

    @abstractmethod
    def row_key(self, fields: dict) -> tuple | None:
        """The natural key of a row's fields, None when the row lacks a part of it."""

    def label_of(self, verdict: RowVerdict) -> str:
        return verdict.cells.get("title", "")

    # --- the framework's hooks ----------------------------------------------------------------

    def identity(self, verdict):
        key = verdict.data.get("key")
        if key is None:
            return None
        return Identity(self.identity_column, key, self.identity_text(verdict))

    identity_column: ClassVar[str] = "title"

    def change_columns(self) -> dict[str, str]:
        """The column of each field an update may change (for the preview's changes)."""
        common = {"owner": "owner", "direction": "direction", "is_public": "is_public"}
        return {**common, **self.field_columns}

    def identity_text(self, verdict) -> str:
        return f"Запись «{verdict.label}»"

    # --- cells ---------------------------------------------------------------------------------

    def _validate(self, verdict, existing, fields) -> None:
        candidate = copy.copy(existing) if existing is not None else self.model()
        for name, value in fields.items():
            setattr(candidate, name, value)
        failed = [name for name, column in self.field_columns.items() if verdict.has_error(column)]
        # Related rows were found in the loaded lists: checking them again costs a query each.
        related = [f.name for f in self.model._meta.fields if f.is_relation]
        try:
            candidate.full_clean(exclude=[*failed, *related], validate_constraints=False)
        except ValidationError as exc:
            verdict.add_validation_error(exc, self.field_columns)
        if fields.get("owner") is not None and not permissions.can_write_for(
            self.scope,
            owner_id=fields["owner"].pk,
            direction_id=fields["direction"].pk if fields.get("direction") else None,
        ):
            verdict.add_error(
                "owner",
                "Ресурсный центр загружает записи только в реестры своей организации и по "
                "своему направлению.",
            )

    def _organisation(self, verdict, name_key: str, inn_key: str | None = None, required=False):
        """An organisation a record names (a participant, an author, an institution of the
        matrix): by ИНН, else by name, in the whole directory — naming an organisation is how
        it joins a direction's registry, as on the registries' forms
        (registries.selectors.nameable_organisations). The keeper is looked up among the
        organisations the user sees (``_owner``)."""
        return cells.organisation(
            verdict, self.directory, name_key, inn_key=inn_key, required=required
        )

    def _owner(self, verdict) -> Organisation | None:
        if not verdict.cells.get("owner", ""):
            return self.organisations.by_pk.get(self.scope.organisation_id)
        return self.organisation(verdict, "owner")

    def _direction(self, verdict) -> Direction | None:
        if not verdict.cells.get("direction", ""):
            if self.scope.role == Role.RESOURCE_CENTRE and not self.direction_optional:
                return self.directions.get(self._scope_direction_number())
            if not self.direction_optional:
                verdict.add_error("direction", "Укажите номер направления.")
            return None
        return self.direction(verdict)

    def _scope_direction_number(self) -> int | None:
        return next(
            (n for n, d in self.directions.items() if d.pk == self.scope.direction_id), None
        )

    def _date(self, verdict, key, required=False) -> datetime.date | None:
        return cells.date(verdict, key, required=required)

    def _bool(self, verdict, key) -> bool:
        return bool(cells.yes_no(verdict, key))

    def _choice(self, verdict, key, values: dict, choices, default=None):
        """A choice cell; blank is ``default``, and an error when there is no default."""
        labels = [label for _value, label in choices]
        return cells.choice(verdict, key, values, labels, required=default is None, default=default)

    def _text(self, verdict, key) -> str:
        return verdict.cells.get(key, "")


def _norm(text: str) -> str:
    return normalise_text(text or "")


_same = OrganisationRowImporter.unchanged


# --- REG-1 -------------------------------------------------------------------------------------

PARTICIPANT_CATEGORY_BY_KIND = {
    OrganisationKind.STATE_INSTITUTION: ParticipantCategory.STATE_PROVIDER,
    OrganisationKind.NON_STATE_PROVIDER: ParticipantCategory.NON_STATE_PROVIDER,
    OrganisationKind.VOLUNTEER: ParticipantCategory.VOLUNTEER,
}


class RecordImporter(RegistryImporter):
    """A registry whose row is one record: found by its natural key, then created or updated
    through the registry's service (the matrix, whose row is a cell, has its own flow)."""

    @abstractmethod
    def row_fields(self, verdict: RowVerdict) -> dict:
        """The registry's own fields of a row (errors added to the verdict)."""

    @abstractmethod
    def create(self, fields: dict):
        """Add the record through the registry's service."""

    @abstractmethod
    def update(self, record, fields: dict):
        """Change the record through the registry's service."""

    def check_row(self, verdict: RowVerdict) -> None:
        verdict.label = self.label_of(verdict)
        fields = {}
        owner = self._owner(verdict)
        direction = self._direction(verdict)
        fields.update(owner=owner, direction=direction)
        fields.update(self.row_fields(verdict))
        if "is_public" in verdict.cells:
            fields["is_public"] = self._bool(verdict, "is_public")
        if "note" in verdict.cells:
            fields["note"] = verdict.cells["note"]
        key = self.row_key(fields) if owner is not None and not verdict.errors else None
        existing = self.existing.get(key) if key is not None else None
        registered = self._date(verdict, "registered_on")
        if registered is not None:
            fields["registered_on"] = registered
        elif existing is None:
            fields["registered_on"] = timezone.localdate()
        self._validate(verdict, existing, fields)
        verdict.data = {"record": existing, "fields": fields, "key": key}
        if verdict.errors:
            return
        if existing is not None:
            self.record_changes(verdict, existing, fields, self.change_columns())
        if existing is None:
            verdict.action = Action.CREATE
        elif _same(existing, fields):
            verdict.action = Action.UNCHANGED
        else:
            verdict.action = Action.UPDATE

    def apply_row(self, verdict):
        data = verdict.data
        if data["record"] is None:
            self.create(data["fields"])
        else:
            self.update(data["record"], data["fields"])


class ParticipantImporter(RecordImporter):
    name = "registry_participants"
    title = "Реестр участников"
    description = (
        "Участник ищется в справочнике организаций по ИНН (без ИНН — по полному "
        "наименованию). Организация, которая уже есть в реестре по этому направлению, "
        "обновляется; остальные добавляются."
    )
    model = Participant
    columns = (
        Column("organisation", "Участник (полное наименование)", 60, required=True,
               aliases=("Участник",)),
        Column("organisation_inn", "ИНН участника", 14, code_lengths=(10, 12)),
        Column("category", "Категория", 34,
               hint="Одно из: " + "; ".join(ParticipantCategory.labels)
               + ". Пусто — по виду организации в справочнике."),
        Column("participation_form", "Форма участия", 40, required=True),
        Column("joined_on", "Дата включения", 14, required=True, hint="ДД.ММ.ГГГГ."),
        Column("agreement_number", "Номер соглашения", 16),
        Column("agreement_date", "Дата соглашения", 14, hint="ДД.ММ.ГГГГ."),
        Column("status", "Статус", 16,
               hint="«участвует» или «вышел из реестра». Пусто — участвует."),
        Column("left_on", "Дата выхода", 14, hint="Для вышедших из реестра: ДД.ММ.ГГГГ."),
        *COMMON_COLUMNS,
    )  # fmt: skip
    field_columns = {
        "organisation": "organisation",
        "category": "category",
        "participation_form": "participation_form",
        "joined_on": "joined_on",
        "agreement_number": "agreement_number",
        "agreement_date": "agreement_date",
        "status": "status",
        "left_on": "left_on",
        "registered_on": "registered_on",
        "note": "note",
    }
    identity_column = "organisation"

    def prepare(self, verdicts):
        super().prepare(verdicts)
        self.categories = _labels(ParticipantCategory.choices)
        self.statuses = _labels(ParticipantStatus.choices, {"участник": "active", "вышел": "left"})

    def key_of(self, record):
        return (record.owner_id, record.direction_id, record.organisation_id)

    def row_key(self, fields):
        if fields.get("direction") is None or fields.get("organisation") is None:
            return None
        return (fields["owner"].pk, fields["direction"].pk, fields["organisation"].pk)

    def label_of(self, verdict):
        return verdict.cells.get("organisation", "")

    def identity_text(self, verdict):
        return f"Участник «{verdict.label}»"

    def row_fields(self, verdict):
        organisation = self._organisation(verdict, "organisation", "organisation_inn")
        default_category = (
            PARTICIPANT_CATEGORY_BY_KIND.get(organisation.kind, ParticipantCategory.SOCIAL_PARTNER)
            if organisation is not None
            else ParticipantCategory.SOCIAL_PARTNER
        )
        return {
            "organisation": organisation,
            "category": self._choice(
                verdict, "category", self.categories, ParticipantCategory.choices,
                default=default_category,
            ),
            "participation_form": self._text(verdict, "participation_form"),
            "joined_on": self._date(verdict, "joined_on", required=True),
            "agreement_number": self._text(verdict, "agreement_number"),
            "agreement_date": self._date(verdict, "agreement_date"),
            "status": self._choice(
                verdict, "status", self.statuses, ParticipantStatus.choices,
                default=ParticipantStatus.ACTIVE,
            ),
            "left_on": self._date(verdict, "left_on"),
        }  # fmt: skip

    def create(self, fields):
        services.participant_create(by=self.by, **fields)

    def update(self, record, fields):
        services.participant_update(by=self.by, participant=record, expected_version=None, **fields)


# --- REG-4 -------------------------------------------------------------------------------------


class LegalActImporter(RecordImporter):
    name = "registry_legal_acts"
    title = "Реестр нормативных правовых актов"
    description = (
        "Акт того же уровня и вида с тем же номером и датой в реестре того же "
        "ресурсного центра обновляется; остальные добавляются. Направление пусто — акт "
        "относится ко всем направлениям."
    )
    model = LegalAct
    direction_optional = True
    columns = (
        Column("level", "Уровень", 16, required=True,
               hint="Одно из: " + "; ".join(ActLevel.labels) + "."),
        Column("kind", "Вид акта", 16, required=True,
               hint="Одно из: " + "; ".join(ActKind.labels) + "."),
        Column("number", "Номер", 14, required=True),
        Column("adopted_on", "Дата", 12, required=True, hint="ДД.ММ.ГГГГ."),
        Column("title", "Наименование", 70, required=True),
        Column("issuer", "Кем принят", 30),
        Column("status", "Статус", 14, hint="«действует» или «утратил силу». Пусто — действует."),
        Column("repealed_on", "Утратил силу с", 14, hint="ДД.ММ.ГГГГ."),
        Column("url", "Ссылка", 40),
        Column("direction", "Направление", 12,
               hint="Номер приоритетного направления. Пусто — все направления."),
        *COMMON_COLUMNS[1:],
    )  # fmt: skip
    field_columns = {
        name: name
        for name in (
            "level", "kind", "number", "adopted_on", "title", "issuer", "status", "repealed_on",
            "url", "registered_on", "note",
        )
    }  # fmt: skip

    def prepare(self, verdicts):
        super().prepare(verdicts)
        self.levels = _labels(ActLevel.choices, {"локальный": ActLevel.LOCAL})
        self.kinds = _labels(ActKind.choices, {"Федеральный закон": ActKind.LAW})
        self.statuses = _labels(
            ActStatus.choices, {"отменён": ActStatus.REPEALED, "утратил": ActStatus.REPEALED}
        )

    def key_of(self, record):
        return (record.owner_id, record.level, record.kind, _norm(record.number),
                record.adopted_on)  # fmt: skip

    def row_key(self, fields):
        if not all(fields.get(k) for k in ("level", "kind", "number", "adopted_on")):
            return None
        return (fields["owner"].pk, fields["level"], fields["kind"], _norm(fields["number"]),
                fields["adopted_on"])  # fmt: skip

    def label_of(self, verdict):
        cells = verdict.cells
        return (
            f"{cells.get('kind', '')} от {cells.get('adopted_on', '')} № {cells.get('number', '')}"
        )

    identity_column = "number"

    def identity_text(self, verdict):
        return f"Акт «{verdict.label}»"

    def row_fields(self, verdict):
        return {
            "level": self._choice(verdict, "level", self.levels, ActLevel.choices),
            "kind": self._choice(verdict, "kind", self.kinds, ActKind.choices),
            "number": self._text(verdict, "number"),
            "adopted_on": self._date(verdict, "adopted_on", required=True),
            "title": self._text(verdict, "title"),
            "issuer": self._text(verdict, "issuer"),
            "status": self._choice(
                verdict, "status", self.statuses, ActStatus.choices, default=ActStatus.IN_FORCE
            ),
            "repealed_on": self._date(verdict, "repealed_on"),
            "url": self._text(verdict, "url"),
        }

    def create(self, fields):
        services.legal_act_create(by=self.by, **fields)

    def update(self, record, fields):
        services.legal_act_update(by=self.by, act=record, expected_version=None, **fields)


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


# --- REG-6 -------------------------------------------------------------------------------------


class PracticeMatrixImporter(RegistryImporter):
    name = "registry_practices"
    title = "Матрица внедрения социальных практик"
    description = (
        "Строка — ячейка матрицы: практика в учреждении. Ячейка той же практики в "
        "том же учреждении обновляется; практика, которой ещё нет в матрице, добавляется "
        "(№, направление и программа берутся из первой её строки)."
    )
    model = SocialPractice
    direction_optional = True
    columns = (
        Column("number", "№ практики", 10, hint="Для новой практики: её номер в матрице."),
        Column("title", "Практика", 60, required=True),
        Column("institution", "Учреждение (полное наименование)", 60, required=True,
               aliases=("Учреждение",)),
        Column("institution_inn", "ИНН учреждения", 14, code_lengths=(10, 12)),
        Column("status", "Статус", 16, required=True,
               hint="Одно из: " + "; ".join(PracticeStatus.labels) + "."),
        Column("started_on", "Дата начала", 14, hint="ДД.ММ.ГГГГ."),
        Column("cell_note", "Примечание к ячейке", 30),
        Column("direction", "Направление", 12,
               hint="Для новой практики: номер направления (или заполните «Программа»)."),
        Column("programme", "Программа", 50),
        _owner_column("Ведёт матрицу"),
    )  # fmt: skip

    def prepare(self, verdicts):
        super().prepare(verdicts)
        self.statuses = _labels(PracticeStatus.choices)
        self.cells = {
            (c.practice_id, c.institution_id): c
            for c in PracticeCell.objects.filter(
                practice__in=[p.pk for p in self.existing.values()]
            )
        }

    def key_of(self, record):
        return (record.owner_id, _norm(record.title))

    def row_key(self, fields):
        return None  # the practice is looked up in check_row; the cell is the row's record

    def label_of(self, verdict):
        return f"{verdict.cells.get('title', '')} — {verdict.cells.get('institution', '')}"

    def check_row(self, verdict):
        verdict.label = self.label_of(verdict)
        owner = self._owner(verdict)
        institution = self._organisation(verdict, "institution", "institution_inn")
        status = self._choice(verdict, "status", self.statuses, PracticeStatus.choices)
        started_on = self._date(verdict, "started_on")
        title = self._text(verdict, "title")
        practice = self.existing.get((owner.pk, _norm(title))) if owner and title else None
        new_practice = None
        if practice is None and owner is not None and title:
            direction = self._direction(verdict)
            if (
                direction is None
                and not verdict.cells.get("programme")
                and self.scope.role == Role.RESOURCE_CENTRE
            ):
                direction = self.directions.get(self._scope_direction_number())
            number_text = verdict.cells.get("number", "")
            if number_text and not number_text.isdigit():
                verdict.add_error("number", f"«{number_text}» — не номер.")
            new_practice = {
                "owner": owner,
                "direction": direction,
                "programme": self._text(verdict, "programme"),
                "number": int(number_text) if number_text.isdigit() else 1,
                "title": title,
            }
            candidate = SocialPractice(**new_practice)
            try:
                candidate.full_clean(exclude=["owner", "direction"], validate_constraints=False)
            except ValidationError as exc:
                verdict.add_validation_error(
                    exc, {"programme": "programme", "title": "title", "number": "number"}
                )
        if owner is not None:
            practice_for_rule = practice or SocialPractice(
                owner=owner, direction=(new_practice or {}).get("direction")
            )
            if not permissions.can_edit_cell(self.scope, practice_for_rule):
                verdict.add_error(
                    "owner",
                    "Ресурсный центр загружает только матрицу своей организации и по своему "
                    "направлению.",
                )
        cell = (
            self.cells.get((practice.pk, institution.pk))
            if practice is not None and institution is not None
            else None
        )
        fields = {
            "status": status,
            "started_on": started_on,
            "note": self._text(verdict, "cell_note"),
        }
        if status == PracticeStatus.NOT_IMPLEMENTED and started_on:
            verdict.add_error("started_on", "У практики, которая не внедряется, нет даты начала.")
        key = (owner.pk, _norm(title), institution.pk) if owner and title and institution else None
        verdict.data = {
            "practice": practice,
            "new_practice": new_practice,
            "institution": institution,
            "fields": fields,
            "key": key,
        }
        if verdict.errors:
            return
        if cell is not None:
            columns = {"status": "status", "started_on": "started_on", "note": "cell_note"}
            self.record_changes(verdict, cell, fields, columns)
        if cell is None:
            verdict.action = Action.CREATE
        elif _same(cell, fields):
            verdict.action = Action.UNCHANGED
        else:
            verdict.action = Action.UPDATE

    identity_column = "institution"

    def identity_text(self, verdict):
        return f"Учреждение в практике «{verdict.cells.get('title', '')}»"

    def apply_row(self, verdict):
        data = verdict.data
        practice = data["practice"]
        if practice is None:
            new = data["new_practice"]
            # Rows of one new practice: the first creates it, the next ones find it.
            practice = self.existing.get((new["owner"].pk, _norm(new["title"])))
            if practice is None:
                practice = services.practice_create(by=self.by, **new)
                self.existing[(new["owner"].pk, _norm(new["title"]))] = practice
        services.practice_cell_set(
            by=self.by,
            practice=practice,
            institution=data["institution"],
            expected_version=None,
            **data["fields"],
        )
