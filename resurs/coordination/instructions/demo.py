"""Demo data of requests and instructions (REP-9), dated relative to the day of loading so that
the board and the home page always show the three control statuses:

* the Surgut RC (direction 2) requested information on the support of people released from
  prison from two providers of its direction (000:5.1.1): the Nefteyugansk KCSON answered on
  time (accepted), «Забота» has not answered and is overdue;
* the Department instructed the Surgut RC to present its proposals (000:5.2.3): the RC
  answered three days late, the answer awaits the Department's review;
* the Department requested the Pyt-Yakh KCSON and the Surgut district УСЗН to confirm their
  responsibles, due in two days (the «provider» and «uszn» logins see it on their home page).

Loading twice changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from resurs.coordination.instructions import services
from resurs.coordination.instructions.models import Addressee, Instruction, InstructionKind
from resurs.kernel.accounts.models import Membership
from resurs.kernel.organisations.demo import DEPARTMENT, PYT_YAKH_KCSON, SURGUT_RC
from resurs.kernel.organisations.models import Organisation

NEFTEYUGANSK = "БУ «Нефтеюганский комплексный центр социального обслуживания населения»"
ZABOTA = "Автономная некоммерческая организация «Центр социальной помощи «Забота»"
SURGUT_USZN = "Управление социальной защиты населения по Сургутскому району"

RC_REQUEST = "О численности граждан, освободившихся из мест лишения свободы, получивших услуги"
RC_REQUEST_TEXT = (
    "В целях подготовки ежеквартального отчёта ресурсного центра прошу представить сведения "
    "о численности граждан, освободившихся из мест лишения свободы, которым в текущем квартале "
    "предоставлены социальные услуги, с указанием форм социального обслуживания и применённых "
    "технологий ресоциализации. Форма прилагается."
)
DEPARTMENT_INSTRUCTION = "О предложениях в план мероприятий по направлению на следующий год"
DEPARTMENT_INSTRUCTION_TEXT = (
    "Поручаю представить предложения в план мероприятий («дорожную карту») по приоритетному "
    "направлению «Адаптация и ресоциализация лиц без определённого места жительства и лиц, "
    "освободившихся из мест лишения свободы» на следующий год, с обоснованием и ожидаемыми "
    "результатами."
)
DEPARTMENT_REQUEST = "Об ответственных за взаимодействие с ресурсными центрами"
DEPARTMENT_REQUEST_TEXT = (
    "Прошу подтвердить сведения о работниках, назначенных ответственными за взаимодействие с "
    "ресурсными центрами и за представление отчётности, с реквизитами приказов о назначении."
)


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _at(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _user(username: str):
    membership = Membership.objects.filter(user__username=username).select_related("user").first()
    return membership.user if membership else None


def _send(sender, kind, title, text, sent, deadline, addressees, author):
    instruction = services.instruction_create(
        by=None,
        sender=sender,
        kind=kind,
        title=title,
        text=text,
        deadline=deadline,
        addressees=addressees,
        sent_on=sent,
    )
    if author is not None:
        Instruction.objects.filter(pk=instruction.pk).update(author=author)
    return instruction


def _answer(instruction, organisation, text, day, user=None):
    row = Addressee.objects.select_related("instruction").get(
        instruction=instruction, organisation=organisation
    )
    services.answer_submit(by=None, addressee=row, text=text, answered_at=_at(day))
    if user is not None:
        Addressee.objects.filter(pk=row.pk).update(answered_by=user)
    return row


@transaction.atomic
def load_demo_data() -> None:
    orgs = {
        o.name: o
        for o in Organisation.objects.filter(
            name__in=[DEPARTMENT, SURGUT_RC, NEFTEYUGANSK, ZABOTA, PYT_YAKH_KCSON, SURGUT_USZN]
        )
    }
    if len(orgs) < 6:
        return  # the directory demo is not loaded
    rc, department = orgs[SURGUT_RC], orgs[DEPARTMENT]
    if not Instruction.objects.filter(sender=rc, title=RC_REQUEST).exists():
        request = _send(
            rc,
            InstructionKind.REQUEST,
            RC_REQUEST,
            RC_REQUEST_TEXT,
            _days(-20),
            _days(-5),
            [orgs[NEFTEYUGANSK], orgs[ZABOTA]],
            _user("rc"),
        )
        row = _answer(
            request,
            orgs[NEFTEYUGANSK],
            "Сведения представлены по форме: 14 граждан, из них 9 — в полустационарной форме "
            "(социальная адаптация), 5 — на дому; применялись технологии социального "
            "сопровождения и «Школа ресоциализации».",
            _days(-7),
        )
        services.answer_accept(by=None, addressee=row)
    if not Instruction.objects.filter(sender=department, title=DEPARTMENT_INSTRUCTION).exists():
        instruction = _send(
            department,
            InstructionKind.INSTRUCTION,
            DEPARTMENT_INSTRUCTION,
            DEPARTMENT_INSTRUCTION_TEXT,
            _days(-30),
            _days(-15),
            [rc],
            _user("department"),
        )
        _answer(
            instruction,
            rc,
            "Направляем предложения в план мероприятий на следующий год: стажировочная площадка "
            "«Ресоциализация: межведомственный подход» (II квартал), заседания методического "
            "объединения ежеквартально, методические рекомендации по сопровождению граждан, "
            "освободившихся из мест лишения свободы (IV квартал).",
            _days(-12),
            _user("rc"),
        )
    if not Instruction.objects.filter(sender=department, title=DEPARTMENT_REQUEST).exists():
        _send(
            department,
            InstructionKind.REQUEST,
            DEPARTMENT_REQUEST,
            DEPARTMENT_REQUEST_TEXT,
            _days(-3),
            _days(2),
            [orgs[PYT_YAKH_KCSON], orgs[SURGUT_USZN]],
            _user("department"),
        )
