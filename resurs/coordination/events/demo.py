"""Demo data of events, consultations, media plans and publications.

* The Nizhnevartovsk early-help centre (direction 8) in 2022, as its roadmap (seed 003,
  appendix 3) implies: a methodological-association meeting every quarter (003:3.2.2), an
  open day every half-year (item 14), the internship platform once a quarter with the
  methodological centre (items 5–6), the information-discussion platform every quarter on
  the four themes of item 4 (items 4, 9), the forum «Вместе – ради детей!» (item 15), remote
  consultations of families and specialists (items 12–13), and the media plan of item 8
  (articles, TV, the site, live broadcasts «Ответы специалиста») with its publications.
* The Surgut RC (direction 2) now: the 2026 meetings and open day held so far, a training
  seminar open for nominations with nominations from two providers of direction 2, a held
  webinar with attendance, so that the calendar, the training plan and the home page's
  warnings show real records.

Names of participants are invented. Loading twice changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from resurs.coordination.events import services
from resurs.coordination.events.models import (
    ConsultationAudience,
    ConsultationGrouping,
    ConsultationMode,
    Event,
    EventFormat,
    EventKind,
    EventState,
    ParticipationStatus,
    PublicationChannel,
)
from resurs.kernel.organisations.demo import DEPARTMENT, METHODICAL_CENTRE, NV_RC, SURGUT_RC
from resurs.kernel.organisations.models import Appointment, Direction, Organisation

KOGALYM = "БУ «Когалымский комплексный центр социального обслуживания населения»"
ROSTOK = "Автономная некоммерческая организация «Семейный центр «Росток»"
NEFTEYUGANSK = "БУ «Нефтеюганский комплексный центр социального обслуживания населения»"
ZABOTA = "Автономная некоммерческая организация «Центр социальной помощи «Забота»"

NV_PLACE = "г. Нижневартовск, БУ «Нижневартовский многопрофильный реабилитационный центр»"
NV_LINK = "https://example.org/nv-rc/online"
SURGUT_PLACE = "Сургутский район, БУ «Сургутский районный центр социальной адаптации»"
SURGUT_LINK = "https://example.org/surgut-rc/online"

NV_MARKER = "Организация ранней помощи: нормативная база 2022 года и план работы МО"
SURGUT_MARKER = "Работа методического объединения в 2026 году: план и ответственные"


def _dt(y, m, d, hour=10, minute=0):
    # Naive on purpose: the services read it as the organiser's local time (the region's).
    return datetime.datetime(y, m, d, hour, minute)  # noqa: DTZ001


def _event(organiser, direction, kind, topic, start, end, fmt=EventFormat.MIXED, **fields):
    place = fields.pop("place", NV_PLACE if fmt != EventFormat.ONLINE else "")
    link = fields.pop("link", NV_LINK if fmt != EventFormat.IN_PERSON else "")
    return services.event_create(
        by=None,
        organiser=organiser,
        direction=direction,
        kind=kind,
        topic=topic,
        starts_at=start,
        ends_at=end,
        format=fmt,
        place=place,
        link=link,
        state=fields.pop("state", EventState.HELD),
        **fields,
    )


def _attended(event, *organisations, people=()):
    for organisation in organisations:
        services.participation_add(
            by=None, event=event, organisation=organisation, status=ParticipationStatus.ATTENDED
        )
    for person_name, position, organisation, status in people:
        services.participation_add(
            by=None,
            event=event,
            person_name=person_name,
            position=position,
            organisation=organisation,
            status=status,
        )


# --- Nizhnevartovsk, 2022 --------------------------------------------------------------------

MO_MEETINGS_2022 = (
    (_dt(2022, 3, 24), NV_MARKER),
    (_dt(2022, 6, 23), "Междисциплинарная оценка развития ребёнка раннего возраста: опыт служб"),
    (_dt(2022, 9, 22), "Индивидуальная программа ранней помощи: разработка и оценка результатов"),
    (_dt(2022, 12, 15), "Итоги работы методического объединения за 2022 год, план на 2023 год"),
)
INTERNSHIPS_2022 = (
    (datetime.date(2022, 3, 15), "Технологии ранней помощи детям от 0 до 3 лет: модуль 1"),
    (datetime.date(2022, 6, 7), "Технологии ранней помощи детям от 0 до 3 лет: модуль 2"),
    (datetime.date(2022, 9, 13), "Технологии ранней помощи детям от 0 до 3 лет: модуль 3"),
    (datetime.date(2022, 11, 22), "Технологии ранней помощи детям от 0 до 3 лет: модуль 4"),
)
# Roadmap item 4: the plan of the platforms by thematic direction.
DISCUSSION_PLATFORMS_2022 = (
    (_dt(2022, 3, 30, 14), "Диагностическое направление: скрининг и углублённая оценка развития"),
    (_dt(2022, 6, 29, 14), "Психолого-педагогическое направление: занятия с ребёнком и семьёй"),
    (_dt(2022, 9, 28, 14), "Сопроводительное направление: маршрут семьи и межведомственная помощь"),
    (
        _dt(2022, 12, 7, 14),
        "Лечебно-восстановительное направление: реабилитация в домашних условиях",
    ),
)

# Roadmap item 8: «статьи в газетах, репортаж на телеканале», the site, live broadcasts.
NV_MEDIA_PLAN_ITEMS = (
    ("Статья в городской газете о работе ресурсного центра по ранней помощи",
     PublicationChannel.NEWSPAPER, "1 квартал 2022 года", datetime.date(2022, 3, 31), True),
    ("Прямой эфир «Ответы специалиста» в аккаунте учреждения",
     PublicationChannel.LIVE, "ежеквартально", datetime.date(2022, 3, 31), False),
    ("Телерепортаж о стажировочной площадке ресурсного центра",
     PublicationChannel.TV, "2 квартал 2022 года", datetime.date(2022, 6, 30), True),
    ("Прямой эфир «Ответы специалиста» в аккаунте учреждения",
     PublicationChannel.LIVE, "ежеквартально", datetime.date(2022, 6, 30), False),
    ("Материалы для родителей и специалистов во вкладке ресурсного центра на сайте",
     PublicationChannel.WEBSITE, "1 раз в квартал в течение года", datetime.date(2022, 9, 30),
     True),
    ("Прямой эфир «Ответы специалиста» в аккаунте учреждения",
     PublicationChannel.LIVE, "ежеквартально", datetime.date(2022, 9, 30), False),
    ("Статья в городской газете об итогах года ресурсного центра",
     PublicationChannel.NEWSPAPER, "4 квартал 2022 года", datetime.date(2022, 12, 30), True),
    ("Прямой эфир «Ответы специалиста» в аккаунте учреждения",
     PublicationChannel.LIVE, "ежеквартально", datetime.date(2022, 12, 30), False),
)  # fmt: skip
# (item number, date, title, outlet, link); item 8 stayed without a publication (overdue).
NV_PUBLICATIONS = (
    (1, datetime.date(2022, 3, 18), "Ранняя помощь: когда семье нужна поддержка специалистов",
     "городская газета", ""),
    (2, datetime.date(2022, 3, 25), "Ответы специалиста: речь ребёнка до трёх лет",
     "аккаунт учреждения", "https://example.org/nv-rc/live/2022-03"),
    (3, datetime.date(2022, 6, 10), "Специалисты округа учатся технологиям ранней помощи",
     "городской телеканал", "https://example.org/tv/2022-06-10"),
    (4, datetime.date(2022, 6, 24), "Ответы специалиста: адаптация малыша к детскому саду",
     "аккаунт учреждения", "https://example.org/nv-rc/live/2022-06"),
    (5, datetime.date(2022, 9, 5), "Памятки для родителей «Школа ответственного родительства»",
     "официальный сайт учреждения", "https://example.org/nv-rc/parents"),
    (6, datetime.date(2022, 9, 23), "Ответы специалиста: развитие движений малыша",
     "аккаунт учреждения", "https://example.org/nv-rc/live/2022-09"),
    (7, datetime.date(2022, 12, 20), "Ресурсный центр ранней помощи подвёл итоги 2022 года",
     "городская газета", ""),
)  # fmt: skip


def _load_nizhnevartovsk(orgs, directions):
    rc, direction = orgs[NV_RC], directions[8]
    kogalym, rostok, centre = orgs[KOGALYM], orgs[ROSTOK], orgs[METHODICAL_CENTRE]
    for start, topic in MO_MEETINGS_2022:
        event = _event(
            rc,
            direction,
            EventKind.MO_MEETING,
            topic,
            start,
            start + datetime.timedelta(hours=2),
            description="Заседание методического объединения специалистов ранней помощи "
            "(003:3.2.2).",
        )
        _attended(event, kogalym, rostok)
    open_days = (
        (_dt(2022, 5, 19), EventFormat.IN_PERSON, "День открытых дверей для специалистов "
         "служб ранней помощи"),
        (_dt(2022, 11, 17), EventFormat.ONLINE, "День открытых дверей для специалистов служб "
         "ранней помощи (онлайн)"),
    )  # fmt: skip
    open_day_events = []
    for start, fmt, topic in open_days:
        event = _event(
            rc,
            direction,
            EventKind.OPEN_DAY,
            topic,
            start,
            start + datetime.timedelta(hours=4),
            fmt=fmt,
            is_public=True,
            description="Профессиональный обмен эффективными практиками ранней помощи "
            "(дорожная карта, п. 14).",
        )
        _attended(event, kogalym, rostok)
        open_day_events.append(event)
    for index, (day, topic) in enumerate(INTERNSHIPS_2022):
        start = _dt(day.year, day.month, day.day, 9)
        event = _event(
            rc,
            direction,
            EventKind.INTERNSHIP,
            topic,
            start,
            start + datetime.timedelta(days=2, hours=8),
            fmt=EventFormat.IN_PERSON,
            description="Обучение специалистов в модели взаимодействия с БУ «Ресурсный центр "
            "развития социального обслуживания» (дорожная карта, пп. 5–6).",
        )
        people = ()
        if index == 0:
            people = (
                ("Орлова Светлана Викторовна", "психолог", kogalym, ParticipationStatus.ATTENDED),
                ("Белова Ирина Сергеевна", "логопед", kogalym, ParticipationStatus.ATTENDED),
                ("Захарова Дарья Олеговна", "специалист по работе с семьёй", rostok,
                 ParticipationStatus.ABSENT),
            )  # fmt: skip
        _attended(event, centre, kogalym, rostok, people=people)
    for start, topic in DISCUSSION_PLATFORMS_2022:
        event = _event(
            rc,
            direction,
            EventKind.DISCUSSION_PLATFORM,
            topic,
            start,
            start + datetime.timedelta(hours=2),
            fmt=EventFormat.ONLINE,
            description="Информационно-дискуссионная площадка по обобщению опыта специалистов "
            "(дорожная карта, пп. 4, 9).",
        )
        _attended(event, kogalym, rostok)
    forum = _event(
        orgs[DEPARTMENT],
        direction,
        EventKind.FORUM,
        "Форум «Вместе – ради детей!»: итоги комплексной помощи семьям с детьми целевой группы",
        _dt(2022, 11, 10, 9),
        _dt(2022, 11, 11, 17),
        fmt=EventFormat.IN_PERSON,
        place="г. Ханты-Мансийск",
        is_public=True,
    )
    _attended(forum, rc)

    consultations = (
        (datetime.date(2022, 2, 17), ConsultationAudience.ORGANISATIONS, [kogalym], 4,
         ConsultationGrouping.GROUP, ConsultationMode.REMOTE,
         "Организация работы службы ранней помощи: документы и маршрут ребёнка"),
        (datetime.date(2022, 3, 10), ConsultationAudience.FAMILIES, [], 2,
         ConsultationGrouping.INDIVIDUAL, ConsultationMode.REMOTE,
         "Развитие речи ребёнка двух лет: занятия дома"),
        (datetime.date(2022, 5, 12), ConsultationAudience.SPECIALISTS, [rostok], 1,
         ConsultationGrouping.INDIVIDUAL, ConsultationMode.IN_PERSON,
         "Разработка индивидуальной программы ранней помощи"),
        (datetime.date(2022, 6, 16), ConsultationAudience.FAMILIES, [], 6,
         ConsultationGrouping.GROUP, ConsultationMode.REMOTE,
         "Адаптация ребёнка раннего возраста к детскому саду"),
        (datetime.date(2022, 10, 20), ConsultationAudience.ORGANISATIONS, [kogalym, rostok], 5,
         ConsultationGrouping.GROUP, ConsultationMode.REMOTE,
         "Дистанционное консультирование родителей: методические рекомендации"),
    )  # fmt: skip
    for held_on, audience, consulted, people, form, mode, topic in consultations:
        services.consultation_create(
            by=None,
            organisation=rc,
            direction=direction,
            audience=audience,
            consulted_organisations=consulted,
            people_count=people,
            form=form,
            mode=mode,
            held_on=held_on,
            topic=topic,
            specialist_name="Дадеркина Н. М., заведующий отделением ранней помощи",
        )

    plan = services.media_plan_create(
        by=None,
        organisation=rc,
        direction=direction,
        year=2022,
        title="Медиаплан информационного сопровождения ресурсного центра по развитию ранней помощи",
        approved_on=datetime.date(2022, 2, 9),
        approval_order="приказ от 09.02.2022 № 19, приложение 3, п. 8",
    )
    head_of_analytics = (
        Appointment.objects.filter(organisation=rc, person_name__startswith="Тур")
        .order_by("id")
        .first()
    )
    items = {}
    for number, (topic, channel, timeframe, deadline, by_head) in enumerate(
        NV_MEDIA_PLAN_ITEMS, start=1
    ):
        items[number] = services.media_plan_item_create(
            by=None,
            plan=plan,
            number=number,
            topic=topic,
            channel=channel,
            timeframe=timeframe,
            deadline=deadline,
            responsible_appointment=head_of_analytics if by_head else None,
            responsible_text="" if by_head and head_of_analytics else "Заведующий ОРП, методист",
        )
    for number, published_on, title, outlet, link in NV_PUBLICATIONS:
        item = items[number]
        services.publication_create(
            by=None,
            organisation=rc,
            direction=direction,
            channel=item.channel,
            published_on=published_on,
            title=title,
            outlet=outlet,
            link=link,
            plan_item=item,
        )
    services.publication_create(
        by=None,
        organisation=rc,
        direction=direction,
        channel=PublicationChannel.SOCIAL,
        published_on=datetime.date(2022, 11, 18),
        title="Как прошёл онлайн-день открытых дверей для специалистов служб ранней помощи",
        outlet="аккаунт учреждения",
        link="https://example.org/nv-rc/news/open-day",
        event=open_day_events[1],
    )


# --- Surgut, now -----------------------------------------------------------------------------


def _load_surgut(orgs, directions):
    rc, direction = orgs[SURGUT_RC], directions[2]
    neft, zabota = orgs[NEFTEYUGANSK], orgs[ZABOTA]
    surgut = {"place": SURGUT_PLACE, "link": SURGUT_LINK}
    meetings = (
        (_dt(2026, 2, 19), SURGUT_MARKER),
        (_dt(2026, 5, 21), "Межведомственное взаимодействие при ресоциализации освободившихся"),
        (_dt(2026, 9, 17), "Социальная адаптация бездомных граждан в осенне-зимний период"),
    )
    for start, topic in meetings:
        event = _event(
            rc,
            direction,
            EventKind.MO_MEETING,
            topic,
            start,
            start + datetime.timedelta(hours=2),
            **surgut,
        )
        _attended(event, neft, zabota)
    open_day = _event(
        rc,
        direction,
        EventKind.OPEN_DAY,
        "День открытых дверей: как работает центр социальной адаптации",
        _dt(2026, 4, 16),
        _dt(2026, 4, 16, 15),
        fmt=EventFormat.IN_PERSON,
        place=SURGUT_PLACE,
        is_public=True,
    )
    _attended(open_day, neft, zabota)
    webinar = _event(
        rc,
        direction,
        EventKind.WEBINAR,
        "Социальное сопровождение граждан без определённого места жительства",
        _dt(2026, 10, 15, 11),
        _dt(2026, 10, 15, 13),
        fmt=EventFormat.ONLINE,
        link=SURGUT_LINK,
        nominations_open=True,
    )
    _attended(
        webinar,
        people=(
            ("Кравцова Елена Николаевна", "специалист по социальной работе", neft,
             ParticipationStatus.ATTENDED),
            ("Юсупов Ринат Маратович", "психолог", zabota, ParticipationStatus.ABSENT),
        ),
    )  # fmt: skip
    services.publication_create(
        by=None,
        organisation=rc,
        direction=direction,
        channel=PublicationChannel.WEBSITE,
        published_on=datetime.date(2026, 4, 17),
        title="В центре социальной адаптации прошёл день открытых дверей",
        outlet="официальный сайт учреждения",
        link="https://example.org/surgut-rc/news/open-day-2026",
        event=open_day,
    )
    services.publication_create(
        by=None,
        organisation=rc,
        direction=direction,
        channel=PublicationChannel.NEWSPAPER,
        published_on=datetime.date(2026, 6, 5),
        title="Вернуться к обычной жизни: как помогают людям после освобождения",
        outlet="районная газета",
    )
    services.consultation_create(
        by=None,
        organisation=rc,
        direction=direction,
        audience=ConsultationAudience.ORGANISATIONS,
        consulted_organisations=[zabota],
        people_count=2,
        form=ConsultationGrouping.GROUP,
        mode=ConsultationMode.REMOTE,
        held_on=datetime.date(2026, 3, 12),
        topic="Порядок предоставления социальных услуг лицам без определённого места жительства",
        specialist_name="Лебедева О. С., руководитель ресурсного центра",
    )

    # What lies ahead is placed from today, so that the training plan is open whenever the
    # demo is loaded: a seminar in ten days with nominations from two providers of direction 2.
    today = timezone.localdate()
    start = today + datetime.timedelta(days=10)
    seminar = _event(
        rc,
        direction,
        EventKind.SEMINAR,
        "Ресоциализация лиц, освободившихся из мест лишения свободы: межведомственное "
        "взаимодействие",
        _dt(start.year, start.month, start.day),
        _dt(start.year, start.month, start.day, 16),
        fmt=EventFormat.IN_PERSON,
        place=SURGUT_PLACE,
        state=EventState.PLANNED,
        is_public=True,
        nominations_open=True,
        nomination_deadline=today + datetime.timedelta(days=7),
        places=30,
    )
    confirmed = services.nomination_create(
        by=None,
        event=seminar,
        organisation=neft,
        person_name="Кравцова Елена Николаевна",
        position="специалист по социальной работе",
    )
    services.nomination_confirm(by=None, nomination=confirmed)
    services.nomination_create(
        by=None,
        event=seminar,
        organisation=zabota,
        person_name="Юсупов Ринат Маратович",
        position="психолог",
    )
    meeting_day = today + datetime.timedelta(days=17)
    _event(
        rc,
        direction,
        EventKind.MO_MEETING,
        "Итоги года и план работы методического объединения",
        _dt(meeting_day.year, meeting_day.month, meeting_day.day),
        _dt(meeting_day.year, meeting_day.month, meeting_day.day, 12),
        state=EventState.PLANNED,
        **surgut,
    )


@transaction.atomic
def load_demo_data() -> None:
    orgs = {
        o.name: o
        for o in Organisation.objects.filter(
            name__in=[DEPARTMENT, METHODICAL_CENTRE, NV_RC, SURGUT_RC, KOGALYM, ROSTOK,
                      NEFTEYUGANSK, ZABOTA]
        )
    }  # fmt: skip
    if NV_RC not in orgs or SURGUT_RC not in orgs:
        return  # the directory demo is not loaded
    directions = {d.number: d for d in Direction.objects.filter(number__in=[2, 8])}
    if not Event.objects.filter(organiser=orgs[NV_RC], topic=NV_MARKER).exists():
        _load_nizhnevartovsk(orgs, directions)
    if not Event.objects.filter(organiser=orgs[SURGUT_RC], topic=SURGUT_MARKER).exists():
        _load_surgut(orgs, directions)
