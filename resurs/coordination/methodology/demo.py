"""Demo data of the methodology registries: the Department's expert council with two experts,
the methodological products that seed 003's 2022 roadmap implies (item 3: «разработка и
направление на экспертизу не менее двух методических продуктов»; item 12: guidelines for
remote consultations of parents) and best practices of direction 2.

Loaded by ``manage.py load_demo`` after ``organisations.demo.load_demo``; loading twice
changes nothing. The records pass through the services (so the audit trail is real), then
their dates are moved to 2022, the year of the seed's roadmap.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from resurs.coordination.methodology.models import (
    ExpertCouncil,
    Practice,
    Product,
    ProductKind,
    Review,
    ReviewRound,
    Verdict,
)
from resurs.coordination.methodology.services import practices, products, replications, reviews
from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.demo import DEMO_PASSWORD, DEPARTMENT, NV_RC, SURGUT_RC
from resurs.kernel.organisations.models import Direction, Organisation

COUNCIL_NAME = "Экспертный совет Депсоцразвития Югры по методическим продуктам"


@dataclass(frozen=True)
class Expert:
    username: str
    last_name: str
    first_name: str
    patronymic: str
    position: str


EXPERTS = (
    Expert("expert1", "Соловьева", "Марина", "Николаевна",
           "Консультант отдела организации социального обслуживания, член экспертного совета"),
    Expert("expert2", "Егоров", "Павел", "Андреевич",
           "Главный специалист-эксперт отдела методического обеспечения, член экспертного совета"),
)  # fmt: skip


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


D = datetime.date

NV_TARGET_GROUP = (
    "Дети от 0 до 3 лет, имеющие ограничения жизнедеятельности (в том числе дети с ОВЗ, "
    "дети-инвалиды, дети с генетическими нарушениями), дети группы риска и их семьи"
)


def _experts(department: Organisation) -> list[Membership]:
    memberships = []
    for expert in EXPERTS:
        user = User.objects.filter(username=expert.username).first()
        if user is None:
            user = User.objects.create_user(
                username=expert.username,
                password=DEMO_PASSWORD,
                last_name=expert.last_name,
                first_name=expert.first_name,
                patronymic=expert.patronymic,
            )
        membership, _created = Membership.objects.get_or_create(
            user=user,
            organisation=department,
            role=Role.DEPARTMENT,
            direction=None,
            defaults={"position": expert.position},
        )
        memberships.append(membership)
    return memberships


def _backdate_product(product, *, created, submitted=None, decided=None) -> None:
    Product.objects.filter(pk=product.pk).update(
        created_at=_at(created),
        submitted_at=_at(submitted) if submitted else None,
        decided_at=_at(decided, 15) if decided else None,
    )


def _backdate_round(review_round, *, started, decided=None, verdicts=()) -> None:
    ReviewRound.objects.filter(pk=review_round.pk).update(
        started_at=_at(started), decided_at=_at(decided, 15) if decided else None
    )
    for user, day in verdicts:
        Review.objects.filter(round=review_round, reviewer=user).update(decided_at=_at(day, 15))


@transaction.atomic
def load_demo_data() -> bool:
    """Loads the methodology demo once; returns False when it is there (or nothing to add to)."""
    department = Organisation.objects.filter(name=DEPARTMENT).first()
    if department is None or ExpertCouncil.objects.filter(name=COUNCIL_NAME).exists():
        return False
    organisations = {o.name: o for o in Organisation.objects.all()}
    by_short = {o.short_name: o for o in organisations.values()}
    directions = {d.number: d for d in Direction.objects.all()}
    secretary = Membership.objects.get(user__username="department", role=Role.DEPARTMENT)
    rc = Membership.objects.get(user__username="rc", role=Role.RESOURCE_CENTRE)
    methodist = Membership.objects.get(user__username="methodist", role=Role.METHODICAL_CENTRE)
    expert1, expert2 = _experts(department)

    council = reviews.council_save(
        by=secretary,
        council=ExpertCouncil(),
        members=[expert1.user, expert2.user],
        name=COUNCIL_NAME,
        approvals_needed=2,
        rejections_needed=2,
        is_active=True,
        note="Проводит экспертизу методических продуктов ресурсных центров (модельных "
        "программ, проектов, технологий социальной работы) для последующего внедрения в "
        "деятельность государственных учреждений.",
    )

    nv_rc, surgut_rc = organisations[NV_RC], organisations[SURGUT_RC]

    # Seed 003, roadmap 2022, item 3: the model programme, recommended by both experts.
    programme = products.product_create(
        by=None,
        organisation=nv_rc,
        direction=directions[8],
        kind=ProductKind.PROGRAMME,
        title="Модельная программа ранней помощи детям от 0 до 3 лет и их семьям",
        year=2022,
        authors="Немцова О. Ф., Дадеркина Н. М., Тур Н. В.",
        target_group=NV_TARGET_GROUP,
        annotation="Программа комплексного сопровождения семьи, воспитывающей ребёнка раннего "
        "возраста: диагностическое, психолого-педагогическое, сопроводительное и "
        "лечебно-восстановительное направления; междисциплинарная оценка, индивидуальная "
        "программа ранней помощи, пролонгированное консультирование семьи до 6 месяцев.",
        is_public=True,
    )
    products.product_submit(by=None, product=programme)
    review_round = reviews.product_start_review(
        by=secretary, product=programme, council=council, reviewers=[expert1.user, expert2.user]
    )
    reviews.product_record_verdict(by=expert1, product=programme, verdict=Verdict.APPROVE)
    reviews.product_record_verdict(
        by=expert2,
        product=programme,
        verdict=Verdict.APPROVE,
        remarks="Рекомендую к внедрению в учреждениях, оказывающих услуги ранней помощи.",
    )
    _backdate_product(
        programme, created=D(2022, 3, 1), submitted=D(2022, 3, 15), decided=D(2022, 4, 12)
    )
    _backdate_round(
        review_round,
        started=D(2022, 3, 22),
        decided=D(2022, 4, 12),
        verdicts=[(expert1.user, D(2022, 4, 5)), (expert2.user, D(2022, 4, 12))],
    )
    products.implementation_add(
        by=None,
        product=programme,
        organisation=by_short["Когалымский КЦСОН"],
        started_on=D(2022, 9, 1),
        note="Программа включена в работу отделения ранней помощи.",
    )
    products.implementation_add(
        by=None,
        product=programme,
        organisation=by_short["АНО «Росток»"],
        started_on=D(2022, 10, 3),
        note="Применяется в группах кратковременного пребывания для детей раннего возраста.",
    )

    # Item 12: guidelines for consulting parents remotely — under review, one verdict given.
    guidelines = products.product_create(
        by=None,
        organisation=nv_rc,
        direction=directions[8],
        kind=ProductKind.RECOMMENDATIONS,
        title="Методические рекомендации по консультированию родителей детей раннего возраста "
        "в дистанционном режиме",
        year=2022,
        authors="Дадеркина Н. М., Панасюк А. В.",
        target_group="Специалисты служб ранней помощи, консультирующие родителей",
        annotation="Порядок подготовки и проведения дистанционной консультации семьи "
        "(видеосвязь, телефон, мессенджеры), содержание консультаций по развитию ребёнка на "
        "пролонгированном сопровождении, оценка удовлетворённости родителей.",
    )
    products.product_submit(by=None, product=guidelines)
    review_round = reviews.product_start_review(
        by=secretary, product=guidelines, council=council, reviewers=[expert1.user, expert2.user]
    )
    reviews.product_record_verdict(
        by=expert1,
        product=guidelines,
        verdict=Verdict.APPROVE,
        remarks="Рекомендую дополнить приложением с примерами сценариев онлайн-консультаций.",
    )
    _backdate_product(guidelines, created=D(2022, 3, 28), submitted=D(2022, 10, 20))
    _backdate_round(
        review_round, started=D(2022, 10, 27), verdicts=[(expert1.user, D(2022, 11, 8))]
    )

    # The Surgut RC (direction 2): a technology returned with remarks, and a draft.
    technology = products.product_create(
        by=None,
        organisation=surgut_rc,
        direction=directions[2],
        kind=ProductKind.TECHNOLOGY,
        title="Технология социального сопровождения граждан, освобождённых из мест лишения "
        "свободы, «Новый старт»",
        year=2022,
        authors="Лебедева О. С.",
        target_group="Граждане, освобождённые из мест лишения свободы",
        annotation="Этапы сопровождения от подготовки к освобождению до трудоустройства: "
        "восстановление документов, временное жильё, содействие в поиске работы, "
        "психологическая поддержка.",
    )
    products.product_submit(by=None, product=technology)
    review_round = reviews.product_start_review(
        by=secretary, product=technology, council=council, reviewers=[expert1.user, expert2.user]
    )
    reviews.product_record_verdict(
        by=expert1,
        product=technology,
        verdict=Verdict.RETURN,
        remarks="Не описаны критерии и показатели оценки эффективности технологии. Уточните "
        "целевую группу (срок после освобождения) и порядок взаимодействия с "
        "уголовно-исполнительной инспекцией и центром занятости.",
    )
    _backdate_product(
        technology, created=D(2022, 5, 16), submitted=D(2022, 6, 1), decided=D(2022, 6, 20)
    )
    _backdate_round(
        review_round,
        started=D(2022, 6, 8),
        decided=D(2022, 6, 20),
        verdicts=[(expert1.user, D(2022, 6, 20))],
    )
    manual = products.product_create(
        by=None,
        organisation=surgut_rc,
        direction=directions[2],
        kind=ProductKind.MANUAL,
        title="Социальная адаптация граждан без определённого места жительства: алгоритм "
        "работы специалиста",
        year=2022,
        authors="Лебедева О. С.",
        target_group="Специалисты по социальной работе учреждений социального обслуживания",
        annotation="Пособие для специалистов: выявление, первичная помощь, сопровождение и "
        "межведомственное взаимодействие при работе с гражданами без определённого места "
        "жительства.",
    )
    _backdate_product(manual, created=D(2022, 11, 10))

    # REG-3: a practice of a direction 2 provider, analysed by the Surgut RC and replicated.
    shelter = practices.practice_create(
        by=None,
        organisation=by_short["АНО «Забота»"],
        direction=directions[2],
        title="Пункт социальной помощи «Тёплый дом» для граждан без определённого места жительства",
        description="Ежедневный приём граждан без определённого места жительства: горячее "
        "питание, санитарная обработка, одежда, консультации специалиста по социальной "
        "работе и юриста, содействие в восстановлении документов и оформлении мер "
        "социальной поддержки.",
        results="Граждане получают помощь в одном месте; часть из них восстанавливает "
        "документы, оформляет меры социальной поддержки и находит работу.",
        target_group="Граждане без определённого места жительства",
        year=2022,
        is_public=True,
    )
    practices.practice_propose(by=None, practice=shelter)
    practices.practice_analyse(
        by=rc,
        practice=shelter,
        verdict="recommended",
        analysis="Практика отвечает задачам направления, применима в муниципалитетах с "
        "численностью граждан без определённого места жительства более 30 человек; требует "
        "помещения с санитарным блоком и взаимодействия с УСЗН и МВД. Рекомендуется к "
        "тиражированию.",
    )
    practices.practice_submit(by=rc, practice=shelter)
    replications.replication_add(
        by=methodist,
        practice=shelter,
        organisation=by_short["Нефтеюганский КЦСОН"],
        started_on=D(2022, 12, 1),
        result="Открыт пункт социальной помощи на базе отделения срочного социального "
        "обслуживания.",
    )
    Practice.objects.filter(pk=shelter.pk).update(
        created_at=_at(D(2022, 8, 29)),
        proposed_at=_at(D(2022, 9, 5)),
        analysed_at=_at(D(2022, 9, 26)),
        submitted_at=_at(D(2022, 10, 3)),
    )

    # A practice waiting for the Surgut RC's analysis (its home page queue).
    club = practices.practice_create(
        by=None,
        organisation=by_short["Нефтеюганский КЦСОН"],
        direction=directions[2],
        title="Клуб взаимной поддержки для граждан, освобождённых из мест лишения свободы",
        description="Еженедельные встречи участников с психологом и наставниками из числа "
        "успешно адаптировавшихся граждан; помощь в поиске работы и жилья.",
        results="Участники клуба реже возвращаются к асоциальному образу жизни.",
        target_group="Граждане, освобождённые из мест лишения свободы",
        year=2022,
    )
    practices.practice_propose(by=None, practice=club)
    Practice.objects.filter(pk=club.pk).update(
        created_at=_at(D(2022, 11, 14)), proposed_at=_at(D(2022, 11, 21))
    )
    return True
