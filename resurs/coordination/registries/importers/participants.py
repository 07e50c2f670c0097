"""REG-1: the registry of participants loaded from Excel."""

from __future__ import annotations

from resurs.coordination.registries import services
from resurs.coordination.registries.importers.common import (
    COMMON_COLUMNS,
    PARTICIPANT_CATEGORY_BY_KIND,
    RecordImporter,
    _labels,
)
from resurs.coordination.registries.models import (
    Participant,
    ParticipantCategory,
    ParticipantStatus,
)
from resurs.kernel.exchange.importers import (
    Column,
)


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
