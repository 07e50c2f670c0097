"""REG-4: the registry of legal acts loaded from Excel."""

from __future__ import annotations

from resurs.coordination.registries import services
from resurs.coordination.registries.importers.common import (
    COMMON_COLUMNS,
    RecordImporter,
    _labels,
    _norm,
)
from resurs.coordination.registries.models import (
    ActKind,
    ActLevel,
    ActStatus,
    LegalAct,
)
from resurs.kernel.exchange.importers import (
    Column,
)

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
