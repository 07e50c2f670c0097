"""The department's journals (SOC-8; seed 002 §5.1) as views of the data: what each one
lists (a selector), its columns in the seed's layout, the cells of a row, and whom a row is
about (for the access log of an export).

The page and the printed journal share the columns and the cells, so what is printed is
what the user saw, every row of the filter rather than one page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone

from resurs.casework.journals import selectors


def _date(value) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def _datetime(value) -> str:
    return f"{timezone.localtime(value):%d.%m.%Y %H:%M}" if value else ""


def _user(user) -> str:
    return user.get_full_name() or user.username if user else ""


def _subject_name(record) -> str:
    """A record about a person or a family: the person's full name or the family's name."""
    if record.person_id:
        return record.person.full_name
    if record.family_id:
        return record.family.name
    return ""


@dataclass
class Extras:
    """What the cells of one page need beside the rows (read once for the page)."""

    today: datetime.date
    person_groups: dict[int, list[str]] = field(default_factory=dict)
    family_groups: dict[int, list[str]] = field(default_factory=dict)

    def groups(self, person_id, family_id) -> str:
        if person_id:
            return "; ".join(self.person_groups.get(person_id, ()))
        return "; ".join(self.family_groups.get(family_id, ()))


@dataclass(frozen=True)
class Journal:
    key: str
    paragraph: str
    title: str
    columns: Sequence[tuple[str, int]]
    rows: Callable[[Any, selectors.JournalFilter], Any]
    cells: Callable[[Any, Extras], list]
    # (person_id, family_id, holder organisation id, unit id) of a row, for the access log
    subject: Callable[[Any], tuple]
    empty: str
    # "person" / "family" attributes whose target groups the cells show
    groups_of: Callable[[Any], tuple] | None = None
    url: Callable[[Any], str] | None = None

    @property
    def heading(self) -> str:
        return f"{self.title} (п. {self.paragraph})"

    def extras(self, who, records: list, today: datetime.date) -> Extras:
        extras = Extras(today=today)
        if self.groups_of is not None:
            pairs = [self.groups_of(record) for record in records]
            extras.person_groups, extras.family_groups = selectors.target_groups(
                who,
                person_ids={p for p, _f in pairs if p},
                family_ids={f for _p, f in pairs if f},
                today=today,
            )
        return extras


def _held(record) -> tuple:
    return record.person_id, record.family_id, record.organisation_id, record.unit_id


def _about(record) -> tuple:
    holder = record.person if record.person_id else record.family
    return record.person_id, record.family_id, holder.organisation_id, holder.unit_id


def _case_address(case) -> str:
    return case.person.actual_address if case.person_id else case.family.actual_address


REGISTRY = Journal(
    key="registry",
    paragraph="5.1.1",
    title="Журнал учета семей, отдельных категорий граждан, нуждающихся в предоставлении "
    "социальных услуг",
    columns=(
        ("Семья, гражданин", 30),
        ("Целевая группа", 30),
        ("Адрес проживания", 30),
        ("Дата постановки на учет", 13),
        ("Специалист", 22),
        ("Участок", 14),
        ("Снят с учета", 12),
    ),
    rows=selectors.registry,
    cells=lambda case, x: [
        _subject_name(case),
        x.groups(case.person_id, case.family_id),
        _case_address(case),
        _date(case.detected_on),
        _user(case.specialist),
        case.district.name if case.district_id else "",
        _date(case.closed_on),
    ],
    subject=_held,
    groups_of=lambda case: (case.person_id, case.family_id),
    empty="Семьи и граждане появятся здесь, когда по ним будут открыты случаи.",
)

APPEALS = Journal(
    key="appeals",
    paragraph="5.1.4",
    title="Журнал учета обращений граждан",
    columns=(
        ("Номер", 10),
        ("Дата и время", 16),
        ("Форма обращения", 18),
        ("ФИО гражданина", 26),
        ("Суть обращения", 40),
        ("Принял", 22),
        ("Результат", 24),
    ),
    rows=selectors.appeals,
    cells=lambda appeal, x: [
        f"{appeal.number}/{appeal.year}",
        _datetime(appeal.received_at),
        appeal.get_channel_display(),
        "анонимно" if appeal.is_anonymous else (_subject_name(appeal) or "не указан"),
        appeal.subject,
        _user(appeal.taken_by),
        "; ".join(p for p in (appeal.get_result_display(), appeal.result_note) if p),
    ],
    subject=lambda appeal: (
        appeal.person_id,
        appeal.family_id,
        appeal.organisation_id,
        appeal.unit_id,
    ),
    empty="Обращения появятся здесь, когда отделение примет первое обращение.",
)

ACTS = Journal(
    key="acts",
    paragraph="5.1.3",
    title="Акты обследования условий проживания и оценки индивидуальной потребности",
    columns=(
        ("Номер", 10),
        ("Вид акта", 34),
        ("Дата обследования", 13),
        ("Семья, гражданин", 28),
        ("Адрес", 30),
        ("Обследование провёл", 22),
        ("Заключение", 40),
    ),
    rows=selectors.acts,
    cells=lambda act, x: [
        f"{act.number}/{act.year}",
        act.get_kind_display(),
        _date(act.drawn_on),
        _subject_name(act.case),
        act.address,
        _user(act.specialist),
        act.conclusion,
    ],
    subject=lambda act: (
        act.case.person_id,
        act.case.family_id,
        act.case.organisation_id,
        act.case.unit_id,
    ),
    url=lambda act: reverse("journals:act", args=[act.pk]),
    empty="Акты составляются из карточки случая: «Составить акт».",
)

PERSONAL_FILES = Journal(
    key="personal-files",
    paragraph="5.1.7",
    title="Личные дела семей (граждан)",
    columns=(
        ("Номер личного дела", 14),
        ("Семья, гражданин", 32),
        ("Отделение", 30),
        ("Заведено", 12),
        ("Закрыто", 12),
        ("Место хранения", 24),
    ),
    rows=selectors.personal_files,
    cells=lambda row, x: [
        row.number,
        _subject_name(row),
        row.unit.name,
        _date(row.opened_on),
        _date(row.closed_on),
        row.kept_at,
    ],
    subject=_about,
    empty="Личные дела заводятся в карточке гражданина или семьи.",
)

SOCIAL_PASSPORTS = Journal(
    key="social-passports",
    paragraph="5.1.8",
    title="Социальные паспорта семей, отдельных категорий граждан",
    columns=(
        ("Семья, гражданин", 34),
        ("Редакция", 10),
        ("Актуализирован", 14),
        ("Составил", 24),
        ("Состояние", 26),
    ),
    rows=selectors.social_passports,
    cells=lambda row, x: [
        _subject_name(row),
        row.edition,
        _date(row.compiled_on),
        _user(row.author),
        "устарел: не актуализирован более полугода" if row.is_outdated(x.today) else "актуален",
    ],
    subject=_about,
    empty="Социальные паспорта составляются в карточке гражданина или семьи.",
)

DATA_BANK = Journal(
    key="data-bank",
    paragraph="5.1.9",
    title="Банк данных семей, отдельных категорий граждан, состоящих на учете в отделении",
    columns=(
        ("ФИО", 30),
        ("Дата рождения", 13),
        ("Адрес проживания", 32),
        ("Целевая группа", 30),
        ("Участок", 14),
        ("Специалист", 22),
        ("Внесен в банк данных", 13),
    ),
    rows=selectors.data_bank,
    cells=lambda person, x: [
        person.full_name,
        _date(person.birth_date),
        person.actual_address or person.registration_address,
        x.groups(person.pk, None),
        person.district.name if person.district_id else "",
        _user(person.specialist),
        _date(timezone.localtime(person.created_at)),
    ],
    subject=lambda person: (person.pk, None, person.organisation_id, person.unit_id),
    groups_of=lambda person: (person.pk, None),
    empty="Граждане вносятся в банк данных при приеме обращения или выявлении проблемы.",
)

JOURNALS: dict[str, Journal] = {
    journal.key: journal
    for journal in (REGISTRY, ACTS, APPEALS, PERSONAL_FILES, SOCIAL_PASSPORTS, DATA_BANK)
}
