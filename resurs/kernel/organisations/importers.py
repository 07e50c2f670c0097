"""ORG-1 / X-4: the directory of organisations loaded from Excel.

A row whose organisation is already in the directory is an update, and the preview lists
what it changes (field: stored → file); moving an organisation to another territory, which
changes who sees its records, is refused per row to a role that does not keep the directory.

Rows are checked by the model's own validators (ИНН and ОГРН checksums, e-mail, the
kind/legal-form rules), so an error reads the same as on the form, and saved through
``organisation_create`` / ``organisation_update``, which write the audit trail. The
directory's own export (``organisation_export``) loads back: its extra columns are ignored.
"""

import copy

from django.core.exceptions import ValidationError

from resurs.kernel.accounts.roles import DIRECTORY_EDITOR_ROLES
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.exchange import cells as parse
from resurs.kernel.exchange.importers import (
    Action,
    Column,
    Identity,
    Importer,
    RowVerdict,
    normalise_text,
)
from resurs.kernel.organisations import permissions
from resurs.kernel.organisations.models import (
    Direction,
    LegalForm,
    Organisation,
    OrganisationKind,
    Territory,
)
from resurs.kernel.organisations.services import organisation_create, organisation_update

# Model fields filled from text columns as they are.
TEXT_FIELDS = ("name", "short_name", "inn", "ogrn", "address", "phone", "email", "head_name")
# Which column shows a model field's error.
FIELD_COLUMNS = {name: name for name in TEXT_FIELDS} | {
    "kind": "kind",
    "legal_form": "legal_form",
    "territory": "territory",
}


