"""X-4: the one base of the importers whose rows name organisations and priority directions
(the registries, methodological products and best practices).

Every organisation a row names is looked up among the organisations the importing user sees
(``Organisation.objects.visible_to``), by ИНН or by full or short name: one outside the
user's scope is «not found», as on every page. The cells are read by the one set of parsers
of resurs.kernel.exchange.cells (one set of yes/no words, one date format message).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.exchange import cells
from resurs.kernel.exchange.importers import Importer, RowVerdict
from resurs.kernel.organisations.models import Direction, Organisation


class OrganisationRowImporter(Importer):
    """An importer whose rows name organisations (see the module) and directions."""

    def prepare(self, verdicts):
        self.scope = Scope.of(self.by)
        self.directions = {d.number: d for d in Direction.objects.all()}
        self.organisations = cells.OrganisationIndex(
            Organisation.objects.visible_to(self.by).only(
                "id", "name", "short_name", "inn", "kind", "territory_id"
            )
        )

    def organisation(
        self, verdict: RowVerdict, key: str, *, inn_key: str | None = None, required=False
    ) -> Organisation | None:
        return cells.organisation(
            verdict, self.organisations, key, inn_key=inn_key, required=required
        )

    def direction(self, verdict: RowVerdict, key: str = "direction") -> Direction | None:
        return cells.direction(verdict, self.directions, key)

    @staticmethod
    def unchanged(record, fields: dict) -> bool:
        """Whether a stored record already holds a row's values; relations are compared by
        id, so that the comparison reads no related row."""
        for name, value in fields.items():
            if isinstance(value, models.Model) or (
                value is None and record._meta.get_field(name).is_relation
            ):
                if getattr(record, f"{name}_id") != (value.pk if value is not None else None):
                    return False
            elif getattr(record, name) != value:
                return False
        return True

    def record_changes(self, verdict: RowVerdict, record, fields: dict, columns: dict) -> None:
        """What a row changes in the stored record (field name -> column key in ``columns``),
        listed in the preview (RowVerdict.changes); fields without a column are not shown.
        Related organisations and directions are named from the loaded lists, no query."""
        known = {c.key for c in self.columns}
        for name, value in fields.items():
            column = columns.get(name)
            if column not in known:
                continue
            model_field = record._meta.get_field(name)
            if model_field.is_relation:
                stored_id = getattr(record, f"{name}_id")
                new_id = value.pk if value is not None else None
                if stored_id != new_id:
                    verdict.add_change(
                        column, self._related_text(model_field, stored_id), _named(value)
                    )
            else:
                old = cells.shown(model_field, getattr(record, name))
                verdict.add_change(column, old, cells.shown(model_field, value))

    def _related_text(self, model_field, pk) -> str:
        if pk is None:
            return ""
        if model_field.related_model is Direction:
            return next((str(n) for n, d in self.directions.items() if d.pk == pk), "")
        index = getattr(self, "directory", self.organisations)
        return _named(index.by_pk.get(pk) or self.organisations.by_pk.get(pk))

    @staticmethod
    def full_clean_row(verdict: RowVerdict, candidate, field_columns: dict[str, str], exclude=()):
        """The model's own rules on the row's candidate record, each error on its column;
        fields whose cells already failed are not checked twice."""
        failed = [name for name, column in field_columns.items() if verdict.has_error(column)]
        try:
            candidate.full_clean(
                exclude=[*failed, *exclude], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            verdict.add_validation_error(exc, field_columns)


def _named(value) -> str:
    """A related record as a row names it: a direction by its number, an organisation by
    its full name."""
    if value is None:
        return ""
    return str(value.number) if isinstance(value, Direction) else value.name
