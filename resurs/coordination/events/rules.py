"""The regulations' rules about events, as data with their seed references (STYLE: rules that
are data in the regulations live in one module of constants, never scattered through code)."""

from dataclasses import dataclass

from resurs.coordination.events.models import EventKind


@dataclass(frozen=True)
class RegularEventRule:
    """An event of ``kind`` has to be held at least once in every period of ``months``."""

    kind: str
    months: int  # 3 = quarter, 6 = half-year
    missing: str  # the warning's title, before the period's label
    # What the home page cites, in words an official reads (never a seed's internal number).
    basis: str


# 003:3.2.2: «организация и координация деятельности методического объединения специалистов
# ранней помощи на постояннодействующей основе, с периодичностью заседаний не менее 1 раза
# в квартал».
MO_MEETING_RULE = RegularEventRule(
    kind=EventKind.MO_MEETING,
    months=3,
    missing="Не проведено заседание методического объединения",
    basis="приказ о деятельности ресурсного центра, п. 3.2.2 — заседания не реже 1 раза в квартал",
)

# 003, дорожная карта на 2022 год, п. 14: «День открытых дверей для специалистов служб ранней
# помощи … 1 раз в полугодие». (002:3.7 asks for it quarterly; a region that follows 002
# changes ``months`` to 3.)
OPEN_DAY_RULE = RegularEventRule(
    kind=EventKind.OPEN_DAY,
    months=6,
    missing="Не проведён день открытых дверей",
    basis="дорожная карта ресурсного центра, п. 14 — 1 раз в полугодие",
)

# The rules the RC's home page checks (resurs.coordination.events.attention).
REGULAR_EVENT_RULES = (MO_MEETING_RULE, OPEN_DAY_RULE)


# KPI 6.3 «количество организаций, получивших консультационно-методическую поддержку»
# (000:6.3) counts the organisations consulted and those whose staff attended an RC's event
# of a kind the regulations name as methodological support or training of specialists:
# 000:2.3.1 (консалтинговое сопровождение), 000:3.1.9 (стажировочные площадки),
# 003:3.2.2 (методическое объединение; стажировочные и информационно-дискуссионные площадки;
# конференции, семинары, мастер-классы по обучению специалистов), 003 roadmap п. 14
# (день открытых дверей для специалистов — «профессиональный обмен эффективными практиками»),
# 004 appendix 1 п. 6, 8 (круглые столы, семинары, вебинары для повышения компетенций).
# Forums, exhibitions and other events address the public, not the organisations' staff.
METHODOLOGICAL_SUPPORT_KINDS = frozenset(
    {
        EventKind.INTERNSHIP,
        EventKind.SEMINAR,
        EventKind.WEBINAR,
        EventKind.ROUND_TABLE,
        EventKind.MASTER_CLASS,
        EventKind.CONFERENCE,
        EventKind.DISCUSSION_PLATFORM,
        EventKind.MO_MEETING,
        EventKind.OPEN_DAY,
    }
)