class OrganisationImporter(Importer):
    name = "organisations"
    title = "Организации"
    description = (
        "Справочник организаций. Организация, ИНН которой уже есть в справочнике (а без ИНН — "
        "с тем же полным наименованием и территорией), обновляется: до сохранения видно, что "
        "в ней изменится (было → станет); остальные добавляются. Перенести организацию на "
        "другую территорию может только Департамент или администратор."
    )
    roles = DIRECTORY_EDITOR_ROLES
    columns = (
        Column("name", "Полное наименование", 70, required=True),
        Column("short_name", "Краткое наименование", 40),
        Column(
            "kind",
            "Вид",
            30,
            required=True,
            hint="Одно из: " + "; ".join(OrganisationKind.labels) + ".",
        ),
        Column(
            "legal_form",
            "Организационно-правовая форма",
            30,
            required=True,
            hint="Одно из: " + "; ".join(LegalForm.labels) + ".",
        ),
        Column(
            "territory",
            "Территория",
            22,
            required=True,
            hint="Муниципальное образование, как в справочнике территорий.",
        ),
        Column(
            "directions",
            "Направления",
            20,
            hint="Номера приоритетных направлений через запятую, например: 1, 3.",
        ),
        Column("inn", "ИНН", 14, code_lengths=(10, 12), hint="10 цифр, у ИП — 12."),
        Column("ogrn", "ОГРН", 16, aliases=("ОГРН / ОГРНИП",), code_lengths=(13, 15)),
        Column("address", "Адрес", 50),
        Column("phone", "Телефон", 18),
        Column("email", "Электронная почта", 28),
        Column("head_name", "Руководитель", 30),
    )

    def prepare(self, verdicts):
        self.kinds = parse.choice_values(OrganisationKind.choices)
        self.legal_forms = parse.choice_values(LegalForm.choices)
        self.territories: dict[str, list[Territory]] = {}
        self.territory_names: dict[int, str] = {}
        for territory in Territory.objects.select_related("region"):
            self.territories.setdefault(normalise_text(territory.name), []).append(territory)
            self.territory_names[territory.pk] = territory.name
        self.may_change_territory = permissions.can_change_territory(Scope.of(self.by))
        self.directions = {d.number: d for d in Direction.objects.all()}
        # ИНН is unique region-wide, whatever the importer's scope (as the form checks it).
        inns = {v.cells["inn"] for v in verdicts if v.cells.get("inn")}
        names = {
            v.cells["name"] for v in verdicts if v.cells.get("name") and not v.cells.get("inn")
        }
        self.by_inn = {
            o.inn: o
            for o in Organisation.objects.filter(inn__in=inns).prefetch_related("directions")
        }
        self.by_name: dict[tuple[str, int], list[Organisation]] = {}
        unnumbered = Organisation.objects.filter(inn="", name__in=names)
        for organisation in unnumbered.prefetch_related("directions"):
            key = (organisation.name, organisation.territory_id)
            self.by_name.setdefault(key, []).append(organisation)

    def check_row(self, verdict: RowVerdict) -> None:
        cells = verdict.cells
        verdict.label = cells.get("name", "")
        fields = {name: cells[name] for name in TEXT_FIELDS if name in cells}
        fields["kind"] = parse.choice(verdict, "kind", self.kinds, OrganisationKind.labels)
        fields["legal_form"] = parse.choice(
            verdict, "legal_form", self.legal_forms, LegalForm.labels
        )
        fields["territory"] = self._territory(verdict)
        directions = self._directions(verdict)
        existing = self._existing(verdict, fields)
        candidate = copy.copy(existing) if existing is not None else Organisation()
        for name, value in fields.items():
            if value is not None:
                setattr(candidate, name, value)
        failed = [name for name, column in FIELD_COLUMNS.items() if verdict.has_error(column)]
        try:
            # The territory was found in the loaded list: checking it again would cost a
            # query per row.
            candidate.full_clean(
                exclude=[*failed, "territory", "directions"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            verdict.add_validation_error(exc, FIELD_COLUMNS)
        verdict.data = {"organisation": existing, "fields": fields, "directions": directions}
        if existing is not None:
            self._changes(verdict, existing, fields, directions)
        if verdict.errors:
            return
        if existing is None:
            verdict.action = Action.CREATE
        elif verdict.changes:
            verdict.action = Action.UPDATE
        else:
            verdict.action = Action.UNCHANGED

    def identity(self, verdict):
        inn = verdict.cells.get("inn")
        if inn:
            return Identity("inn", ("inn", inn), f"ИНН {inn}")
        territory = verdict.data.get("fields", {}).get("territory")
        name = verdict.cells.get("name")
        if name and territory is not None:
            return Identity("name", ("name", name, territory.pk), f"Организация «{name}»")
        return None

    def apply_row(self, verdict):
        data = verdict.data
        if data["organisation"] is None:
            organisation_create(by=self.by, directions=data["directions"] or [], **data["fields"])
        else:
            organisation_update(
                organisation=data["organisation"],
                by=self.by,
                expected_version=None,  # a file has no version: the row is the new state
                directions=data["directions"],
                **data["fields"],
            )

    # --- one cell at a time ------------------------------------------------------------

    def _territory(self, verdict):
        text = verdict.cells.get("territory", "")
        if not text:
            return None
        matches = self.territories.get(normalise_text(text), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            regions = ", ".join(str(t.region) for t in matches)
            verdict.add_error(
                "territory", f"Территория «{text}» есть в нескольких регионах ({regions})."
            )
        else:
            verdict.add_error(
                "territory", f"Территория «{text}» не найдена в справочнике территорий."
            )
        return None

    def _directions(self, verdict) -> list[Direction] | None:
        """The row's directions; None when the file has no such column (keep them as they are)."""
        if "directions" not in verdict.cells:
            return None
        text = verdict.cells["directions"]
        chosen: list[Direction] = []
        for part in text.replace(";", ",").replace(" ", ",").split(","):
            part = part.strip().rstrip(".")
            if not part:
                continue
            if not part.isdigit():
                verdict.add_error(
                    "directions",
                    f"«{part}» — не номер направления. Укажите номера через запятую, "
                    "например: 1, 3.",
                )
            elif int(part) not in self.directions:
                verdict.add_error("directions", f"Направления с номером {part} нет.")
            elif self.directions[int(part)] not in chosen:
                chosen.append(self.directions[int(part)])
        return chosen

    def _existing(self, verdict, fields) -> Organisation | None:
        """The directory's organisation this row updates, if any."""
        inn = fields.get("inn")
        if inn:
            return self.by_inn.get(inn)
        territory = fields.get("territory")
        if territory is None or not fields.get("name"):
            return None
        matches = self.by_name.get((fields["name"], territory.pk), [])
        if len(matches) > 1:
            verdict.add_error(
                "name",
                "В справочнике несколько организаций с таким наименованием на этой территории "
                "и без ИНН: укажите ИНН, чтобы было понятно, какую обновить.",
            )
            return None
        return matches[0] if matches else None

    def _changes(self, verdict, existing, fields, directions) -> None:
        """What the row changes in the stored organisation, as the preview shows it (a row
        is never a silent rewrite); moving it to another territory is refused to a role that
        may not (it changes which УСЗН sees the organisation's records)."""
        for name in TEXT_FIELDS:
            if name in fields:
                verdict.add_change(name, getattr(existing, name) or "", fields[name] or "")
        for name, choices in (("kind", OrganisationKind), ("legal_form", LegalForm)):
            if fields.get(name) is not None:
                old, new = getattr(existing, name), fields[name]
                verdict.add_change(name, _label(choices, old), _label(choices, new))
        territory = fields.get("territory")
        if territory is not None and territory.pk != existing.territory_id:
            old_name = self.territory_names.get(existing.territory_id, "")
            verdict.add_change("territory", old_name, territory.name)
            if not self.may_change_territory:
                verdict.add_error(
                    "territory",
                    f"Организация «{existing.name}» относится к территории «{old_name}», "
                    f"в файле — «{territory.name}». Перенести организацию на другую "
                    "территорию может только Департамент или администратор: от территории "
                    "зависит, кто видит её записи. Исправьте территорию в файле.",
                )
        if directions is not None:
            stored = sorted(d.number for d in existing.directions.all())
            loaded = sorted(d.number for d in directions)
            verdict.add_change(
                "directions", ", ".join(map(str, stored)), ", ".join(map(str, loaded))
            )


def _label(choices, value: str) -> str:
    """A choice's label as the user sees it («Государственное учреждение»)."""
    return dict(choices.choices).get(value, value or "")
