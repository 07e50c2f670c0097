"""Demo roadmaps (loaded by ``manage.py load_demo`` after the directory and the events).

* The Nizhnevartovsk early-help centre's plan for 2022 — seed 003 appendix 3 as written:
  3 sections, 16 items, timeframes, responsible positions and expected results. Agreed by the
  Department; the first-quarter checkpoints are marked, with evidence linked to the 2022
  events and publications of ``resurs.coordination.events.demo``.
* The Surgut RC's draft for 2026 with a few items and a proposal of a provider of its
  direction.
* The calendar plan of the current year of the social-support unit of БУ «Пыть-Яхский
  КЦСОН» (SOC-13, 002 §5.1.10): open days each quarter, preventive events, the update of the
  district passports, the bank of families and the reports; agreed by the institution, with
  the checkpoints already past marked — but one, left overdue. It needs the unit, so the
  demo runs after the case-work units' demo (``demo_after`` in contributions).

Loading twice changes nothing: each plan is looked up first.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from resurs.casework.units.demo import SUPPORT
from resurs.casework.units.models import Unit
from resurs.coordination.events.models import Event, Publication
from resurs.coordination.roadmaps import services
from resurs.coordination.roadmaps.models import Checkpoint, MarkResult, Roadmap, RoadmapKind
from resurs.kernel.organisations.demo import NV_RC, PYT_YAKH_KCSON, SURGUT_RC
from resurs.kernel.organisations.models import Direction, Organisation

NV_TITLE = (
    "План мероприятий («дорожная карта») Ресурсного центра по направлению развития ранней "
    "помощи детям от 0 до 3 лет БУ ХМАО-Югры «Нижневартовский многопрофильный "
    "реабилитационный центр для инвалидов» на 2022 год"
)
HEAD = "Руководитель Ресурсного центра"

# (section title, [(number, name, timeframe, responsible, expected results)]) — seed 003 app. 3.
NV_PLAN = (
    ("Организационно-методическая деятельность", (
        (1, "Изучение и анализ действующих нормативно-правовых актов для организации системы "
            "ранней помощи детям целевой группы (федеральный, региональный, муниципальный "
            "уровни)",
         "В актуальном режиме",
         "Директор, руководитель Ресурсного центра, заведующий ОИАР, заведующий отделением "
         "ранней помощи",
         "Актуализация реестра действующих нормативных правовых актов, перечня необходимых к "
         "принятию межведомственных правовых актов. Актуализация нормативно-правовой базы на "
         "официальном сайте учреждения во вкладке ресурсного центра"),
        (2, "Изучение успешного передового опыта по развитию ранней помощи на территории "
            "округа, РФ, и за ее пределами (инновационные технологии, успешные практики)",
         "1 квартал 2022 год",
         "Руководитель Ресурсного центра, заведующий отделением ранней помощи",
         "Внедрение инновационных технологий, повышение компетентностного уровня специалистов"),
        (3, "Разработка и направление в Экспертный совет методических продуктов (модельных "
            "программ, проектов, технологий социальной работы по направлению деятельности для "
            "проведения экспертизы и последующего внедрения в деятельность государственных "
            "учреждений)",
         "В течение года",
         "Директор, руководитель Ресурсного центра, заведующий ОИАР, заведующий отделением "
         "ранней помощи",
         "Разработка и направление на экспертизу не менее двух методических продуктов"),
        (4, "Разработка и утверждение Плана работы информационно-дискуссионных площадок, "
            "способствующих повышению кадрового потенциала, через формирование новых "
            "компетенций",
         "1 квартал 2022 года",
         "Руководитель Ресурсного центра, заведующий ОИАР, методист",
         "План работы информационно-дискуссионных площадок на 2022 год (План представлен в виде "
         "тематических направлений (диагностическое; психолого-педагогическое; "
         "сопроводительное; лечебно-восстановительное), актуализированных в модельной "
         "программе)"),
        (5, "Разработка модели межведомственного взаимодействия с БУ ХМАО-Югры «Ресурсный центр "
            "развития социального обслуживания» в рамках реализации стажировочных площадок",
         "1 квартал 2022г.",
         "Руководитель Ресурсного центра, заведующий отделением ранней помощи",
         "План работы стажировочной площадки на 2022 год"),
        (6, "Реализация обучения специалистов инновационным технологиям оказания ранней помощи в "
            "рамках организации стажировочных площадок, через внедрение модели межведомственного "
            "взаимодействия с БУ ХМАО-Югры «Ресурсный центр развития социального обслуживания»",
         "1 раз в квартал",
         "Руководитель Ресурсного центра, заведующий отделением ранней помощи, методист",
         "Сформирован план стажировочных площадок на 2022 год"),
        (7, "Обобщение инновационного опыта специалистов, оказывающих услуги ранней помощи",
         "4 квартал",
         "Руководитель Ресурсного центра, заведующий ОИАР, заведующий ОРП",
         "Реестр статей «Из опыта работы специалистов БУ ХМАО-Югры «Нижневартовский "
         "многопрофильный реабилитационный центр для детей инвалидов»"),
    )),
    ("Информационно-прикладная деятельность", (
        (8, "Актуализация информационной вкладки о деятельности Ресурсного центра на официальном "
            "сайте учреждения:\n"
            "▪ Пополнение информационными материалами активных вкладок, на официальном сайте "
            "(«Ресурсное учреждение»)\n"
            "▪ Расширение информационных возможностей ознакомления населения с деятельностью "
            "ресурсного центра по направлению ранней помощи (аккаунты учреждения);\n"
            "▪ информирование населения о деятельности ресурсного центра посредством СМИ: "
            "(статьи в газетах, репортаж на телеканале), интернет ресурсов;\n"
            "▪ реализация дистанционных технологий при проведении прямых эфиров в Инстаграм "
            "«Ответы специалиста»",
         "1 раз в квартал в течение года\n1 раз в квартал в течение года\nЕжеквартально\n"
         "ежеквартально",
         "Руководитель Ресурсного центра, специалист по социальной работе отделения ИАР, "
         "заведующий отделением ранней помощи, методист",
         "Систематически осуществляется информационная кампания о деятельности ресурсного "
         "центра среди населения, учреждений и ведомств города и района. Актуализирована "
         "информационная вкладка о деятельности ресурсного центра на официальном сайте "
         "учреждения. Размещены статьи, телерепортажи о деятельности и проведенных мероприятиях "
         "ресурсного центра."),
        (9, "Проведение цикла информационно-дискуссионных площадок по обобщению опыта работы "
            "специалистов, реализующих технологии ранней помощи в соответствии мероприятиями "
            "плана ИДП",
         "Ежеквартально, в соответствии с планом",
         "Руководитель Ресурсного центра, заведующий ОИАР, заведующий отделением ранней помощи, "
         "методист",
         "Повышение уровня теоретических знаний и усовершенствование практических умений и "
         "навыков специалистов. Обмен эффективным опытом специалистов округа, реализующих "
         "технологии ранней помощи"),
        (10, "Разработка методических материалов для специалистов, реализующих раннюю помощь",
         "Ежеквартально, в соответствии с планом",
         "Руководитель Ресурсного центра, заведующий ОРП, методист",
         "Повышение уровня профессиональных знаний и умений сотрудников учреждения"),
        (11, "Разработка информационно-методических материалов для родителей «Школа "
             "ответственного родительства»",
         "ежемесячно в соответствии с планом",
         "Заведующий ОРП, методист",
         "Разработаны информационно-методические материалы, рекомендации, презентации и "
         "видеоролики по вопросам воспитания, развития и социальной адаптации детей раннего "
         "возраста"),
        (12, "Разработка методических рекомендаций для проведения консультирования родителей в "
             "дистанционном режиме",
         "1 квартал 2022 год",
         "Руководитель Ресурсного центра, заведующий отделением ранней помощи",
         "Повышение компетентности специалистов, консультирующих родителей в дистанционном "
         "режиме"),
        (13, "Дистанционное консультирование семьи (специалистов, реализующих технологии ранней "
             "помощи на территории округа), в том числе с использованием интернет-технологий, о "
             "развитии ребенка, находящегося на пролонгированном медико-социальном "
             "сопровождении. ▪ проведение медицинских, психолого-педагогических индивидуальных "
             "консультаций по запросу родителей; оказание содействия в получении консультации "
             "специалистов из других ведомств",
         "В течение 2022 года",
         "Заведующий отделением ранней помощи, специалисты",
         "Реализация технологии предоставления реабилитационных услуг в дистанционном формате: "
         "дистанционное консультирование семьи с использованием интернет-технологий. "
         "Эффективная реализации технологии предоставления социальных услуг в дистанционном "
         "формате, в рамках взаимодействия со специалистами подведомственными Депсоцразвития "
         "Югры"),
        (14, "День открытых дверей для специалистов служб ранней помощи (возможно представление "
             "деятельности в онлайн формате)",
         "1 раз в полугодие",
         "Директор, Заместитель директора, Заведующий ОРП",
         "Профессиональный обмен эффективными практиками ранней помощи, профессиональной "
         "деятельности специалистов"),
        (15, "Участие в форуме «Вместе – ради детей!» по итогам оказания комплексной помощи "
             "семьям, воспитывающим детей целевой группы",
         "Октябрь-декабрь",
         "Директор учреждения",
         "Трансляция лучшего опыта работы в рамках реализации ранней помощи"),
    )),
    ("Аналитико-исследовательская деятельность", (
        (16, "Проведение мониторинга эффективности деятельности учреждений социального "
             "обслуживания в рамках реализации",
         "ежеквартально",
         "Заместитель директора, руководитель Ресурсного центра",
         "Коэффициент эффективности деятельности ресурсного центра"),
    )),
)  # fmt: skip

# Q1 2022: item number → (result, what was done, evidence: [("event", topic) | ("publication",
# title)]). Every first-quarter checkpoint of the plan is here.
NV_Q1_MARKS = {
    1: ("done", "Реестр нормативных актов актуализирован, обсуждён на заседании МО.",
        [("event", "Организация ранней помощи: нормативная база 2022 года и план работы МО")]),
    2: ("done", "Изучен опыт служб ранней помощи округа; выводы представлены на стажировке.",
        [("event", "Технологии ранней помощи детям от 0 до 3 лет: модуль 1")]),
    4: ("done", "План информационно-дискуссионных площадок на 2022 год утверждён; первая "
        "площадка проведена.",
        [("event", "Диагностическое направление: скрининг и углублённая оценка развития")]),
    5: ("done", "Модель взаимодействия с методическим центром согласована, план стажировочной "
        "площадки утверждён.",
        [("event", "Технологии ранней помощи детям от 0 до 3 лет: модуль 1")]),
    6: ("done", "Проведён первый модуль стажировочной площадки.",
        [("event", "Технологии ранней помощи детям от 0 до 3 лет: модуль 1")]),
    8: ("done", "Статья в городской газете, прямой эфир «Ответы специалиста».",
        [("publication", "Ранняя помощь: когда семье нужна поддержка специалистов"),
         ("publication", "Ответы специалиста: речь ребёнка до трёх лет")]),
    9: ("done", "Проведена площадка по диагностическому направлению.",
        [("event", "Диагностическое направление: скрининг и углублённая оценка развития")]),
    10: ("partly", "Подготовлены материалы по диагностике; материалы по сопровождению — во "
         "втором квартале.", []),
    11: ("done", "Памятки для родителей подготовлены по плану месяца.", []),
    12: ("done", "Методические рекомендации по дистанционному консультированию утверждены.", []),
    16: ("done", "Мониторинг за первый квартал проведён, коэффициент рассчитан.", []),
}  # fmt: skip

SURGUT_TITLE = (
    "План мероприятий («дорожная карта») ресурсного центра по направлению социальной "
    "адаптации на 2026 год"
)
SURGUT_PLAN = (
    ("Организационно-методическая деятельность", (
        ("Заседание методического объединения специалистов направления", "ежеквартально",
         "Руководитель ресурсного центра, методист", "Протоколы заседаний, план работы МО"),
        ("Актуализация реестра социальных практик направления", "1 полугодие 2026 года",
         "Методист", "Реестр практик актуализирован"),
    )),
    ("Информационно-прикладная деятельность", (
        ("Семинар для специалистов поставщиков по сопровождению граждан после освобождения",
         "2 квартал", "Руководитель ресурсного центра", "Обучено не менее 20 специалистов"),
        ("Участие в окружном форуме социальных практик", "по согласованию с Департаментом",
         "Директор", "Представлен опыт ресурсного центра"),
    )),
)  # fmt: skip
NEFTEYUGANSK = "БУ «Нефтеюганский комплексный центр социального обслуживания населения»"


UNIT_PLAN_TITLE = (
    "Календарный план работы отделения социального сопровождения граждан БУ «Пыть-Яхский "
    "комплексный центр социального обслуживания населения» на {year} год"
)
HEAD_OF_UNIT = "Заведующий отделением"
DISTRICT_STAFF = "Специалисты по социальной работе, специалисты по работе с семьёй участков № 1–4"
# (section, [(key, name, timeframe, responsible, expected results)]); the key names the marks.
UNIT_PLAN = (
    ("Организационная работа", (
        ("plan", "Составление и утверждение календарного плана работы отделения на год",
         "до 15 января", HEAD_OF_UNIT, "План утверждён директором учреждения"),
        ("passports", "Обновление паспортов социальных участков № 1–4 (002 п. 3.2.9)",
         "июнь, декабрь", f"{HEAD_OF_UNIT}, {DISTRICT_STAFF.lower()}",
         "Паспорта участков обновляются не реже одного раза в полугодие"),
        ("bank", "Актуализация банка данных семей и отдельных категорий граждан, состоящих на "
         "учёте в отделении (002 п. 5.1.9)",
         "ежеквартально", DISTRICT_STAFF, "Сведения банка данных соответствуют личным делам"),
    )),
    ("Профилактическая работа с семьями и гражданами", (
        ("open_day", "День открытых дверей отделения для жителей социальных участков: "
         "консультации специалистов, юрисконсульта и психолога",
         "20 марта, 19 июня, 18 сентября, 11 декабря", HEAD_OF_UNIT,
         "Жители участков получили консультации, выявлены семьи, нуждающиеся в помощи"),
        ("violence", "Профилактическая акция «Семья без насилия» совместно с ОМВД России по "
         "г. Пыть-Яху и ТКДН и ЗП г. Пыть-Яха",
         "май", f"{HEAD_OF_UNIT}, психолог", "Информирование не менее 150 семей, памятки"),
        ("helpline", "Информирование населения о телефоне службы «Помощь» и детском телефоне "
         "доверия (буклеты, публикации на сайте учреждения)",
         "1 полугодие", DISTRICT_STAFF, "Буклеты распространены на всех участках"),
        ("raid", "Межведомственный рейд «Подросток» по семьям, находящимся в социально опасном "
         "положении",
         "сентябрь – октябрь", f"{HEAD_OF_UNIT}, {DISTRICT_STAFF.lower()}",
         "Посещены все семьи, состоящие на профилактическом учёте"),
        ("new_year", "Благотворительная акция «Новогоднее чудо» для детей из малоимущих и "
         "многодетных семей",
         "декабрь", HEAD_OF_UNIT, "Подарки вручены детям семей, состоящих на учёте"),
    )),
    ("Отчётность (002 п. 5.1.11)", (
        ("quarter_report", "Отчёт о работе отделения за квартал", "ежеквартально",
         HEAD_OF_UNIT, "Отчёт представлен директору учреждения"),
        ("year_report", "Отчёт о работе отделения за год, анализ исполнения плана", "декабрь",
         HEAD_OF_UNIT, "Отчёт и предложения в план на следующий год"),
    )),
)  # fmt: skip
# What was done at a checkpoint of each item (the key of UNIT_PLAN); a partly done one.
UNIT_PLAN_DONE = {
    "plan": (MarkResult.DONE, "План утверждён директором, доведён до специалистов отделения."),
    "passports": (MarkResult.DONE, "Паспорта участков обновлены: население, инфраструктура, "
                  "социальная картина."),
    "bank": (MarkResult.DONE, "Банк данных сверен с личными делами семей."),
    "open_day": (MarkResult.DONE, "Проведён день открытых дверей, принято 23 человека."),
    "violence": (MarkResult.PARTLY, "Проведены встречи на участках № 1 и 2; на участках № 3 и 4 "
                 "— перенесены на июнь."),
    "helpline": (MarkResult.DONE, "Буклеты распространены, публикация на сайте учреждения."),
    "raid": (MarkResult.DONE, "Посещены все семьи, состоящие на профилактическом учёте."),
    "new_year": (MarkResult.DONE, "Подарки вручены детям 46 семей."),
    "quarter_report": (MarkResult.DONE, "Отчёт за квартал представлен директору."),
    "year_report": (MarkResult.DONE, "Годовой отчёт представлен директору."),
}  # fmt: skip
# The item whose last past checkpoint is left without a mark: the plan shows an overdue one.
UNIT_PLAN_OVERDUE = "bank"


def _evidence(nv, kind: str, title: str):
    if kind == "event":
        found = Event.objects.filter(organiser=nv, topic=title, starts_at__year=2022).first()
    else:
        found = Publication.objects.filter(organisation=nv, title=title).first()
    return (kind, found.pk) if found is not None else None


def _load_nizhnevartovsk(nv: Organisation, direction: Direction) -> None:
    roadmap = services.roadmap_create(
        by=None, organisation=nv, direction=direction, year=2022, title=NV_TITLE
    )
    numbers = {}
    for title, items in NV_PLAN:
        section = services.section_create(by=None, roadmap=roadmap, title=title)
        for number, name, timeframe, responsible, results in items:
            numbers[number] = services.item_create(
                by=None,
                section=section,
                name=name,
                timeframe=timeframe,
                responsible_text=responsible,
                expected_results=results,
            )
    services.roadmap_submit(by=None, roadmap=roadmap)
    services.roadmap_agree(by=None, roadmap=roadmap)
    end_of_q1 = datetime.date(2022, 3, 31)
    for number, (result, text, links) in NV_Q1_MARKS.items():
        evidence = [e for e in (_evidence(nv, kind, title) for kind, title in links) if e]
        for checkpoint in Checkpoint.objects.filter(item=numbers[number], due_on__lte=end_of_q1):
            services.mark_set(
                by=None, checkpoint=checkpoint, result=result, done_text=text, evidence=evidence
            )


def _load_surgut(surgut: Organisation, direction: Direction) -> None:
    roadmap = services.roadmap_create(
        by=None, organisation=surgut, direction=direction, year=2026, title=SURGUT_TITLE
    )
    sections = []
    for title, items in SURGUT_PLAN:
        section = services.section_create(by=None, roadmap=roadmap, title=title)
        sections.append(section)
        for name, timeframe, responsible, results in items:
            services.item_create(
                by=None,
                section=section,
                name=name,
                timeframe=timeframe,
                responsible_text=responsible,
                expected_results=results,
            )
    provider = Organisation.objects.filter(name=NEFTEYUGANSK).first()
    if provider is not None:
        services.proposal_create(
            by=None,
            organisation=provider,
            roadmap=roadmap,
            text="Предлагаем провести на нашей базе выездной семинар для специалистов "
            "Нефтеюганского района.",
            suggested_name="Выездной семинар для специалистов Нефтеюганского района",
            suggested_timeframe="3 квартал",
            suggested_section=sections[1],
        )


def _load_unit_plan(unit: Unit, year: int, today: datetime.date) -> None:
    roadmap = services.roadmap_create(
        by=None,
        organisation=unit.organisation,
        unit=unit,
        kind=RoadmapKind.UNIT_CALENDAR,
        year=year,
        title=UNIT_PLAN_TITLE.format(year=year),
    )
    items = {}
    for title, rows in UNIT_PLAN:
        section = services.section_create(by=None, roadmap=roadmap, title=title)
        for key, name, timeframe, responsible, results in rows:
            items[key] = services.item_create(
                by=None,
                section=section,
                name=name,
                timeframe=timeframe,
                responsible_text=responsible,
                expected_results=results,
            )
    services.roadmap_submit(by=None, roadmap=roadmap)
    services.roadmap_agree(by=None, roadmap=roadmap)
    for key, item in items.items():
        result, text = UNIT_PLAN_DONE[key]
        past = list(Checkpoint.objects.filter(item=item, due_on__lt=today).order_by("due_on"))
        if key == UNIT_PLAN_OVERDUE:
            past = past[:-1]
        for checkpoint in past:
            services.mark_set(by=None, checkpoint=checkpoint, result=result, done_text=text)


def _unit_plans() -> None:
    unit = Unit.objects.filter(organisation__name=PYT_YAKH_KCSON, name=SUPPORT).first()
    if unit is None:
        return  # the case-work demo is not loaded
    today = timezone.localdate()
    if not Roadmap.objects.filter(
        unit=unit, kind=RoadmapKind.UNIT_CALENDAR, year=today.year
    ).exists():
        _load_unit_plan(unit, today.year, today)


@transaction.atomic
def load_demo_data() -> None:
    _unit_plans()
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=[NV_RC, SURGUT_RC])}
    if len(organisations) < 2:
        return  # the directory demo is not loaded
    directions = {d.number: d for d in Direction.objects.filter(number__in=[2, 8])}
    nv, surgut = organisations[NV_RC], organisations[SURGUT_RC]
    if not Roadmap.objects.filter(organisation=nv, year=2022, direction=directions[8]).exists():
        _load_nizhnevartovsk(nv, directions[8])
    if not Roadmap.objects.filter(organisation=surgut, year=2026, direction=directions[2]).exists():
        _load_surgut(surgut, directions[2])
