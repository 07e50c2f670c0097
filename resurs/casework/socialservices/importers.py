"""SOC-11 / X-4: the regional catalogue of social services loaded from Excel.

A row is a service by its code: a code already in the list is an update (the preview lists
what changes, stored → file), an unknown one is added. Kinds and forms are written by their
Russian names (as the template's hints list them). A tariff in a row is a *new* tariff from
its date: a tariff already set on that date with the same price changes nothing, with
another price the row is an error — a set tariff is never rewritten, a new price needs a
new date. Rows are saved through `services_catalogue` (the same checks and audit as the
pages), all rows or none.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from resurs.casework.socialservices import permissions
from resurs.casework.socialservices.models import Service, ServiceForm, ServiceKind, Tariff
from resurs.casework.socialservices.services_catalogue import (
    SERVICE_FIELDS,
    check_price,
    check_tariff_date,
    normalise_code,
    service_create,
    service_update,
    tariff_set,
)
from resurs.kernel.exchange import cells as parse
from resurs.kernel.exchange.importers import Action, Column, Identity, Importer, RowVerdict
from resurs.kernel.writes.errors import DomainError

# Other ways the kinds and forms are written in regional lists (the singular, the short one).
KIND_SPELLINGS = {
    "социально-бытовая": ServiceKind.HOUSEHOLD,
    "социально-медицинская": ServiceKind.MEDICAL,
    "социально-психологическая": ServiceKind.PSYCHOLOGICAL,
    "социально-педагогическая": ServiceKind.PEDAGOGICAL,
    "социально-трудовая": ServiceKind.LABOUR,
    "социально-правовая": ServiceKind.LEGAL,
    "коммуникативные": ServiceKind.COMMUNICATION,
    "срочные": ServiceKind.URGENT,
    "срочная": ServiceKind.URGENT,
    "срочная социальная услуга": ServiceKind.URGENT,
    "дополнительные": ServiceKind.ADDITIONAL,
    "дополнительная": ServiceKind.ADDITIONAL,
}
FORM_SPELLINGS = {
    "на дому": ServiceForm.HOME,
    "социальное обслуживание на дому": ServiceForm.HOME,
    "полустационарная": ServiceForm.SEMI_STATIONARY,
    "полустационарная форма": ServiceForm.SEMI_STATIONARY,
    "стационарная": ServiceForm.STATIONARY,
    "стационарная форма": ServiceForm.STATIONARY,
    "срочные": ServiceForm.URGENT,
    "срочная": ServiceForm.URGENT,
    "дополнительные": ServiceForm.ADDITIONAL,
    "дополнительная": ServiceForm.ADDITIONAL,
}
CODE_LENGTH = 20  # Service.code
TEXT_COLUMNS = ("name", "measure_unit", "egisso_code", "order_ref")
YES_NO_COLUMNS = ("is_paid", "allows_anonymous", "is_active")
DEFAULTS = {"measure_unit": "услуга", "is_paid": False, "allows_anonymous": False}
# Which column shows a model field's error.
FIELD_COLUMNS = {name: name for name in SERVICE_FIELDS} | {
    "price": "tariff",
    "valid_from": "tariff_from",
}


class ServiceImporter(Importer):
    name = "social-services"
    title = "Перечень социальных услуг"
    description = (
        "Региональный перечень социальных услуг с кодами. Услуга, код которой уже есть в "
        "перечне, обновляется (до сохранения видно, что изменится: было → станет); остальные "
        "добавляются. Вид и форму обслуживания пишите словами, как в подсказках шаблона. "
        "Тариф с датой начала добавляется как новый тариф: установленный тариф не "
        "переписывается, для новой цены укажите новую дату."
    )
    roles = permissions.CATALOGUE_EDIT_ROLES
    columns = (
        Column("code", "Код услуги", 12, required=True, hint="Например: СБ-01."),
        Column("name", "Наименование услуги", 60, required=True, aliases=("Наименование",)),
        Column(
            "kind",
            "Вид услуги",
            30,
            required=True,
            hint="Одно из: " + "; ".join(str(label) for label in ServiceKind.labels) + ".",
        ),
        Column(
            "form",
            "Форма социального обслуживания",
            34,
            required=True,
            aliases=("Форма обслуживания",),
            hint="Одно из: " + "; ".join(str(label) for label in ServiceForm.labels) + ".",
        ),
        Column("measure_unit", "Единица измерения", 16, hint="По умолчанию — «услуга»."),
        Column("is_paid", "Платная", 10, hint="«да» или «нет»; по умолчанию — нет."),
        Column(
            "allows_anonymous",
            "Может оказываться анонимно",
            14,
            hint="«да» — например, консультация по телефону; по умолчанию — нет.",
        ),
        Column("egisso_code", "Локальный код меры ЕГИССО", 20),
        Column("order_ref", "Приказ, которым установлена", 36),
        Column("is_active", "Действует", 10, hint="«нет» исключает услугу из перечня."),
        Column("tariff", "Тариф, руб.", 12, hint="Цена единицы услуги, например 35,55."),
        Column("tariff_from", "Тариф действует с", 14, hint="ДД.ММ.ГГГГ."),
        Column("tariff_order", "Приказ о тарифе", 36),
    )

    def prepare(self, verdicts):
        self.kinds = parse.choice_values(ServiceKind.choices, KIND_SPELLINGS)
        self.forms = parse.choice_values(ServiceForm.choices, FORM_SPELLINGS)
        codes = {normalise_code(v.cells["code"]) for v in verdicts if v.cells.get("code")}
        # Codes are unique whatever their case: «сб-01» in a file is the list's «СБ-01».
        self.services = {
            service.code.upper(): service for service in Service.objects.filter(code__in=codes)
        }
        self.tariffs = {
            (tariff.service_id, tariff.valid_from): tariff
            for tariff in Tariff.objects.filter(service__in=self.services.values())
        }

    def check_row(self, verdict: RowVerdict) -> None:
        cells = verdict.cells
        code = normalise_code(cells.get("code", ""))
        verdict.label = f"{code} {cells.get('name', '')}".strip()
        if len(code) > CODE_LENGTH:
            verdict.add_error("code", f"Код услуги длиннее {CODE_LENGTH} знаков.")
        existing = self.services.get(code)
        fields: dict = {"code": code}
        for name in TEXT_COLUMNS:
            if name in cells and (cells[name] or existing is None):
                fields[name] = " ".join(cells[name].split())
        fields["kind"] = parse.choice(verdict, "kind", self.kinds, ServiceKind.labels)
        fields["form"] = parse.choice(verdict, "form", self.forms, ServiceForm.labels)
        for name in YES_NO_COLUMNS:
            answer = parse.yes_no(verdict, name, blank=None)
            if answer is not None:
                fields[name] = answer
        if existing is None:
            for name, default in DEFAULTS.items():
                if fields.get(name) in (None, ""):
                    fields[name] = default
        tariff = self._tariff(verdict, existing)
        self._validate(verdict, existing, fields)
        verdict.data = {"service": existing, "fields": fields, "tariff": tariff}
        if existing is not None:
            self._changes(verdict, existing, fields, tariff)
        if verdict.errors:
            return
        if existing is None:
            verdict.action = Action.CREATE
        elif verdict.changes:
            verdict.action = Action.UPDATE
        else:
            verdict.action = Action.UNCHANGED

    def identity(self, verdict):
        code = normalise_code(verdict.cells.get("code", ""))
        return Identity("code", ("code", code), f"Код услуги «{code}»") if code else None

    def apply_row(self, verdict):
        data = verdict.data
        fields = {k: v for k, v in data["fields"].items() if v is not None}
        service = data["service"]
        if service is None:
            service = service_create(by=self.by, **fields)
        else:
            changed = {key for key, _old, _new in verdict.changes}
            updates = {k: v for k, v in fields.items() if k in changed}
            if updates:
                service_update(
                    by=self.by,
                    service=service,
                    expected_version=None,  # a file has no version: the row is the new state
                    **updates,
                )
        tariff = data["tariff"]
        if tariff is not None and tariff["new"]:
            tariff_set(
                by=self.by,
                service=service,
                valid_from=tariff["valid_from"],
                price=tariff["price"],
                order_ref=tariff["order_ref"],
            )

    # --- one cell at a time ------------------------------------------------------------

    def _tariff(self, verdict: RowVerdict, existing: Service | None) -> dict | None:
        """The row's tariff: None when the row gives none, ``new`` False when that very
        tariff is already set."""
        text = verdict.cells.get("tariff", "").strip()
        day = parse.date(verdict, "tariff_from")
        if not text and day is None:
            stray = verdict.cells.get("tariff_from") or verdict.cells.get("tariff_order")
            if stray and not verdict.has_error("tariff_from"):
                verdict.add_error("tariff", "Укажите тариф или очистите дату и приказ тарифа.")
            return None
        price = None
        if text:
            try:
                price = check_price(text)
            except DomainError as exc:
                verdict.add_error("tariff", str(exc))
        elif not verdict.has_error("tariff_from"):
            verdict.add_error("tariff", "Укажите тариф, действующий с этой даты.")
        if day is None:
            if not verdict.has_error("tariff_from"):
                verdict.add_error("tariff_from", "Укажите, с какого дня действует тариф.")
            return None
        try:
            check_tariff_date(day)
        except DomainError as exc:
            verdict.add_error("tariff_from", str(exc))
            return None
        if price is None:
            return None
        stored = self.tariffs.get((existing.pk, day)) if existing is not None else None
        if stored is not None and stored.price != price:
            verdict.add_error(
                "tariff",
                f"Тариф с {day:%d.%m.%Y} уже установлен ({_money(stored.price)} руб.): "
                "установленный тариф не переписывается — для новой цены укажите новую дату.",
            )
            return None
        return {
            "valid_from": day,
            "price": price,
            "order_ref": " ".join(verdict.cells.get("tariff_order", "").split()),
            "new": stored is None,
        }

    def _validate(self, verdict: RowVerdict, existing: Service | None, fields: dict) -> None:
        candidate = Service() if existing is None else Service(pk=existing.pk)
        if existing is not None:
            for name in SERVICE_FIELDS:
                setattr(candidate, name, getattr(existing, name))
        for name, value in fields.items():
            if value is not None:
                setattr(candidate, name, value)
        failed = [name for name, column in FIELD_COLUMNS.items() if verdict.has_error(column)]
        try:
            candidate.full_clean(exclude=failed, validate_unique=False)
        except ValidationError as exc:
            verdict.add_validation_error(exc, FIELD_COLUMNS)

    def _changes(self, verdict, existing: Service, fields: dict, tariff: dict | None) -> None:
        """What the row changes in the stored service, as the preview shows it."""
        for name in SERVICE_FIELDS:
            value = fields.get(name)
            if value is None:
                continue
            model_field = Service._meta.get_field(name)
            verdict.add_change(
                name,
                parse.shown(model_field, getattr(existing, name)),
                parse.shown(model_field, value),
            )
        if tariff is not None and tariff["new"]:
            verdict.add_change(
                "tariff",
                "",
                f"{_money(tariff['price'])} руб. с {tariff['valid_from']:%d.%m.%Y} (новый тариф)",
            )


def _money(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")
