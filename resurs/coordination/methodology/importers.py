"""REG-2 / REG-3 / X-4: the registries of methodological products and best practices
loaded from Excel through the importer framework (``resurs.kernel.exchange.importers``).

A row is the same record as one already in the registry when its natural key matches:
a product — the resource centre keeping it, its title and year; a practice — the proposing
organisation and its title. Such a row updates the record (through the same service as the
edit form, so a product under review cannot be changed), any other row adds a draft. The
registries' own exports load back: their extra columns are ignored.
"""

import copy

from resurs.coordination.methodology import permissions, selectors
from resurs.coordination.methodology.models import Practice, Product, ProductKind
from resurs.coordination.methodology.services import practices, products
from resurs.kernel.accounts.roles import Role
from resurs.kernel.exchange import cells
from resurs.kernel.exchange.importers import Action, Column, Identity, RowVerdict
from resurs.kernel.organisations.importing import OrganisationRowImporter

PUBLIC_HINT = (
    "«да» — показывать в открытом разделе ресурсного центра; пусто или «нет» — не показывать."
)


class MethodologyImporter(OrganisationRowImporter):
    """What both registries' importers add to the common base: who may load them, their
    plain text columns, the «открытый раздел» cell."""

    roles = permissions.IMPORT_ROLES
    text_fields: tuple[str, ...] = ()

    def _text_fields(self, verdict: RowVerdict) -> dict:
        return {name: verdict.cells[name] for name in self.text_fields if name in verdict.cells}

    @staticmethod
    def _public(verdict: RowVerdict) -> bool | None:
        """None when the file has no such column (the record keeps its value)."""
        return cells.yes_no(verdict, "is_public") if "is_public" in verdict.cells else None


PRODUCT_TEXT = ("annotation", "authors", "target_group", "link")
PRODUCT_COLUMNS = {name: name for name in (*PRODUCT_TEXT, "title", "kind", "year", "is_public")} | {
    "organisation": "organisation",
    "direction": "direction",
    "author_organisation": "author_organisation",
}


