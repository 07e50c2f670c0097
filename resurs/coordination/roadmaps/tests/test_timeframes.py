"""Timeframes of roadmap items (issue 4 item 2, SPEC §3 MAP-2)."""

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resurs.coordination.roadmaps.timeframes import (
    Schedule,
    ScheduleKind,
    parse_timeframe,
    quarter_ends,
)

DATED = ScheduleKind.DATED
CONTINUOUS = ScheduleKind.CONTINUOUS
UNRECOGNISED = ScheduleKind.UNRECOGNISED


def d(text: str) -> date:
    return datetime.strptime(text, "%d.%m.%Y").date()  # noqa: DTZ007 - a calendar date


def quarters(year: int) -> tuple[str, ...]:
    return (f"31.03.{year}", f"30.06.{year}", f"30.09.{year}", f"31.12.{year}")


def months(year: int) -> tuple[str, ...]:
    return tuple(f"{point:%d.%m.%Y}" for point in _month_ends(year))


def _month_ends(year: int) -> list[date]:
    ends = []
    for month in range(1, 13):
        following = date(year + month // 12, month % 12 + 1, 1)
        ends.append(date.fromordinal(following.toordinal() - 1))
    return ends


YEAR_2022 = ("01.01.2022", "31.12.2022")

# (text as written, roadmap year, kind, checkpoints, (window start, window end))
SEED_PHRASINGS = [
    # seed 003 appendix 3 (NV early-help centre, roadmap for 2022), item 1
    ("В актуальном режиме", 2022, CONTINUOUS, (), (None, None)),
    # seed 003 appendix 3, items 2 and 12
    ("1 квартал 2022 год", 2022, DATED, ("31.03.2022",), ("01.01.2022", "31.03.2022")),
    # seed 003 appendix 3, item 3
    ("В течение года", 2022, DATED, ("31.12.2022",), YEAR_2022),
    # seed 003 appendix 3, item 4
    ("1 квартал 2022 года", 2022, DATED, ("31.03.2022",), ("01.01.2022", "31.03.2022")),
    # seed 003 appendix 3, item 5
    ("1 квартал 2022г.", 2022, DATED, ("31.03.2022",), ("01.01.2022", "31.03.2022")),
    # seed 003 appendix 3, item 6
    ("1 раз в квартал", 2022, DATED, quarters(2022), YEAR_2022),
    # seed 003 appendix 3, item 7
    ("4 квартал", 2022, DATED, ("31.12.2022",), ("01.10.2022", "31.12.2022")),
    # seed 003 appendix 3, item 8: the cell as imported from the DOCX (one paragraph per sub-item)
    (
        "<p>1 раз в квартал в течение года</p> <p>1 раз в квартал в течение года</p> "
        "<p>Ежеквартально</p> <p>ежеквартально</p>",
        2022,
        DATED,
        quarters(2022),
        YEAR_2022,
    ),
    # seed 003 appendix 3, item 8: the same cell as plain text, and its sub-item phrasings
    (
        "1 раз в квартал в течение года\n1 раз в квартал в течение года\nЕжеквартально\n"
        "ежеквартально",
        2022,
        DATED,
        quarters(2022),
        YEAR_2022,
    ),
    ("1 раз в квартал в течение года", 2022, DATED, quarters(2022), YEAR_2022),
    ("Ежеквартально", 2022, DATED, quarters(2022), YEAR_2022),
    # seed 003 appendix 3, items 9 and 10
    ("Ежеквартально, в соответствии с планом", 2022, DATED, quarters(2022), YEAR_2022),
    # seed 003 appendix 3, item 11
    ("ежемесячно в соответствии с планом", 2022, DATED, months(2022), YEAR_2022),
    # seed 003 appendix 3, item 13
    ("В течение 2022 года", 2022, DATED, ("31.12.2022",), YEAR_2022),
    # seed 003 appendix 3, item 14
    ("1 раз в полугодие", 2022, DATED, ("30.06.2022", "31.12.2022"), YEAR_2022),
    # seed 003 appendix 3, item 15
    ("Октябрь-декабрь", 2022, DATED, ("31.12.2022",), ("01.10.2022", "31.12.2022")),
    # seed 003 appendix 3, item 16
    ("ежеквартально", 2022, DATED, quarters(2022), YEAR_2022),
    # seed 004 appendix 1 (media plan for 2020), items 1 and 2
    ("октябрь 2020 года", 2020, DATED, ("31.10.2020",), ("01.10.2020", "31.10.2020")),
    # seed 004 appendix 1, item 3
    ("по мере принятия", 2020, CONTINUOUS, (), (None, None)),
    # seed 004 appendix 1, items 4 and 5
    ("октябрь-декабрь 2020 года", 2020, DATED, ("31.12.2020",), ("01.10.2020", "31.12.2020")),
    # seed 004 appendix 1, items 6 and 7 (in the source as a <p> cell), item 9 (plain)
    ("<p>ноябрь-декабрь 2020 года</p>", 2020, DATED, ("31.12.2020",), ("01.11.2020", "31.12.2020")),
    ("ноябрь-декабрь 2020 года", 2020, DATED, ("31.12.2020",), ("01.11.2020", "31.12.2020")),
    # seed 004 appendix 1, item 8
    ("декабрь 2020 года", 2020, DATED, ("31.12.2020",), ("01.12.2020", "31.12.2020")),
]

ISSUE_EXAMPLES = [
    # issue 4 item 2 / SPEC §3 MAP-2, in the roadmap's year unless the text names one
    ("1 квартал 2022 год", 2023, DATED, ("31.03.2022",), ("01.01.2022", "31.03.2022")),
    ("4 квартал", 2023, DATED, ("31.12.2023",), ("01.10.2023", "31.12.2023")),
    ("ежеквартально", 2023, DATED, quarters(2023), ("01.01.2023", "31.12.2023")),
    ("1 раз в квартал", 2023, DATED, quarters(2023), ("01.01.2023", "31.12.2023")),
    ("ежемесячно", 2023, DATED, months(2023), ("01.01.2023", "31.12.2023")),
    ("в течение года", 2023, DATED, ("31.12.2023",), ("01.01.2023", "31.12.2023")),
    ("В течение 2022 года", 2023, DATED, ("31.12.2022",), YEAR_2022),
    ("Октябрь-декабрь", 2023, DATED, ("31.12.2023",), ("01.10.2023", "31.12.2023")),
    ("ноябрь-декабрь 2020 года", 2023, DATED, ("31.12.2020",), ("01.11.2020", "31.12.2020")),
    ("октябрь 2020 года", 2023, DATED, ("31.10.2020",), ("01.10.2020", "31.10.2020")),
    ("В актуальном режиме", 2023, CONTINUOUS, (), (None, None)),
]

EDGE_CASES = [
    # case, «ё», spaces, dashes
    ("  ЕЖЕКВАРТАЛЬНО  ", 2022, DATED, quarters(2022), YEAR_2022),
    ("октябрь – декабрь", 2022, DATED, ("31.12.2022",), ("01.10.2022", "31.12.2022")),
    ("Октябрь—Декабрь 2021 г.", 2022, DATED, ("31.12.2021",), ("01.10.2021", "31.12.2021")),
    ("в  течение\u00a0года", 2022, DATED, ("31.12.2022",), YEAR_2022),
    ("четвёртый квартал", 2022, DATED, ("31.12.2022",), ("01.10.2022", "31.12.2022")),
    ("Ежеквартально – в соответствии с планом", 2022, DATED, quarters(2022), YEAR_2022),
    # year spellings
    ("2 квартал 2023 г.", 2022, DATED, ("30.06.2023",), ("01.04.2023", "30.06.2023")),
    ("3 квартал 2022 года", 2022, DATED, ("30.09.2022",), ("01.07.2022", "30.09.2022")),
    ("в 2022 году", 2022, DATED, ("31.12.2022",), YEAR_2022),
    ("до конца года", 2022, DATED, ("31.12.2022",), YEAR_2022),
    ("Ⅳ квартал", 2022, DATED, ("31.12.2022",), ("01.10.2022", "31.12.2022")),
    ("1 кв. 2022 г.", 2022, DATED, ("31.03.2022",), ("01.01.2022", "31.03.2022")),
    (
        "ежеквартально в течение 2023 года",
        2022,
        DATED,
        quarters(2023),
        ("01.01.2023", "31.12.2023"),
    ),
    # Roman numerals and ranges of quarters: the window and the end of each quarter in it
    ("I квартал", 2022, DATED, ("31.03.2022",), ("01.01.2022", "31.03.2022")),
    ("IV квартал 2022 г.", 2022, DATED, ("31.12.2022",), ("01.10.2022", "31.12.2022")),
    ("II-III квартал", 2022, DATED, ("30.06.2022", "30.09.2022"), ("01.04.2022", "30.09.2022")),
    (
        "2–4 кварталы 2021 года",
        2022,
        DATED,
        ("30.06.2021", "30.09.2021", "31.12.2021"),
        ("01.04.2021", "31.12.2021"),
    ),
    ("1-й квартал", 2022, DATED, ("31.03.2022",), ("01.01.2022", "31.03.2022")),
    ("в течение 1 квартала", 2022, DATED, ("31.03.2022",), ("01.01.2022", "31.03.2022")),
    ("во II квартале", 2022, DATED, ("30.06.2022",), ("01.04.2022", "30.06.2022")),
    # half-years
    ("1 полугодие", 2022, DATED, ("30.06.2022",), ("01.01.2022", "30.06.2022")),
    ("2 полугодие", 2022, DATED, ("31.12.2022",), ("01.07.2022", "31.12.2022")),
    ("второе полугодие 2023 г.", 2022, DATED, ("31.12.2023",), ("01.07.2023", "31.12.2023")),
    ("в I полугодии", 2022, DATED, ("30.06.2022",), ("01.01.2022", "30.06.2022")),
    # months and month ranges
    ("в мае", 2024, DATED, ("31.05.2024",), ("01.05.2024", "31.05.2024")),
    ("февраль", 2024, DATED, ("29.02.2024",), ("01.02.2024", "29.02.2024")),
    ("с октября по декабрь", 2022, DATED, ("31.12.2022",), ("01.10.2022", "31.12.2022")),
    (
        "октябрь, декабрь 2020 года",
        2022,
        DATED,
        ("31.10.2020", "31.12.2020"),
        ("01.10.2020", "31.12.2020"),
    ),
    # a month range crossing the year end needs a year at each end
    ("ноябрь 2022 - февраль 2023", 2022, DATED, ("28.02.2023",), ("01.11.2022", "28.02.2023")),
    ("ноябрь-февраль", 2022, UNRECOGNISED, (), (None, None)),
    ("ноябрь - февраль 2023", 2022, UNRECOGNISED, (), (None, None)),
    ("ноябрь 2022 - февраль", 2022, UNRECOGNISED, (), (None, None)),
    ("декабрь 2023 - январь 2023", 2022, UNRECOGNISED, (), (None, None)),
    ("III-I квартал", 2022, UNRECOGNISED, (), (None, None)),
    # deadlines: one dated checkpoint, no start; the date may be in the next year
    ("до 20 января 2023", 2022, DATED, ("20.01.2023",), (None, "20.01.2023")),
    ("до 20 января 2023 года", 2022, DATED, ("20.01.2023",), (None, "20.01.2023")),
    ("до 15.02.2022", 2022, DATED, ("15.02.2022",), (None, "15.02.2022")),
    ("в срок до 15.02.2022 года", 2022, DATED, ("15.02.2022",), (None, "15.02.2022")),
    ("до 04.12.2020", 2020, DATED, ("04.12.2020",), (None, "04.12.2020")),
    ("не позднее 10 апреля", 2022, DATED, ("10.04.2022",), (None, "10.04.2022")),
    ("до 31.02.2022", 2022, UNRECOGNISED, (), (None, None)),
    # other continuous phrasings
    ("по мере необходимости", 2022, CONTINUOUS, (), (None, None)),
    ("Постоянно", 2022, CONTINUOUS, (), (None, None)),
    # not understood: kept verbatim, never guessed
    ("", 2022, UNRECOGNISED, (), (None, None)),
    ("в соответствии с планом", 2022, UNRECOGNISED, (), (None, None)),
    ("ежеквартально до 10 числа следующего за отчетным", 2022, UNRECOGNISED, (), (None, None)),
    ("по согласованию с Депсоцразвития", 2022, UNRECOGNISED, (), (None, None)),
    ("до декабря", 2022, UNRECOGNISED, (), (None, None)),
    ("5 квартал", 2022, UNRECOGNISED, (), (None, None)),
    ("3 полугодие", 2022, UNRECOGNISED, (), (None, None)),
    ("2022-2023 годы", 2022, UNRECOGNISED, (), (None, None)),
    ("в течение 2022-2023 гг.", 2022, UNRECOGNISED, (), (None, None)),
    ("2 раза в квартал", 2022, UNRECOGNISED, (), (None, None)),
    ("ежеквартально, по мере принятия", 2022, UNRECOGNISED, (), (None, None)),
    ("октябрь 2020, декабрь 2021, март", 2022, UNRECOGNISED, (), (None, None)),
    ("июньский отчет", 2022, UNRECOGNISED, (), (None, None)),
]


def _expected(window):
    return tuple(d(value) if value else None for value in window)


@pytest.mark.parametrize(
    ("text", "year", "kind", "checkpoints", "window"),
    SEED_PHRASINGS + ISSUE_EXAMPLES + EDGE_CASES,
)
def test_phrasing(text, year, kind, checkpoints, window):
    schedule = parse_timeframe(text, year=year)

    assert schedule.text == text
    assert schedule.kind == kind
    assert schedule.checkpoints == tuple(d(value) for value in checkpoints)
    assert (schedule.window_start, schedule.window_end) == _expected(window)
    assert schedule.recognised is (kind != UNRECOGNISED)


@pytest.mark.parametrize(
    ("text", "year", "label"),
    [
        ("ежеквартально", 2022, "ежеквартально: 31.03, 30.06, 30.09, 31.12.2022"),
        ("1 раз в полугодие", 2022, "раз в полугодие: 30.06, 31.12.2022"),
        (
            "ежемесячно",
            2021,
            "ежемесячно: " + ", ".join(v[:5] for v in months(2021)[:-1]) + ", 31.12.2021",
        ),
        ("II-III квартал", 2022, "контрольные даты: 30.06, 30.09.2022"),
        ("В течение 2022 года", 2022, "в течение 2022 года: до 31.12.2022"),
        ("Октябрь-декабрь", 2022, "до 31.12.2022 (период 01.10–31.12.2022)"),
        ("ноябрь 2022 - февраль 2023", 2022, "до 28.02.2023 (период 01.11.2022–28.02.2023)"),
        ("до 15.02.2022", 2022, "до 15.02.2022"),
        ("по мере принятия", 2020, "постоянно, без контрольной даты (проверяется ежеквартально)"),
        ("как получится", 2022, "срок не распознан"),
    ],
)
def test_label(text, year, label):
    assert parse_timeframe(text, year=year).label == label


def test_label_of_a_schedule_set_by_a_person():
    schedule = Schedule(
        text="по графику",
        kind=DATED,
        checkpoints=(d("30.12.2022"), d("20.01.2023")),
        window_start=None,
        window_end=None,
    )
    assert schedule.recognised
    assert schedule.label == "контрольные даты: 30.12.2022, 20.01.2023"


def test_seed_003_roadmap_has_no_unrecognised_timeframe():
    """Seed 003 appendix 3, column «Срок реализации» of items 1-16 in order."""
    column = [
        "В актуальном режиме",
        "1 квартал 2022 год",
        "В течение года",
        "1 квартал 2022 года",
        "1 квартал 2022г.",
        "1 раз в квартал",
        "4 квартал",
        "<p>1 раз в квартал в течение года</p> <p>1 раз в квартал в течение года</p> "
        "<p>Ежеквартально</p> <p>ежеквартально</p>",
        "Ежеквартально, в соответствии с планом",
        "Ежеквартально, в соответствии с планом",
        "ежемесячно в соответствии с планом",
        "1 квартал 2022 год",
        "В течение 2022 года",
        "1 раз в полугодие",
        "Октябрь-декабрь",
        "ежеквартально",
    ]
    schedules = [parse_timeframe(text, year=2022) for text in column]
    assert all(schedule.recognised for schedule in schedules)
    assert [schedule.kind for schedule in schedules].count(CONTINUOUS) == 1
    checkpoints = {point for schedule in schedules for point in schedule.checkpoints}
    assert {point.year for point in checkpoints} == {2022}


def test_roadmap_year_must_be_a_year():
    with pytest.raises(ValueError, match="год"):
        parse_timeframe("4 квартал", year=0)


def test_quarter_ends():
    assert quarter_ends(2022) == tuple(d(value) for value in quarters(2022))


# --- properties ---------------------------------------------------------------------------

MONTH_NAMES = [
    ("январь", "января", "январе"),
    ("февраль", "февраля", "феврале"),
    ("март", "марта", "марте"),
    ("апрель", "апреля", "апреле"),
    ("май", "мая", "мае"),
    ("июнь", "июня", "июне"),
    ("июль", "июля", "июле"),
    ("август", "августа", "августе"),
    ("сентябрь", "сентября", "сентябре"),
    ("октябрь", "октября", "октябре"),
    ("ноябрь", "ноября", "ноябре"),
    ("декабрь", "декабря", "декабре"),
]
QUARTER_NUMERALS = [
    ("1", "I", "первый", "1-й"),
    ("2", "II", "второй", "2-й"),
    ("3", "III", "третий", "3-й"),
    ("4", "IV", "четвёртый", "4-й"),
]
HALF_NUMERALS = [("1", "I", "первое", "1-е"), ("2", "II", "второе", "2-е")]

spaces = st.sampled_from([" ", "  ", "\u00a0", " \t "])
dashes = st.sampled_from(["-", "–", "—", " - ", " – ", " — "])
cases = st.sampled_from([str, str.lower, str.upper, str.capitalize])
roadmap_years = st.integers(min_value=2000, max_value=2099)


@st.composite
def year_suffix(draw):
    """(text, year named) — possibly no year at all."""
    named = draw(st.none() | st.integers(min_value=1990, max_value=2099))
    if named is None:
        return "", None
    word = draw(st.sampled_from(["", " г.", " г", "г.", " год", " года", " году"]))
    return f"{draw(spaces)}{named}{word}", named


@st.composite
def phrasings(draw):
    """(text, year named or None, (first, last) month of the window, months of the checkpoints)."""
    kind = draw(
        st.sampled_from(["quarter", "quarters", "month", "months", "half", "periodic", "year"])
    )
    suffix, named = draw(year_suffix())
    if kind == "quarter":
        quarter = draw(st.integers(1, 4))
        numeral = draw(st.sampled_from(QUARTER_NUMERALS[quarter - 1]))
        prefix = draw(st.sampled_from(["", "в ", "в течение "]))
        word = {"": "квартал", "в ": "квартале", "в течение ": "квартала"}[prefix]
        text = f"{prefix}{numeral} {word}"
        span = (3 * quarter - 2, 3 * quarter)
        ends = [3 * quarter]
    elif kind == "quarters":
        first = draw(st.integers(1, 4))
        last = draw(st.integers(first, 4))
        text = f"{draw(st.sampled_from(QUARTER_NUMERALS[first - 1][:2]))}{draw(dashes)}"
        text += f"{draw(st.sampled_from(QUARTER_NUMERALS[last - 1][:2]))} квартал"
        span = (3 * first - 2, 3 * last)
        ends = [3 * q for q in range(first, last + 1)]
    elif kind == "month":
        month = draw(st.integers(1, 12))
        text = draw(st.sampled_from(MONTH_NAMES[month - 1]))
        span, ends = (month, month), [month]
    elif kind == "months":
        first = draw(st.integers(1, 12))
        last = draw(st.integers(first, 12))
        text = f"{MONTH_NAMES[first - 1][0]}{draw(dashes)}{MONTH_NAMES[last - 1][0]}"
        span, ends = (first, last), [last]
    elif kind == "half":
        half = draw(st.integers(1, 2))
        text = f"{draw(st.sampled_from(HALF_NUMERALS[half - 1]))} полугодие"
        span, ends = (6 * half - 5, 6 * half), [6 * half]
    elif kind == "periodic":
        text, ends = draw(
            st.sampled_from(
                [
                    ("ежеквартально", [3, 6, 9, 12]),
                    ("1 раз в квартал", [3, 6, 9, 12]),
                    ("ежемесячно", list(range(1, 13))),
                    ("1 раз в полугодие", [6, 12]),
                ]
            )
        )
        span = (1, 12)
    else:
        text, span, ends = "в течение года", (1, 12), [12]
        if named is not None:
            text, suffix = f"в течение {named} года", ""
    text = draw(cases)(text) + suffix
    text = draw(st.sampled_from(["", " ", "\n"])) + text + draw(st.sampled_from(["", " ", "."]))
    return text, named, span, ends


def _last_day(year: int, month: int) -> date:
    return _month_ends(year)[month - 1]


@settings(max_examples=400)
@given(phrasings(), roadmap_years)
def test_generated_phrasings_are_understood(phrasing, roadmap_year):
    text, named, (first, last), ends = phrasing
    schedule = parse_timeframe(text, year=roadmap_year)
    year = named or roadmap_year

    assert schedule.kind == DATED, text
    assert schedule.text == text
    points = schedule.checkpoints
    assert points == tuple(sorted(set(points)))
    assert points == tuple(_last_day(year, month) for month in ends)
    assert schedule.window_start == date(year, first, 1)
    assert schedule.window_end == _last_day(year, last)
    assert all(schedule.window_start <= point <= schedule.window_end for point in points)
    assert {point.year for point in points} == {year}


def _check_invariants(text: str, schedule: Schedule) -> None:
    assert isinstance(schedule, Schedule)
    assert schedule.text == text
    assert isinstance(schedule.label, str)
    assert schedule.label
    if schedule.kind == DATED:
        points = schedule.checkpoints
        assert points
        assert points == tuple(sorted(set(points)))
        assert schedule.window_end is not None
        assert points[-1] <= schedule.window_end
        if schedule.window_start is not None:
            assert schedule.window_start <= points[0]
    else:
        assert schedule.checkpoints == ()
        assert (schedule.window_start, schedule.window_end) == (None, None)
    if schedule.kind == UNRECOGNISED:
        assert not schedule.recognised
        assert schedule.label == "срок не распознан"


@settings(max_examples=300)
@given(st.text(), roadmap_years)
def test_arbitrary_text_never_raises(text, year):
    _check_invariants(text, parse_timeframe(text, year=year))


VOCABULARY = [
    "1", "2", "4", "5", "13", "31", "II", "iv", "квартал", "квартала", "полугодие", "раз", "в",
    "течение", "года", "год", "г.", "2020", "2022", "2023", "октябрь", "декабря", "мае", "-",
    "–", "—", ",", ";", ".", "до", "по", "с", "и", "ежеквартально", "ежемесячно", "мере",
    "принятия", "актуальном", "режиме", "плану", "15.02", "15.02.2022", "31.02.2022", "<p>",
    "</p>", "\n", "ё", "Ё", "числа", "следующего",
]  # fmt: skip


@settings(max_examples=500)
@given(
    st.lists(st.sampled_from(VOCABULARY) | st.text(max_size=3), max_size=8),
    st.lists(spaces | st.just(""), min_size=8, max_size=8),
    roadmap_years,
)
def test_word_salad_never_raises_and_keeps_invariants(words, gaps, year):
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=False))
    _check_invariants(text, parse_timeframe(text, year=year))
