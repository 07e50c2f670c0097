"""REG-6: the matrix of practices in institutions loaded from Excel."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from resurs.coordination.registries import permissions, services
from resurs.coordination.registries.importers.common import (
    RegistryImporter,
    _labels,
    _norm,
    _owner_column,
    _same,
)
from resurs.coordination.registries.models import (
    PracticeCell,
    PracticeStatus,
    SocialPractice,
)
from resurs.kernel.accounts.roles import Role
from resurs.kernel.exchange.importers import (
    Action,
    Column,
)

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