class ProductImporter(MethodologyImporter):
    name = "methodology-products"
    title = "Методические продукты"
    description = (
        "Реестр методических продуктов (технологии, программы, проекты, пособия, рекомендации). "
        "Продукт с тем же ресурсным центром, наименованием и годом обновляется (если он в "
        "черновике или возвращён на доработку); остальные добавляются черновиками."
    )
    text_fields = PRODUCT_TEXT
    columns = (
        Column("title", "Наименование", 60, required=True),
        Column("kind", "Вид", 26, required=True, hint="Одно из: " + "; ".join(ProductKind.labels)),
        Column(
            "organisation",
            "Ресурсный центр",
            40,
            required=True,
            hint="Учреждение со статусом ресурсного центра, которое ведёт реестр направления: "
            "полное или краткое наименование, как в справочнике.",
        ),
        Column(
            "direction",
            "Направление",
            14,
            required=True,
            hint="Номер приоритетного направления, например: 8.",
        ),
        Column("year", "Год", 8, required=True, hint="Год разработки, например: 2022."),
        Column(
            "author_organisation",
            "Организация-разработчик",
            40,
            hint="Пусто — сам ресурсный центр (для поставщика — сам поставщик).",
        ),
        Column("authors", "Авторы", 30, hint="Авторы (составители) через запятую."),
        Column("target_group", "Целевая группа", 30),
        Column("annotation", "Аннотация", 60),
        Column("link", "Ссылка", 30, hint="Адрес, по которому материал опубликован."),
        Column("is_public", "Открытый раздел", 12, hint=PUBLIC_HINT),
    )

    def prepare(self, verdicts):
        super().prepare(verdicts)
        self.kinds = cells.choice_values(ProductKind.choices)
        titles = {v.cells["title"] for v in verdicts if v.cells.get("title")}
        # The natural key is unique region-wide, whatever the importer's scope: a record the
        # importer cannot see is still the one the row would collide with.
        self.existing = {
            (p.organisation_id, p.title, p.year): p
            for p in Product.objects.filter(title__in=titles).select_related("direction")
        }
        self.rc_pairs = selectors.rc_pairs(set(self.organisations.by_pk))

    def check_row(self, verdict: RowVerdict) -> None:
        verdict.label = verdict.cells.get("title", "")
        fields = self._text_fields(verdict)
        fields["title"] = verdict.cells.get("title", "")
        fields["kind"] = cells.choice(
            verdict,
            "kind",
            self.kinds,
            ProductKind.labels,
            unknown="Неизвестный вид «{text}». Допустимые: {allowed}",
        )
        organisation = self.organisation(verdict, "organisation")
        direction = self.direction(verdict)
        fields["organisation"] = organisation
        fields["direction"] = direction
        fields["year"] = cells.year(verdict)
        if verdict.cells.get("author_organisation"):
            fields["author_organisation"] = self.organisation(verdict, "author_organisation")
        public = self._public(verdict)
        if public is not None:
            fields["is_public"] = public
        if organisation is not None and direction is not None:
            error = products.rc_owner_error(organisation, direction, rc_pairs=self.rc_pairs)
            if error:
                verdict.add_error("organisation", error)
        if verdict.errors:
            return
        existing = self.existing.get((organisation.pk, fields["title"], fields["year"]))
        if existing is None:
            author = fields.get("author_organisation")
            if author is None:
                author = self.by.organisation if self.scope.role == Role.PROVIDER else organisation
            if not permissions.can_create_product(
                self.scope,
                organisation=organisation,
                direction=direction,
                author_organisation=author,
            ):
                verdict.add_error(
                    "organisation",
                    "Добавлять продукты в реестр этого ресурсного центра вам не разрешено.",
                )
                return
            candidate = Product(**{**fields, "author_organisation": author})
        else:
            if not permissions.can_manage_product(self.scope, existing):
                verdict.add_error(
                    "title",
                    "Продукт с таким наименованием и годом уже есть в реестре этого ресурсного "
                    "центра, и изменять его вам не разрешено.",
                )
                return
            if self.unchanged(existing, fields):
                verdict.data = {"product": existing, "fields": fields}
                verdict.action = Action.UNCHANGED
                return
            if not existing.is_editable:
                verdict.add_error(
                    "title",
                    f"Продукт в состоянии «{existing.get_state_display()}»: изменить его можно "
                    "в черновике или после возврата на доработку.",
                )
                return
            candidate = copy.copy(existing)
            for name, value in fields.items():
                setattr(candidate, name, value)
        self.full_clean_row(
            verdict,
            candidate,
            PRODUCT_COLUMNS,
            exclude=["organisation", "direction", "author_organisation"],
        )
        verdict.data = {"product": existing, "fields": fields}
        if not verdict.errors:
            if existing is not None:
                self.record_changes(verdict, existing, fields, PRODUCT_COLUMNS)
            verdict.action = Action.CREATE if existing is None else Action.UPDATE

    def identity(self, verdict):
        fields = verdict.data.get("fields") or {}
        organisation = fields.get("organisation")
        if organisation is None or not fields.get("title") or not fields.get("year"):
            return None
        return Identity(
            "title",
            ("product", organisation.pk, fields["title"], fields["year"]),
            f"Продукт «{fields['title']}» ({fields['year']})",
        )

    def apply_row(self, verdict):
        data = verdict.data
        if data["product"] is None:
            products.product_create(by=self.by, **data["fields"])
        else:
            products.product_update(
                by=self.by,
                product=data["product"],
                expected_version=None,  # a file has no version: the row is the new state
                **data["fields"],
            )


PRACTICE_TEXT = ("description", "results", "target_group", "link")
PRACTICE_COLUMNS = {name: name for name in (*PRACTICE_TEXT, "title", "year", "is_public")} | {
    "organisation": "organisation",
    "direction": "direction",
}


