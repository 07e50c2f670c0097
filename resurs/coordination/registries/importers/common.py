"""What the registry importers share: the base importer, the owner column, common columns."""

from __future__ import annotations

import copy
import datetime
from abc import abstractmethod
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.utils import timezone

from resurs.coordination.registries import permissions
from resurs.coordination.registries.models import (
    ParticipantCategory,
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
