"""MAP-6: a roadmap loaded from the table it already lives in (seed 003 appendix 3, seed 004
appendix 1) — a workbook, a Word table or a tab-separated text, through the importer framework
(`resurs.kernel.exchange.importers`): every row's verdict is shown before anything is saved.

The table: columns «№», «Наименование мероприятия», «Срок реализации», «Ответственные
исполнители», «Ожидаемые результаты» (older headers such as «№ п/п», «Срок исполнения» are
accepted; the last two columns may be absent). Rows are of three kinds:

* a *section row*: the «№» cell holds a title («1. Организационно-методическая деятельность»,
  «Организационные мероприятия»), the other cells are empty or repeat it (a merged row);
* an *item row*: a number in «№» and the measure's cells;
* a *continuation row*: «№» is empty — the item's row was broken by a page break in the
  document, so its cells continue the item above (joined with a space).

Which roadmap: the uploader may choose one of the RC's editable roadmaps (the roadmap page's
«Загрузить из файла» chooses its own). The file's year is the one in the title above the
table («… на 2022 год») or, without one, the single year the timeframes name («1 квартал
2025»); a file whose year is not the chosen roadmap's is refused, never mixed into it. Without
a choice the rows go into the RC's own roadmap of its direction for the file's year — the
existing one if it is a draft (or returned), else a new draft; a file without a year goes into
the RC's only editable roadmap, if it has exactly one. Re-import updates, not duplicates: an
item is identified by its «№» in the roadmap, a section by its title, and the preview shows
every changed field as old → new.

The schedule is understood by the roadmap services (`roadmaps.timeframes` through
``item_create``); the verdict tells it in words. A timeframe the parser does not understand
is no error: the row is loaded and its verdict says «срок не распознан».
"""

import html
import re

from resurs.coordination.roadmaps import permissions
from resurs.coordination.roadmaps.models import Item, Roadmap, RoadmapKind, Section
from resurs.coordination.roadmaps.services import (
    item_create,
    item_update,
    roadmap_create,
    section_create,
)
from resurs.coordination.roadmaps.timeframes import parse_timeframe
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.exchange.importers import (
    REQUIRED_MESSAGE,
    Action,
    Column,
    Identity,
    Importer,
    RowVerdict,
    normalise_text,
)

ITEM_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?$")
SECTION_PREFIX = re.compile(r"^(?:раздел\s+)?(?:[IVXLC]+|\d+)[.)]?\s+", re.IGNORECASE)
YEAR_IN_TITLE = re.compile(r"\b(20\d\d)\s*(?:год|г\.|гг)", re.IGNORECASE)
YEAR_IN_TIMEFRAME = re.compile(r"\b(20\d\d)\b")
DEFAULT_SECTION = "Мероприятия"
DEFAULT_TITLE = "План мероприятий («дорожная карта») на {year} год"
ITEM_FIELDS = {
    "name": "name",
    "timeframe": "timeframe",
    "responsible": "responsible_text",
    "results": "expected_results",
}
CONTINUED = ("name", "timeframe", "responsible", "results")