class PracticeImporter(MethodologyImporter):
    name = "methodology-practices"
    title = "Лучшие практики"
    description = (
        "Реестр лучших практик. Практика той же организации-заявителя с тем же наименованием "
        "обновляется (если она в черновике или не рекомендована); остальные добавляются "
        "черновиками."
    )
    text_fields = PRACTICE_TEXT
    columns = (
        Column("title", "Наименование практики", 60, required=True),
        Column(
            "organisation",
            "Организация-заявитель",
            40,
            required=True,
            hint="Полное или краткое наименование, как в справочнике.",
        ),
        Column(
            "direction",
            "Направление",
            14,
            required=True,
            hint="Номер приоритетного направления, например: 2.",
        ),
        Column("year", "Год", 8, required=True),
        Column("description", "Описание", 60, required=True),
        Column("results", "Результаты", 40),
        Column("target_group", "Целевая группа", 30),
        Column("link", "Ссылка", 30),
        Column("is_public", "Открытый раздел", 12, hint=PUBLIC_HINT),
    )

    def prepare(self, verdicts):
        super().prepare(verdicts)
        titles = {v.cells["title"] for v in verdicts if v.cells.get("title")}
        self.existing = {
            (p.organisation_id, p.title): p for p in Practice.objects.filter(title__in=titles)
        }

    def check_row(self, verdict: RowVerdict) -> None:
        verdict.label = verdict.cells.get("title", "")
        fields = self._text_fields(verdict)
        fields["title"] = verdict.cells.get("title", "")
        organisation = self.organisation(verdict, "organisation")
        fields["organisation"] = organisation
        fields["direction"] = self.direction(verdict)
        fields["year"] = cells.year(verdict)
        public = self._public(verdict)
        if public is not None:
            fields["is_public"] = public
        if verdict.errors:
            return
        existing = self.existing.get((organisation.pk, fields["title"]))
        if existing is None:
            if not permissions.can_create_practice(self.scope, organisation=organisation):
                verdict.add_error(
                    "organisation", "Предложить практику может только сама организация."
                )
                return
            candidate = Practice(**fields)
        else:
            if not permissions.can_manage_practice(self.scope, existing):
                verdict.add_error(
                    "title",
                    "Эта организация уже предложила практику с таким наименованием, и изменять "
                    "её вам не разрешено.",
                )
                return
            if self.unchanged(existing, fields):
                verdict.data = {"practice": existing, "fields": fields}
                verdict.action = Action.UNCHANGED
                return
            if not existing.is_editable:
                verdict.add_error(
                    "title",
                    f"Практика в состоянии «{existing.get_state_display()}»: изменить её можно в "
                    "черновике или после отказа ресурсного центра.",
                )
                return
            candidate = copy.copy(existing)
            for name, value in fields.items():
                setattr(candidate, name, value)
        self.full_clean_row(
            verdict, candidate, PRACTICE_COLUMNS, exclude=["organisation", "direction"]
        )
        verdict.data = {"practice": existing, "fields": fields}
        if not verdict.errors:
            if existing is not None:
                self.record_changes(verdict, existing, fields, PRACTICE_COLUMNS)
            verdict.action = Action.CREATE if existing is None else Action.UPDATE

    def identity(self, verdict):
        fields = verdict.data.get("fields") or {}
        organisation = fields.get("organisation")
        if organisation is None or not fields.get("title"):
            return None
        return Identity(
            "title",
            ("practice", organisation.pk, fields["title"]),
            f"Практика «{fields['title']}»",
        )

    def apply_row(self, verdict):
        data = verdict.data
        if data["practice"] is None:
            practices.practice_create(by=self.by, **data["fields"])
        else:
            practices.practice_update(
                by=self.by, practice=data["practice"], expected_version=None, **data["fields"]
            )
