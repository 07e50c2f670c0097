"""Demo registries of the two seed resource centres and the social practices matrix of seed 004.

Loaded by ``manage.py load_demo`` after ``organisations.demo.load_demo()``; loading twice
changes nothing (every record is looked up by its natural key first).

What comes from where:

* acts — only those the seeds cite: 442-ФЗ (seed 002), the Department's orders 134-р
  (001), 177-р and 135-р (003), the RCs' own orders 3-о (001) and 19 (003), and the
  Vladimir orders 420/1 and 399/ДТЗН-01-03/175 (004);
* participants — the demo providers of each RC's direction (organisations.demo), and the
  demo volunteers' organisation as a volunteer partner of the Surgut RC;
* technologies — the methods seed 003 names (items 11 and 13 of the 2022 roadmap, the
  regulation's 1.10.8 and 3.1.1);
* articles — the registry of roadmap item 7 («4 квартал» 2022). The seed names the registry,
  not the articles: their titles are illustrative, on the topics the roadmap assigns to the
  people the order appoints;
* the matrix — seed 004 appendix 4: 7 practices and the institutions listed for each, all
  «планируется» (the appendix lists practices «планируемые к внедрению»; it gives no dates).
  The institutions belong to Vladimir Oblast, a second region created here (see VLADIMIR).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from resurs.coordination.registries import services
from resurs.coordination.registries.models import (
    ActKind,
    ActLevel,
    ActStatus,
    Article,
    LegalAct,
    Participant,
    ParticipantCategory,
    PracticeCell,
    PracticeStatus,
    SocialPractice,
    Technology,
)
from resurs.kernel.organisations import demo as org_demo
from resurs.kernel.organisations import services as org_services
from resurs.kernel.organisations.models import (
    Direction,
    LegalForm,
    Organisation,
    OrganisationKind,
    Region,
    Territory,
    TerritoryKind,
)

DEPARTMENT_ISSUER = "Департамент социального развития Ханты-Мансийского автономного округа – Югры"
LAW_442 = {
    "level": ActLevel.FEDERAL,
    "kind": ActKind.LAW,
    "number": "442-ФЗ",
    "adopted_on": date(2013, 12, 28),
    "title": "Об основах социального обслуживания граждан в Российской Федерации",
}

SURGUT_ACTS = (
    LAW_442,
    {
        "level": ActLevel.REGIONAL,
        "kind": ActKind.ORDER,
        "number": "134-р",
        "adopted_on": date(2019, 2, 13),
        "title": "О создании ресурсных центров в государственных учреждениях, подведомственных "
        "Депсоцразвития Югры",
        "issuer": DEPARTMENT_ISSUER,
        "note": "Основание статуса ресурсного центра (указан в алгоритме взаимодействия).",
    },
    {
        "level": ActLevel.LOCAL,
        "kind": ActKind.ORDER,
        "number": "3-о",
        "adopted_on": date(2019, 3, 19),
        "title": "Алгоритм взаимодействия Ресурсного центра с государственными учреждениями, "
        "негосударственными поставщиками по социальной адаптации и ресоциализации лиц без "
        "определенного места жительства, лиц, освободившихся из мест лишения свободы "
        "(приложение 2 к приказу)",
        "issuer": org_demo.SURGUT_RC,
        "direction": 2,
    },
)
NV_ACTS = (
    LAW_442,
    {
        "level": ActLevel.REGIONAL,
        "kind": ActKind.ORDER,
        "number": "177-р",
        "adopted_on": date(2020, 2, 20),
        "title": "О создании ресурсных центров в государственных учреждениях, подведомственных "
        "Депсоцразвития Югры",
        "issuer": DEPARTMENT_ISSUER,
        "status": ActStatus.REPEALED,
        "repealed_on": date(2022, 2, 4),
        "note": "Признан утратившим силу 04.02.2022 приказом Депсоцразвития Югры № 135-р "
        "(положение о ресурсном центре, п. 1.2).",
    },
    {
        "level": ActLevel.REGIONAL,
        "kind": ActKind.ORDER,
        "number": "135-р",
        "adopted_on": date(2022, 2, 4),
        "title": "Об организации инновационной деятельности государственных учреждений, "
        "подведомственных Депсоцразвития Югры, отмене приказов Депсоцразвития Югры",
        "issuer": DEPARTMENT_ISSUER,
    },
    {
        "level": ActLevel.LOCAL,
        "kind": ActKind.ORDER,
        "number": "19",
        "adopted_on": date(2022, 2, 9),
        "title": "О деятельности Ресурсного центра",
        "issuer": org_demo.NV_RC,
        "direction": 8,
    },
)

SURGUT_PARTICIPANTS = (
    ("БУ «Нефтеюганский комплексный центр социального обслуживания населения»",
     ParticipantCategory.STATE_PROVIDER,
     "Поставщик социальных услуг по направлению; участник мероприятий «дорожной карты»",
     date(2019, 3, 19)),
    ("Автономная некоммерческая организация «Центр социальной помощи «Забота»",
     ParticipantCategory.NON_STATE_PROVIDER,
     "Негосударственный поставщик социальных услуг по направлению",
     date(2019, 3, 19)),
    # Not in seed 001: the demo volunteers' organisation, so that KPI 6.6 has a partner.
    ("Местная общественная организация «Добровольцы Югры»",
     ParticipantCategory.VOLUNTEER,
     "Привлечение добровольцев к социальной адаптации лиц без определённого места жительства",
     date(2019, 9, 2)),
)  # fmt: skip
NV_PARTICIPANTS = (
    ("БУ «Когалымский комплексный центр социального обслуживания населения»",
     ParticipantCategory.STATE_PROVIDER,
     "Поставщик услуг ранней помощи; участник стажировочных площадок ресурсного центра",
     date(2022, 2, 9)),
    ("Автономная некоммерческая организация «Семейный центр «Росток»",
     ParticipantCategory.NON_STATE_PROVIDER,
     "Негосударственный поставщик услуг ранней помощи; участник информационно-дискуссионных "
     "площадок",
     date(2022, 2, 9)),
)  # fmt: skip

NV_EARLY_HELP_DEPARTMENT = (
    "Отделение ранней помощи БУ «Нижневартовский многопрофильный реабилитационный центр "
    "для инвалидов», г. Нижневартовск"
)
NV_TECHNOLOGIES = (
    {
        "title": "Дистанционное консультирование семьи с использованием интернет-технологий",
        "description": "Консультирование семьи (и специалистов, реализующих технологии ранней "
        "помощи) о развитии ребёнка, находящегося на пролонгированном медико-социальном "
        "сопровождении: медицинские и психолого-педагогические индивидуальные консультации по "
        "запросу родителей, содействие в консультациях специалистов других ведомств "
        "(«дорожная карта» 2022, п. 13).",
        "target_group": "Семьи, воспитывающие детей от 0 до 3 лет; специалисты ранней помощи "
        "округа",
        "registered_on": date(2022, 3, 31),
    },
    {
        "title": "Пролонгированное консультирование семьи",
        "description": "Психолого-педагогическое сопровождение семьи ребёнка с ограниченными "
        "возможностями здоровья или риском нарушения развития до 6 месяцев, в том числе в "
        "период адаптации ребёнка в образовательной организации (положение о ресурсном "
        "центре, п. 1.10.8, 3.1.1).",
        "target_group": "Семьи детей раннего возраста с ОВЗ, детей-инвалидов, детей группы риска",
        "registered_on": date(2022, 3, 31),
    },
    {
        "title": "Углублённое междисциплинарное обследование с разработкой индивидуального "
        "реабилитационного маршрута",
        "description": "Оценка приоритетных потребностей ребёнка и семьи, основных областей "
        "развития ребёнка и социального окружения (очно, дистанционно, по документам) с "
        "последующей разработкой индивидуального реабилитационного маршрута (положение о "
        "ресурсном центре, п. 3.1.1).",
        "target_group": "Дети от 0 до 3 лет, имеющие ограничения жизнедеятельности, и их семьи",
        "registered_on": date(2022, 3, 31),
    },
    {
        "title": "«Школа ответственного родительства»",
        "description": "Ежемесячные информационно-методические материалы, рекомендации, "
        "презентации и видеоролики для родителей по вопросам воспитания, развития и "
        "социальной адаптации детей раннего возраста («дорожная карта» 2022, п. 11).",
        "target_group": "Родители (законные представители) детей раннего возраста",
        "registered_on": date(2022, 6, 30),
    },
)
NV_COLLECTION = (
    "Сборник «Из опыта работы специалистов БУ ХМАО-Югры «Нижневартовский многопрофильный "
    "реабилитационный центр для инвалидов»"
)
NV_ARTICLES = (
    ("Дистанционное консультирование семей, воспитывающих детей раннего возраста",
     "Дадеркина Н. М."),
    ("Информационно-дискуссионная площадка как форма обобщения опыта специалистов ранней помощи",
     "Тур Н. В."),
    ("Пролонгированное консультирование семьи в период адаптации ребёнка в образовательной "
     "организации", "Панасюк А. В."),
)  # fmt: skip
NV_ARTICLES_DATE = date(2022, 12, 20)  # roadmap item 7: «4 квартал»


# --- seed 004: Vladimir Oblast ---------------------------------------------------------------

# A second region for seed 004's institutions. Demo data only: the region's reference files
# (organisations/data/regions) do not have it, so the region and the municipalities its
# institutions stand in are created here and nowhere else.
VLADIMIR = {"code": "33", "name": "Владимирская область", "timezone": "Europe/Moscow"}


@dataclass(frozen=True)
class Institution:
    short_name: str  # as seed 004 names it
    territory: str
    territory_kind: str
    treasury: bool  # ГКУСО (казённое) or ГБУСО (бюджетное)
    full_name: str = ""


CITY, DISTRICT = TerritoryKind.CITY_OKRUG, TerritoryKind.MUNICIPAL_DISTRICT
VLADIMIR_INSTITUTIONS = {
    "Владимирский СРЦН": Institution(
        "Владимирский СРЦН", "Владимир", CITY, True,
        "ГКУСО ВО «Владимирский социально-реабилитационный центр для несовершеннолетних»",
    ),
    "Гороховецкий СРЦН «Семья»": Institution(
        "Гороховецкий СРЦН «Семья»", "Гороховецкий район", DISTRICT, True
    ),
    "Гусь-Хрустальный СРЦН": Institution("Гусь-Хрустальный СРЦН", "Гусь-Хрустальный", CITY, True),
    "Камешковский СРЦН": Institution("Камешковский СРЦН", "Камешковский район", DISTRICT, True),
    "Ковровский СРЦН": Institution("Ковровский СРЦН", "Ковров", CITY, True),
    "Кольчугинский СРЦН": Institution("Кольчугинский СРЦН", "Кольчугинский район", DISTRICT, True),
    "Меленковский СРЦН": Institution("Меленковский СРЦН", "Меленковский район", DISTRICT, True),
    "Муромский СРЦН": Institution("Муромский СРЦН", "Муром", CITY, True),
    "Собинский СРЦН": Institution("Собинский СРЦН", "Собинский район", DISTRICT, True),
    "Суздальский СРЦН": Institution("Суздальский СРЦН", "Суздальский район", DISTRICT, True),
    "Юрьев-Польский СРЦН": Institution(
        "Юрьев-Польский СРЦН", "Юрьев-Польский район", DISTRICT, True
    ),
    "Александровский КЦСОН": Institution(
        "Александровский КЦСОН", "Александровский район", DISTRICT, False
    ),
    "Вязниковский КЦСОН": Institution("Вязниковский КЦСОН", "Вязниковский район", DISTRICT, False),
    "Киржачский КЦСОН": Institution("Киржачский КЦСОН", "Киржачский район", DISTRICT, False),
    "Петушинский КЦСОН": Institution("Петушинский КЦСОН", "Петушинский район", DISTRICT, False),
    "Селивановский КЦСОН": Institution(
        "Селивановский КЦСОН", "Селивановский район", DISTRICT, False
    ),
    "Судогодский КЦСОН": Institution("Судогодский КЦСОН", "Судогодский район", DISTRICT, False),
}  # fmt: skip


def institution_name(item: Institution) -> str:
    prefix = "ГКУСО ВО" if item.treasury else "ГБУСО ВО"
    return item.full_name or f"{prefix} «{item.short_name}»"


SRCN_ALL = (
    "Владимирский СРЦН",
    "Гороховецкий СРЦН «Семья»",
    "Гусь-Хрустальный СРЦН",
    "Камешковский СРЦН",
    "Ковровский СРЦН",
    "Кольчугинский СРЦН",
    "Меленковский СРЦН",
    "Муромский СРЦН",
    "Собинский СРЦН",
    "Суздальский СРЦН",
    "Юрьев-Польский СРЦН",
)
KCSON_ALL = (
    "Александровский КЦСОН",
    "Вязниковский КЦСОН",
    "Киржачский КЦСОН",
    "Петушинский КЦСОН",
    "Селивановский КЦСОН",
    "Судогодский КЦСОН",
)
# Seed 004 appendix 4, «Социальные практики, планируемые к внедрению…»: number, title and
# the institutions listed for it, in the seed's order.
PRACTICES_004 = (
    (1, "Социальная служба сопровождения семей в рамках социального контракта, в т.ч. с "
        "привлечением наставников",
     ("Владимирский СРЦН", "Гороховецкий СРЦН «Семья»", "Гусь-Хрустальный СРЦН",
      "Кольчугинский СРЦН", "Меленковский СРЦН", "Муромский СРЦН", "Суздальский СРЦН",
      "Юрьев-Польский СРЦН", *KCSON_ALL)),
    (2, "Межведомственный консультативный пункт для малообеспеченных семей с детьми",
     ("Владимирский СРЦН", "Гусь-Хрустальный СРЦН", "Ковровский СРЦН", "Меленковский СРЦН",
      "Муромский СРЦН", "Собинский СРЦН", "Александровский КЦСОН", "Вязниковский КЦСОН",
      "Петушинский КЦСОН")),
    (3, "Программа выходного дня", (*SRCN_ALL, *KCSON_ALL)),
    (4, "Группа кратковременного пребывания для детей школьного возраста из малообеспеченных "
        "семей в каникулярный период", (*SRCN_ALL, *KCSON_ALL)),
    (5, "Пункт проката по предоставлению во временное пользование предметов первой "
        "необходимости для малообеспеченных семей",
     ("Александровский КЦСОН", "Вязниковский КЦСОН", "Петушинский КЦСОН",
      "Селивановский КЦСОН")),
    # The seed spells it «Профорентация».
    (6, "Профориентация подростков из малообеспеченных семей, а также семей, находящихся в "
        "социально опасном положении и иной трудной жизненной ситуации",
     ("Владимирский СРЦН", "Гороховецкий СРЦН «Семья»", "Гусь-Хрустальный СРЦН",
      "Камешковский СРЦН", "Ковровский СРЦН", "Кольчугинский СРЦН", "Собинский СРЦН",
      "Суздальский СРЦН", "Юрьев-Польский СРЦН", "Александровский КЦСОН",
      "Вязниковский КЦСОН", "Киржачский КЦСОН")),
    (7, "Обучение финансовой грамотности детей из семей, находящихся в социально опасном "
        "положении и иной трудной жизненной ситуации",
     ("Владимирский СРЦН", "Ковровский СРЦН", "Суздальский СРЦН", "Вязниковский КЦСОН",
      "Петушинский КЦСОН")),
)  # fmt: skip
ORDER_420_1 = "Приказ департамента социальной защиты населения Владимирской области от 23.09.2020 № 420/1, приложение 4"  # noqa: E501
PROGRAMME_004 = (
    "Комплекс мер «Внедрение и развитие эффективных социальных практик, направленных на "
    "сокращение бедности семей с детьми и улучшение условий жизнедеятельности детей в таких "
    "семьях, на территории Владимирской области» на 2020–2021 годы"
)
VLADIMIR_DEPARTMENT = "Департамент социальной защиты населения Владимирской области"
VLADIMIR_ACTS = (
    {
        "level": ActLevel.REGIONAL,
        "kind": ActKind.ORDER,
        "number": "399/ДТЗН-01-03/175",
        "adopted_on": date(2020, 8, 31),
        "title": "Об организации работы по реализации комплекса мер «Внедрение и развитие "
        "эффективных социальных практик, направленных на сокращение бедности семей с детьми и "
        "улучшение условий жизнедеятельности детей в таких семьях, на территории Владимирской "
        "области» на 2020-2021 годы",
        "issuer": f"{VLADIMIR_DEPARTMENT}, Департамент труда и занятости Владимирской области",
    },
    {
        "level": ActLevel.REGIONAL,
        "kind": ActKind.ORDER,
        "number": "420/1",
        "adopted_on": date(2020, 9, 23),
        "title": "О внедрении в деятельность организаций социального обслуживания населения "
        "социальных практик, направленных на сокращение бедности семей с детьми",
        "issuer": VLADIMIR_DEPARTMENT,
    },
)


# --- loading -------------------------------------------------------------------------------------


def _acts(owner, acts, directions, registered_on) -> None:
    for spec in acts:
        values = dict(spec)
        direction = directions.get(values.pop("direction", None))
        exists = LegalAct.objects.filter(
            owner=owner,
            level=values["level"],
            kind=values["kind"],
            number=values["number"],
            adopted_on=values["adopted_on"],
        ).exists()
        if not exists:
            services.legal_act_create(
                by=None,
                owner=owner,
                direction=direction,
                is_public=True,
                registered_on=max(registered_on, values["adopted_on"]),
                **values,
            )


def _participants(owner, direction, rows, organisations) -> None:
    for name, category, form, joined_on in rows:
        participant = organisations.get(name)
        if participant is None:
            continue
        if Participant.objects.filter(
            owner=owner, direction=direction, organisation=participant
        ).exists():
            continue
        services.participant_create(
            by=None,
            owner=owner,
            direction=direction,
            organisation=participant,
            category=category,
            participation_form=form,
            joined_on=joined_on,
            registered_on=joined_on,
            is_public=True,
        )


def _nv_methods(owner, direction) -> None:
    for spec in NV_TECHNOLOGIES:
        if Technology.objects.filter(owner=owner, title=spec["title"]).exists():
            continue
        services.technology_create(
            by=None,
            owner=owner,
            direction=direction,
            author_organisation=owner,
            introduced_year=2022,
            used_where=NV_EARLY_HELP_DEPARTMENT,
            is_public=True,
            **spec,
        )
    for title, authors in NV_ARTICLES:
        if Article.objects.filter(owner=owner, title=title).exists():
            continue
        services.article_create(
            by=None,
            owner=owner,
            direction=direction,
            title=title,
            authors=authors,
            organisation=owner,
            publication=NV_COLLECTION,
            published_on=NV_ARTICLES_DATE,
            registered_on=NV_ARTICLES_DATE,
            is_public=True,
            note="Реестр статей «Из опыта работы» — «дорожная карта» 2022, п. 7. "
            "Название статьи — демонстрационное.",
        )


def _vladimir_institutions() -> dict[str, Organisation]:
    region, _ = Region.objects.update_or_create(
        code=VLADIMIR["code"],
        defaults={"name": VLADIMIR["name"], "timezone": VLADIMIR["timezone"]},
    )
    found = {}
    for key, item in VLADIMIR_INSTITUTIONS.items():
        name = institution_name(item)
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            territory, _ = Territory.objects.update_or_create(
                region=region, name=item.territory, defaults={"kind": item.territory_kind}
            )
            organisation = org_services.organisation_create(
                by=None,
                name=name,
                short_name=item.short_name,
                kind=OrganisationKind.STATE_INSTITUTION,
                legal_form=LegalForm.TREASURY if item.treasury else LegalForm.BUDGET,
                territory=territory,
            )
        found[key] = organisation
    return found


def _matrix_004() -> None:
    institutions = _vladimir_institutions()
    owner = institutions["Владимирский СРЦН"]
    _acts(owner, VLADIMIR_ACTS, {}, date(2020, 9, 23))
    cells = set(
        PracticeCell.objects.filter(practice__owner=owner).values_list(
            "practice__title", "institution_id"
        )
    )
    for number, title, listed in PRACTICES_004:
        practice = SocialPractice.objects.filter(owner=owner, title=title).first()
        if practice is None:
            practice = services.practice_create(
                by=None,
                owner=owner,
                number=number,
                title=title,
                programme=PROGRAMME_004,
                basis=ORDER_420_1,
                registered_on=date(2020, 9, 23),
                is_public=True,
            )
        for short_name in listed:
            institution = institutions[short_name]
            if (title, institution.pk) in cells:
                continue
            services.practice_cell_set(
                by=None,
                practice=practice,
                institution=institution,
                status=PracticeStatus.PLANNED,
                expected_version=None,
            )


@transaction.atomic
def load_demo_data() -> bool:
    """Loads the demo registries; returns False when there was nothing to add."""
    organisations = {
        o.name: o
        for o in Organisation.objects.filter(
            name__in=[org_demo.SURGUT_RC, org_demo.NV_RC]
            + [row[0] for row in (*SURGUT_PARTICIPANTS, *NV_PARTICIPANTS)]
        )
    }
    surgut, nv = organisations.get(org_demo.SURGUT_RC), organisations.get(org_demo.NV_RC)
    if surgut is None or nv is None:
        return False  # the organisations' demo is not loaded
    before = _total()
    directions = {d.number: d for d in Direction.objects.filter(number__in=[2, 8])}
    # Registered when each RC's documents were approved: the algorithm of 19.03.2019 (seed
    # 001), the order of 09.02.2022 (seed 003).
    _acts(surgut, SURGUT_ACTS, directions, date(2019, 3, 19))
    _acts(nv, NV_ACTS, directions, date(2022, 2, 9))
    _participants(surgut, directions[2], SURGUT_PARTICIPANTS, organisations)
    _participants(nv, directions[8], NV_PARTICIPANTS, organisations)
    _nv_methods(nv, directions[8])
    _matrix_004()
    return _total() != before


def _total() -> int:
    return sum(
        model.objects.count()
        for model in (LegalAct, Participant, Technology, Article, SocialPractice, PracticeCell)
    )