_BREAK_TAGS = re.compile(r"<\s*(?:br\s*/?|/p|/li|/div|/tr)\s*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """A cell as plain text: HTML left by a conversion (<p>, <li>, <b>) becomes line breaks,
    spaces are folded within each line, empty lines dropped."""
    text = _TAGS.sub(" ", _BREAK_TAGS.sub("\n", text or ""))
    lines = (
        " ".join(html.unescape(line).replace("\xa0", " ").split()) for line in text.split("\n")
    )
    return "\n".join(line for line in lines if line)


def section_title(text: str) -> str:
    """«1. Организационно-методическая деятельность» -> the title without its number."""
    return SECTION_PREFIX.sub("", plain(text).replace("\n", " ")).strip()


def year_of(preamble: list[str]) -> int | None:
    """The plan's year named in the title above the table («… на 2022 год»), the last one."""
    years = YEAR_IN_TITLE.findall(" ".join(preamble))
    return int(years[-1]) if years else None


def year_of_timeframes(timeframes) -> int | None:
    """The year the timeframes name when they name exactly one («1 квартал 2025»)."""
    years = {int(y) for text in timeframes for y in YEAR_IN_TIMEFRAME.findall(text or "")}
    return years.pop() if len(years) == 1 else None


def title_of(preamble: list[str], year: int) -> str:
    """A new roadmap's title: the title above the table, or the standard one."""
    title = " ".join(plain(line.replace("*", "")) for line in preamble).strip()
    return (title or DEFAULT_TITLE.format(year=year))[:1000]


class RoadmapImporter(Importer):
    name = "roadmap"
    title = "Дорожная карта"
    description = (
        "План мероприятий ресурсного центра из таблицы (Excel, Word или текст с табуляцией): "
        "столбцы «№», «Наименование мероприятия», «Срок реализации», «Ответственные "
        "исполнители», «Ожидаемые результаты»; строки разделов — название раздела в столбце "
        "«№». Строки попадают в выбранную дорожную карту (со страницы дорожной карты — в неё) "
        "или, без выбора, в черновик вашего направления на год из заголовка над таблицей "
        "(«… на 2022 год») или из сроков, либо в новую. Файл другого года в выбранную "
        "дорожную карту не загружается. Мероприятие с тем же № обновляется, изменения "
        "показываются до сохранения. Нераспознанный срок не ошибка: его график задаётся вручную."
    )
    roles = frozenset({Role.RESOURCE_CENTRE})
    formats = ("xlsx", "docx", "text")
    max_rows = 2000
    columns = (
        Column("number", "№", 8, required=True, aliases=("№ п/п", "№ п.п.", "N", "No", "Номер")),
        Column(
            "name",
            "Наименование мероприятия",
            60,
            required=True,
            aliases=("Мероприятие", "Наименование", "Мероприятия"),
        ),
        Column(
            "timeframe",
            "Срок реализации",
            24,
            required=True,
            aliases=("Срок исполнения", "Сроки реализации", "Сроки исполнения", "Срок"),
            hint="Как в плане: «1 квартал», «ежеквартально», «в течение года», «октябрь-декабрь».",
        ),
        Column(
            "responsible",
            "Ответственные исполнители",
            40,
            aliases=("Ответственный исполнитель", "Ответственные", "Исполнители"),
        ),
        Column("results", "Ожидаемые результаты", 50, aliases=("Ожидаемый результат", "Результат")),
    )
    action_labels = {
        Action.CREATE: "будет добавлено",
        Action.UPDATE: "будет обновлено",
        Action.UNCHANGED: "без изменений",
    }
    applied_labels = {
        Action.CREATE: "добавлено",
        Action.UPDATE: "обновлено",
        Action.UNCHANGED: "без изменений",
    }

    # --- which roadmap ----------------------------------------------------------------------

    @staticmethod
    def _own(scope):
        return Roadmap.objects.visible_to(scope).filter(
            organisation_id=scope.organisation_id,
            direction_id=scope.direction_id,
            kind=RoadmapKind.RC_ROADMAP,
        )

    @classmethod
    def targets(cls, who) -> list[tuple[str, str]]:
        """The RC's editable roadmaps; by default the file's year decides."""
        scope = scope_of(who)
        if scope is None:
            return []
        editable = [r for r in cls._own(scope).order_by("-year", "id") if r.is_editable]
        return [("", "По году в заголовке файла (или новая дорожная карта)")] + [
            (str(r.pk), f"{r.title} — {r.year} год, {r.get_state_display()}") for r in editable
        ]

    def _file_year(self, verdicts) -> int | None:
        preamble = getattr(self.table, "preamble", [])
        return year_of(preamble) or year_of_timeframes(
            plain(v.cells.get("timeframe", "")) for v in verdicts
        )

    def _resolve_roadmap(self, verdicts) -> None:
        """Sets ``roadmap`` (None: a new one will be made), ``year`` and ``refusal``."""
        scope = scope_of(self.by)
        self.roadmap, self.refusal = None, ""
        preamble = getattr(self.table, "preamble", [])
        file_year = self._file_year(verdicts)
        self.year = file_year
        self.new_title = title_of(preamble, self.year or 0)
        own = self._own(scope)
        if self.target:
            self.roadmap = own.filter(pk=self.target).first()
            if self.roadmap is None:
                self.refusal = "Выбранная дорожная карта вам недоступна."
                return
            if file_year is not None and file_year != self.roadmap.year:
                self.refusal = (
                    f"В файле план на {file_year} год, а выбрана дорожная карта на "
                    f"{self.roadmap.year} год: строки разных лет не смешиваются. Выберите "
                    f"дорожную карту на {file_year} год (или загрузите без выбора — будет "
                    "создан черновик этого года) либо исправьте год в файле."
                )
                return
            self.year = self.roadmap.year
        elif self.year is None:
            editable = [r for r in own if r.is_editable]
            if len(editable) != 1:
                self.refusal = (
                    "В файле не указан год плана (ни в заголовке над таблицей, например "
                    "«План мероприятий («дорожная карта») на 2022 год», ни в сроках), а "
                    f"черновиков дорожной карты у вас {'нет' if not editable else 'несколько'}: "
                    "выберите дорожную карту в форме загрузки или допишите год в заголовок."
                )
                return
            self.roadmap = editable[0]
            self.year = self.roadmap.year
        else:
            self.roadmap = own.filter(year=self.year).first()
        if self.roadmap is None:
            if not permissions.can_create(scope):
                self.refusal = "Вашей роли недоступно создание дорожной карты."
        elif not self.roadmap.is_editable:
            self.refusal = (
                f"Дорожная карта на {self.year} год «{self.roadmap.get_state_display()}»: "
                "загрузить в неё нельзя. Изменения вносятся в черновик или в возвращённую "
                "на доработку дорожную карту."
            )
        elif not permissions.can_edit_plan(scope, self.roadmap):
            self.refusal = "Изменять эту дорожную карту может только её владелец."

    @property
    def target_text(self) -> str:
        if self.roadmap is None:
            return f"в новую дорожную карту на {self.year} год"
        return f"в дорожную карту «{self.roadmap.title}» на {self.year} год"

    # --- the rows ---------------------------------------------------------------------------

    def prepare(self, verdicts):
        """Tell section, item and continuation rows apart; join broken rows; find the
        roadmap and what it already has."""
        self._resolve_roadmap(verdicts)
        self.sections: dict[str, Section] = {}
        self.items: dict[int, Item] = {}
        if self.roadmap is not None:
            for section in self.roadmap.sections.all():
                self.sections.setdefault(normalise_text(section.title), section)
            for item in Item.objects.filter(section__roadmap=self.roadmap).select_related(
                "section"
            ):
                self.items[item.number] = item
        section_key = None
        previous_item = None
        for verdict in verdicts:
            cells = {key: plain(value) for key, value in verdict.cells.items()}
            number = cells.get("number", "")
            others = [cells.get(key, "") for key in CONTINUED if cells.get(key, "")]
            if number and not ITEM_NUMBER.match(number):
                if all(value == number for value in others):  # a section row, maybe merged
                    section_key = self._section_row(verdict, section_title(number))
                    previous_item = None
                    continue
            elif not number and previous_item is not None:
                for key in CONTINUED:
                    if cells.get(key):
                        previous_item.cells[key] = " ".join(
                            filter(None, [previous_item.cells.get(key, ""), cells[key]])
                        )
                verdict.data = {"kind": "continuation"}
                verdict.label = f"продолжение строки {previous_item.row} (перенос таблицы)"
                verdict.errors = []
                continue
            elif not number and len(others) == 1 and cells.get("name"):
                section_key = self._section_row(verdict, section_title(cells["name"]))
                continue
            verdict.cells = cells
            verdict.data = {"kind": "item", "section": section_key}
            previous_item = verdict

    def _section_row(self, verdict: RowVerdict, title: str) -> str:
        verdict.errors = [e for e in verdict.errors if e[1] != REQUIRED_MESSAGE]
        key = normalise_text(title)
        verdict.data = {"kind": "section", "title": title, "key": key}
        return key

    def check_row(self, verdict):
        if self.refusal:
            if verdict.row == self.table.rows[0][0]:
                verdict.add_error("", self.refusal)
            return
        kind = verdict.data.get("kind")
        if kind == "continuation":
            verdict.action = Action.UNCHANGED
        elif kind == "section":
            title = verdict.data["title"]
            verdict.label = f"Раздел «{title}»"
            if len(title) > Section._meta.get_field("title").max_length:
                verdict.add_error("number", "Название раздела длиннее 500 знаков.")
            new = verdict.data["key"] not in self.sections
            verdict.action = Action.CREATE if new else Action.UNCHANGED
            if verdict.row == self.table.rows[0][0]:
                verdict.label += f" — {self.target_text}"
        elif kind == "item":
            self._check_item(verdict)
            if verdict.row == self.table.rows[0][0]:  # the preview says where the rows go
                verdict.label += f" — {self.target_text}"

    def _check_item(self, verdict: RowVerdict) -> None:
        cells = verdict.cells
        number = cells.get("number", "").rstrip(".")
        values = {field: cells.get(key, "") for key, field in ITEM_FIELDS.items()}
        verdict.data.update(number=number, values=values)
        if number and not ITEM_NUMBER.match(cells.get("number", "")):
            verdict.add_error(
                "number",
                "В столбце «№» — номер мероприятия (1, 2, …) или, в строке раздела, только "
                "название раздела при пустых остальных ячейках.",
            )
            return
        if len(values["timeframe"]) > Item._meta.get_field("timeframe").max_length:
            verdict.add_error("timeframe", "Срок реализации длиннее 500 знаков.")
        if not values["name"] or not values["timeframe"]:
            return  # the framework has said «Обязательное поле.»
        schedule = parse_timeframe(values["timeframe"], year=self.year)
        when = (
            schedule.label
            if schedule.recognised
            else "срок не распознан: график задаётся вручную после загрузки"
        )
        verdict.label = f"№ {number}. {values['name'][:100]} — {when}"
        existing = self.items.get(int(number)) if number.isdigit() else None
        verdict.data["item"] = existing
        if existing is None:
            verdict.action = Action.CREATE
            return
        for key, field_name in ITEM_FIELDS.items():
            verdict.add_change(key, getattr(existing, field_name) or "", values[field_name])
        verdict.action = Action.UPDATE if verdict.changes else Action.UNCHANGED

    def identity(self, verdict):
        number = verdict.data.get("number")
        if verdict.data.get("kind") == "item" and number:
            return Identity("number", ("item", number), f"Мероприятие № {number}")
        if verdict.data.get("kind") == "section":
            return Identity("number", ("section", verdict.data["key"]), "Раздел")
        return None

    # --- saving -----------------------------------------------------------------------------

    def _target(self) -> Roadmap:
        if self.roadmap is None:
            self.roadmap = roadmap_create(
                by=self.by,
                organisation=self.by.organisation,
                direction=self.by.direction,
                year=self.year,
                title=self.new_title,
            )
        return self.roadmap

    def _section(self, key: str | None) -> Section:
        key = key or normalise_text(DEFAULT_SECTION)
        if key not in self.sections:
            self.sections[key] = section_create(
                by=self.by, roadmap=self._target(), title=DEFAULT_SECTION
            )
        return self.sections[key]

    def apply_row(self, verdict):
        kind = verdict.data["kind"]
        if kind == "section":
            self.sections[verdict.data["key"]] = section_create(
                by=self.by, roadmap=self._target(), title=verdict.data["title"]
            )
        elif kind == "item":
            values = verdict.data["values"]
            existing = verdict.data.get("item")
            if existing is None:
                item_create(by=self.by, section=self._section(verdict.data["section"]), **values)
            else:
                changed = {f: v for f, v in values.items() if getattr(existing, f) != v}
                item_update(by=self.by, item=existing, expected_version=None, **changed)
