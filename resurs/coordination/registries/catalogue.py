"""The registries of a resource centre, described once: the pages, the export and the index
are built from these descriptions (SPEC §2: every registry has search, filters, card, files,
history, public flag, XLSX export and import)."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from resurs.coordination.registries import forms, selectors, services
from resurs.coordination.registries.models import (
    Article,
    LegalAct,
    Participant,
    SocialPractice,
    Technology,
)


def _date(value):
    """A date cell (the XLSX writer gives it the ДД.ММ.ГГГГ format), blank when there is none."""
    return value or None


def _yes(value: bool) -> str:
    return "да" if value else "нет"


def _direction(record) -> str:
    """«2. Название»: the number the importer reads back, and the name a reader needs."""
    return str(record.direction) if record.direction_id else ""


@dataclass(frozen=True)
class Registry:
    slug: str  # URL part and URL-name prefix: registries:<slug>_list
    spec_item: str  # REG-1 …
    title: str  # «Реестр участников»
    description: str  # one line on the index page
    model: type
    form: type
    filter_form: type
    selector: Callable
    create: Callable  # services.<x>_create(by=…, **fields)
    update: Callable  # (by, record, expected_version, fields) -> record
    add_label: str  # «Добавить участника»
    empty_hint: str
    importer: str  # the importer's name in exchange
    export_columns: Sequence[tuple[str, int]]
    export_row: Callable[[Any], Sequence]  # one record -> one row of the export
    # (who, the filtered list) -> the rows; by default one row per record.
    export_rows: Callable | None = None

    def rows_for_export(self, who, queryset) -> Iterable[Sequence]:
        if self.export_rows is not None:
            return self.export_rows(who, queryset)
        return (self.export_row(record) for record in queryset.iterator(chunk_size=2000))

    @property
    def verbose_name(self) -> str:
        return self.model._meta.verbose_name


PARTICIPANTS = Registry(
    slug="participants",
    spec_item="REG-1",
    title="Реестр участников",
    description="Поставщики социальных услуг (государственные и негосударственные), социальные "
    "партнёры и добровольцы, участвующие в направлении.",
    model=Participant,
    form=forms.ParticipantForm,
    filter_form=forms.ParticipantFilterForm,
    selector=selectors.participants_visible_to,
    create=services.participant_create,
    update=lambda by, record, version, fields: services.participant_update(
        by=by, participant=record, expected_version=version, **fields
    ),
    add_label="Добавить участника",
    empty_hint="Добавьте участника кнопкой «Добавить участника» или загрузите реестр из Excel.",
    importer="registry_participants",
    export_columns=(
        ("Участник (полное наименование)", 60),
        ("ИНН участника", 14),
        ("Категория", 34),
        ("Форма участия", 40),
        ("Дата включения", 14),
        ("Номер соглашения", 16),
        ("Дата соглашения", 14),
        ("Статус", 16),
        ("Дата выхода", 14),
        ("Направление", 12),
        ("Ведёт реестр", 50),
        ("Территория участника", 22),
        ("Публикуется", 12),
        ("Внесено в реестр", 14),
        ("Примечание", 40),
    ),  # fmt: skip
    export_row=lambda p: (
        p.organisation.name,
        p.organisation.inn,
        p.get_category_display(),
        p.participation_form,
        _date(p.joined_on),
        p.agreement_number,
        _date(p.agreement_date),
        p.get_status_display(),
        _date(p.left_on),
        _direction(p),
        p.owner.name,
        str(p.organisation.territory),
        _yes(p.is_public),
        _date(p.registered_on),
        p.note,
    ),  # fmt: skip
)

LEGAL_ACTS = Registry(
    slug="acts",
    spec_item="REG-4",
    title="Реестр нормативных правовых актов",
    description="Федеральные, региональные, муниципальные и локальные акты: номер, дата, "
    "статус (действует / утратил силу), ссылка.",
    model=LegalAct,
    form=forms.LegalActForm,
    filter_form=forms.LegalActFilterForm,
    selector=selectors.legal_acts_visible_to,
    create=services.legal_act_create,
    update=lambda by, record, version, fields: services.legal_act_update(
        by=by, act=record, expected_version=version, **fields
    ),
    add_label="Добавить акт",
    empty_hint="Добавьте акт кнопкой «Добавить акт» или загрузите реестр из Excel.",
    importer="registry_legal_acts",
    export_columns=(
        ("Уровень", 16),
        ("Вид акта", 16),
        ("Номер", 14),
        ("Дата", 12),
        ("Наименование", 70),
        ("Кем принят", 30),
        ("Статус", 14),
        ("Утратил силу с", 14),
        ("Ссылка", 40),
        ("Направление", 12),
        ("Ведёт реестр", 50),
        ("Публикуется", 12),
        ("Внесено в реестр", 14),
        ("Примечание", 40),
    ),  # fmt: skip
    export_row=lambda a: (
        a.get_level_display(),
        a.get_kind_display(),
        a.number,
        _date(a.adopted_on),
        a.title,
        a.issuer,
        a.get_status_display(),
        _date(a.repealed_on),
        a.url,
        _direction(a),
        a.owner.name,
        _yes(a.is_public),
        _date(a.registered_on),
        a.note,
    ),  # fmt: skip
)

TECHNOLOGIES = Registry(
    slug="technologies",
    spec_item="REG-5",
    title="Реестр инновационных технологий и методик",
    description="Технологии и методики, применяемые поставщиками направления: автор, целевая "
    "группа, год внедрения, где применяются.",
    model=Technology,
    form=forms.TechnologyForm,
    filter_form=forms.TechnologyFilterForm,
    selector=selectors.technologies_visible_to,
    create=services.technology_create,
    update=lambda by, record, version, fields: services.technology_update(
        by=by, technology=record, expected_version=version, **fields
    ),
    add_label="Добавить технологию",
    empty_hint="Добавьте технологию кнопкой «Добавить технологию» или загрузите реестр из Excel.",
    importer="registry_technologies",
    export_columns=(
        ("Наименование", 50),
        ("Описание", 60),
        ("Организация-автор", 50),
        ("ИНН организации-автора", 14),
        ("Целевая группа", 40),
        ("Год внедрения", 10),
        ("Где применяется", 40),
        ("Статус", 16),
        ("Направление", 12),
        ("Ведёт реестр", 50),
        ("Публикуется", 12),
        ("Внесено в реестр", 14),
        ("Примечание", 40),
    ),  # fmt: skip
    export_row=lambda t: (
        t.title,
        t.description,
        t.author_organisation.name if t.author_organisation else "",
        t.author_organisation.inn if t.author_organisation else "",
        t.target_group,
        t.introduced_year or "",
        t.used_where,
        t.get_status_display(),
        _direction(t),
        t.owner.name,
        _yes(t.is_public),
        _date(t.registered_on),
        t.note,
    ),  # fmt: skip
)

ARTICLES = Registry(
    slug="articles",
    spec_item="REG-5",
    title="Реестр статей «Из опыта работы»",
    description="Статьи специалистов из опыта работы: авторы, издание, дата, ссылка.",
    model=Article,
    form=forms.ArticleForm,
    filter_form=forms.ArticleFilterForm,
    selector=selectors.articles_visible_to,
    create=services.article_create,
    update=lambda by, record, version, fields: services.article_update(
        by=by, article=record, expected_version=version, **fields
    ),
    add_label="Добавить статью",
    empty_hint="Добавьте статью кнопкой «Добавить статью» или загрузите реестр из Excel.",
    importer="registry_articles",
    export_columns=(
        ("Название", 60),
        ("Авторы", 40),
        ("Организация авторов", 50),
        ("ИНН организации авторов", 14),
        ("Где опубликована", 50),
        ("Дата публикации", 14),
        ("Ссылка", 40),
        ("Направление", 12),
        ("Ведёт реестр", 50),
        ("Публикуется", 12),
        ("Внесено в реестр", 14),
        ("Примечание", 40),
    ),  # fmt: skip
    export_row=lambda a: (
        a.title,
        a.authors,
        a.organisation.name if a.organisation else "",
        a.organisation.inn if a.organisation else "",
        a.publication,
        _date(a.published_on),
        a.url,
        _direction(a),
        a.owner.name,
        _yes(a.is_public),
        _date(a.registered_on),
        a.note,
    ),  # fmt: skip
)

PRACTICES = Registry(
    slug="practices",
    spec_item="REG-6",
    title="Матрица внедрения социальных практик",
    description="Социальные практики × учреждения: статус внедрения и дата начала в каждом "
    "учреждении.",
    model=SocialPractice,
    form=forms.SocialPracticeForm,
    filter_form=forms.PracticeFilterForm,
    selector=selectors.practices_visible_to,
    create=services.practice_create,
    update=lambda by, record, version, fields: services.practice_update(
        by=by, practice=record, expected_version=version, **fields
    ),
    add_label="Добавить практику",
    empty_hint="Добавьте практику кнопкой «Добавить практику» или загрузите матрицу из Excel.",
    importer="registry_practices",
    # The practices are exported cell by cell, in the layout the importer reads back.
    export_columns=(
        ("№ практики", 10),
        ("Практика", 60),
        ("Учреждение (полное наименование)", 60),
        ("ИНН учреждения", 14),
        ("Территория учреждения", 22),
        ("Статус", 16),
        ("Дата начала", 14),
        ("Примечание к ячейке", 30),
        ("Направление", 12),
        ("Программа", 50),
        ("Ведёт матрицу", 50),
    ),  # fmt: skip
    export_row=lambda c: (
        c.practice.number,
        c.practice.title,
        c.institution.name,
        c.institution.inn,
        str(c.institution.territory),
        c.get_status_display(),
        _date(c.started_on),
        c.note,
        _direction(c.practice),
        c.practice.programme,
        c.practice.owner.name,
    ),  # fmt: skip
    export_rows=lambda who, practices: (
        PRACTICES.export_row(cell)
        for cell in selectors.practice_cells_visible_to(who)
        .filter(practice__in=practices.values("pk"))
        .select_related("practice__owner", "practice__direction")
        .order_by(
            "practice__owner__name",
            "practice__number",
            "practice__title",
            "institution__name",
            "id",
        )
        .iterator(chunk_size=2000)
    ),  # fmt: skip
)

REGISTRIES = (PARTICIPANTS, LEGAL_ACTS, TECHNOLOGIES, ARTICLES, PRACTICES)
BY_SLUG = {r.slug: r for r in REGISTRIES}
BY_MODEL = {r.model: r for r in REGISTRIES}
