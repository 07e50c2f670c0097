"""Timeframes of roadmap items (SPEC §3 MAP-2).

The «Срок реализации» column of a roadmap is free text (seed 003 appendix 3, seed 004
appendix 1). ``parse_timeframe`` turns it into a :class:`Schedule`: the dated checkpoints
the item is checked against, a continuous item with no checkpoint (reviewed each quarter),
or - for anything it does not understand - the text kept verbatim and marked
«срок не распознан» so that a person sets the schedule. Nothing is ever guessed.

How a text is read:

* It is normalised: HTML tags of an imported cell become line breaks, case, «ё», dashes
  (-, –, —) and spaces are folded.
* It is cut into phrases, each matched as a whole (the longest phrase wins); phrases may be
  separated by spaces, line breaks, commas, semicolons and bullets. A text with any part
  that is not a known phrase is UNRECOGNISED.
* Every dated phrase yields checkpoints and a window; a text of several phrases (a cell of
  seed 003 item 8 holds four lines) gets the union of the checkpoints and the span of the
  windows. Continuous phrases mixed with dated ones are UNRECOGNISED.
* Years: a phrase without a year takes the year named elsewhere in the text for a period
  (e.g. «октябрь, декабрь 2020 года»), else the roadmap's year. Different years named
  in one text leave year-less phrases ambiguous: UNRECOGNISED. The year of a deadline
  («до 20 января 2023») belongs to that date only.
* A deadline («до 15.02.2022», «не позднее 20 января 2023») names no start: its window is
  ``(None, the date)``.
"""

from __future__ import annotations

import calendar
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date
from enum import StrEnum

__all__ = ["Schedule", "ScheduleKind", "parse_timeframe", "quarter_ends"]

UNRECOGNISED_LABEL = "срок не распознан"
CONTINUOUS_LABEL = "постоянно, без контрольной даты (проверяется ежеквартально)"


class ScheduleKind(StrEnum):
    DATED = "dated"  # one or more dated checkpoints
    CONTINUOUS = "continuous"  # «по мере принятия», «В актуальном режиме»: reviewed each quarter
    UNRECOGNISED = "unrecognised"  # kept verbatim, «срок не распознан», waits for a person


@dataclass(frozen=True)
class Schedule:
    text: str  # the timeframe as written
    kind: ScheduleKind
    checkpoints: tuple[date, ...] = ()  # sorted, unique; empty unless DATED
    window_start: date | None = None  # the window the text names, None when none
    window_end: date | None = None

    @property
    def recognised(self) -> bool:
        return self.kind != ScheduleKind.UNRECOGNISED

    @property
    def label(self) -> str:
        """A short Russian description, e.g. «ежеквартально: 31.03, 30.06, 30.09, 31.12.2022»."""
        if self.kind == ScheduleKind.UNRECOGNISED:
            return UNRECOGNISED_LABEL
        if self.kind == ScheduleKind.CONTINUOUS:
            return CONTINUOUS_LABEL
        points = tuple(sorted(set(self.checkpoints)))
        if not points:
            return UNRECOGNISED_LABEL
        if len(points) == 1:
            (point,) = points
            start, end = self.window_start, self.window_end
            if start is None or end is None or (start, end) == (point, point):
                return f"до {point:%d.%m.%Y}"
            if (start, end) == (date(end.year, 1, 1), date(end.year, 12, 31)):
                return f"в течение {end.year} года: до {point:%d.%m.%Y}"
            return f"до {point:%d.%m.%Y} (период {_format_window(start, end)})"
        years = {point.year for point in points}
        if len(years) == 1:
            (year,) = years
            if points == quarter_ends(year):
                prefix = "ежеквартально"
            elif points == month_ends(year):
                prefix = "ежемесячно"
            elif points == half_year_ends(year):
                prefix = "раз в полугодие"
            else:
                prefix = "контрольные даты"
        else:
            prefix = "контрольные даты"
        return f"{prefix}: {_format_dates(points)}"


def parse_timeframe(text: str, *, year: int) -> Schedule:
    """Understand a roadmap item's timeframe, in ``year`` unless the text names one.

    Never raises on any text; ``year`` must be a valid calendar year.
    """
    if not isinstance(year, int) or not MINYEAR < year < MAXYEAR:
        raise ValueError(f"Недопустимый год дорожной карты: {year!r}")
    text = "" if text is None else str(text)
    unrecognised = Schedule(text=text, kind=ScheduleKind.UNRECOGNISED)
    try:
        parts = _split(_normalise(text))
        if parts is None:
            return unrecognised
        return _resolve(text, parts, year) or unrecognised
    except (ValueError, OverflowError):  # an impossible date such as 31.02
        return unrecognised


# --- calendar helpers -------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_ends(year: int) -> tuple[date, ...]:
    """31.03, 30.06, 30.09, 31.12 of ``year`` (also the review dates of continuous items)."""
    return tuple(_month_end(year, 3 * quarter) for quarter in range(1, 5))


def month_ends(year: int) -> tuple[date, ...]:
    return tuple(_month_end(year, month) for month in range(1, 13))


def half_year_ends(year: int) -> tuple[date, ...]:
    return (date(year, 6, 30), date(year, 12, 31))


def _format_window(start: date, end: date) -> str:
    """«01.10–31.12.2022», or both dates in full when the years differ."""
    if start.year == end.year:
        return f"{start:%d.%m}–{end:%d.%m.%Y}"
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"


def _format_dates(points: tuple[date, ...]) -> str:
    """«31.03, 30.06.2022» when all in one year, otherwise every date in full."""
    if len({point.year for point in points}) == 1:
        return ", ".join(f"{point:%d.%m}" for point in points[:-1]) + f", {points[-1]:%d.%m.%Y}"
    return ", ".join(f"{point:%d.%m.%Y}" for point in points)


# --- normalisation ----------------------------------------------------------------------

_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|br|li|ul|ol|div|tr|td)\b[^<>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]*>")
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d]")
_SPACES = re.compile(r"[^\S\n]+")


def _normalise(text: str) -> list[str]:
    """Lines of lower-case text with «ё» → «е», one kind of dash and single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub(" ", text)
    text = html.unescape(text)
    text = text.lower().replace("ё", "е").replace("\u0456", "i")  # Cyrillic «і» in «І квартал»
    text = _DASHES.sub("-", text)
    lines = []
    for raw in text.splitlines():
        line = _SPACES.sub(" ", raw).strip()
        line = line.lstrip("-▪•·*◦– ").strip()  # a bullet at the start of a line
        if line:
            lines.append(line)
    return lines


# --- phrases ----------------------------------------------------------------------------

# A phrase's result: (checkpoints, window start, window end) for a resolved year, or None
# when the phrase cannot be dated (e.g. a month range running backwards).
_Dated = tuple[tuple[date, ...], date | None, date]


@dataclass(frozen=True)
class _Part:
    continuous: bool = False
    noise: bool = False  # «в соответствии с планом», «и»: carries no schedule
    years: frozenset[int] = field(default_factory=frozenset)  # period years the text names
    build: Callable[[int], _Dated | None] | None = None


_MONTH_FORMS = {
    1: ("январь", "января", "январе"),
    2: ("февраль", "февраля", "феврале"),
    3: ("март", "марта", "марте"),
    4: ("апрель", "апреля", "апреле"),
    5: ("май", "мая", "мае"),
    6: ("июнь", "июня", "июне"),
    7: ("июль", "июля", "июле"),
    8: ("август", "августа", "августе"),
    9: ("сентябрь", "сентября", "сентябре"),
    10: ("октябрь", "октября", "октябре"),
    11: ("ноябрь", "ноября", "ноябре"),
    12: ("декабрь", "декабря", "декабре"),
}
_MONTHS = {form: number for number, forms in _MONTH_FORMS.items() for form in forms}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"

_NUMBER_WORDS = {
    "1": 1,
    "i": 1,
    "перв": 1,
    "2": 2,
    "ii": 2,
    "втор": 2,
    "3": 3,
    "iii": 3,
    "трет": 3,
    "4": 4,
    "iv": 4,
    "четверт": 4,
}


def _ordinal(word: str) -> int:
    word = word.strip()
    for stem in ("четверт", "перв", "втор", "трет"):
        if word.startswith(stem):
            return _NUMBER_WORDS[stem]
    return _NUMBER_WORDS[re.match(r"[0-9]+|[iv]+", word).group()]


_NB = r"(?![0-9a-zа-я])"  # end of a word
_ORD_SUFFIX = r"(?:\s?-?\s?(?:ый|ого|ом|го|й|м|е|я))?"
_QUARTER_NO = rf"(?:iv|iii|ii|i|[1-4]|(?:перв|втор|трет|четверт)[а-я]*){_NB}{_ORD_SUFFIX}"
_HALF_NO = rf"(?:ii|i|[12]|(?:перв|втор)[а-я]*){_NB}{_ORD_SUFFIX}"
_QUARTER_WORD = rf"(?:квартал(?:ы|ов|а|е|ам|ах)?{_NB}|кв{_NB}\.?)"
_HALF_WORD = rf"(?:полугоди(?:е|я|и|ю|ем){_NB}|полугодье{_NB})"
_YEAR_WORD = rf"(?:года|году|год|гг|г){_NB}\.?"


def _year(name: str, *, word: bool = False) -> str:
    """A four-digit year with an optional «г.», «год», «года», «году»; required if ``word``."""
    return rf"(?P<{name}>(?:19|20)[0-9]{{2}})(?![0-9])(?:\s?{_YEAR_WORD}){'' if word else '?'}"


_IN = r"(?:(?:в\s+течение|на\s+протяжении|до\s+конца|к\s+концу|не\s+позднее|в|во)\s+)?"
_DEADLINE = r"(?:(?:в\s+срок\s+)?до|не\s+позднее|к)\s+"


def _year_of(match: re.Match[str], name: str) -> int | None:
    value = match.groupdict().get(name)
    return int(value) if value else None


def _years(*values: int | None) -> frozenset[int]:
    return frozenset(value for value in values if value is not None)


def _periodic(points: Callable[[int], tuple[date, ...]]) -> Callable[[re.Match[str]], _Part]:
    def handle(match: re.Match[str]) -> _Part:
        named = _year_of(match, "y")

        def build(year: int) -> _Dated:
            year = named or year
            return points(year), date(year, 1, 1), date(year, 12, 31)

        return _Part(years=_years(named), build=build)

    return handle


def _whole_year(match: re.Match[str]) -> _Part:
    return _periodic(lambda year: (date(year, 12, 31),))(match)


def _span(first_month: int, last_month: int, points: Callable[[int], tuple[date, ...]]):
    """A window of whole months inside one year, with its checkpoints."""

    def build(year: int) -> _Dated:
        return points(year), date(year, first_month, 1), _month_end(year, last_month)

    return build


def _quarters(match: re.Match[str]) -> _Part:
    first = _ordinal(match["q1"])
    last = _ordinal(match["q2"]) if match.groupdict().get("q2") else first
    named = _year_of(match, "y")
    if last < first:
        return _Part(build=lambda year: None)
    inner = _span(
        3 * first - 2,
        3 * last,
        lambda year: tuple(_month_end(year, 3 * q) for q in range(first, last + 1)),
    )
    return _Part(years=_years(named), build=lambda year: inner(named or year))


def _halves(match: re.Match[str]) -> _Part:
    first = _ordinal(match["h1"])
    last = _ordinal(match["h2"]) if match.groupdict().get("h2") else first
    named = _year_of(match, "y")
    if first > 2 or last > 2 or last < first:
        return _Part(build=lambda year: None)
    inner = _span(
        6 * first - 5,
        6 * last,
        lambda year: tuple(_month_end(year, 6 * h) for h in range(first, last + 1)),
    )
    return _Part(years=_years(named), build=lambda year: inner(named or year))


def _month(match: re.Match[str]) -> _Part:
    month = _MONTHS[match["m1"]]
    named = _year_of(match, "y")
    inner = _span(month, month, lambda year: (_month_end(year, month),))
    return _Part(years=_years(named), build=lambda year: inner(named or year))


def _month_range(match: re.Match[str]) -> _Part:
    first, last = _MONTHS[match["m1"]], _MONTHS[match["m2"]]
    start_year, end_year = _year_of(match, "y1"), _year_of(match, "y2")

    def build(year: int) -> _Dated | None:
        if start_year is not None and end_year is not None:
            begin, end = date(start_year, first, 1), _month_end(end_year, last)
        else:
            # One year (or none) for both ends: the range must not cross the year end.
            if last < first:
                return None
            one = start_year or end_year or year
            begin, end = date(one, first, 1), _month_end(one, last)
        if end < begin:
            return None
        return (end,), begin, end

    return _Part(years=_years(start_year, end_year), build=build)


def _deadline(match: re.Match[str]) -> _Part:
    day = int(match["d"])
    month = int(match["mn"]) if match.groupdict().get("mn") else _MONTHS[match["mw"]]
    named = _year_of(match, "y")

    def build(year: int) -> _Dated:
        when = date(named or year, month, day)
        return (when,), None, when

    return _Part(build=build)  # the deadline's year is its own, not a period's


def _constant(part: _Part) -> Callable[[re.Match[str]], _Part]:
    return lambda match: part


_CONTINUOUS = _Part(continuous=True)
_NOISE = _Part(noise=True)

_ONCE = r"(?:(?:1|один)\s+)?раз\s+в\s+"

_PHRASES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], _Part]]] = [
    (
        re.compile(
            r"(?:в\s+)?актуальном\s+режиме"
            r"|в\s+постоянном\s+режиме|на\s+постоянной\s+основе|постоянно"
            r"|по\s+мере\s+(?:принятия|необходимости|поступления"
            r"|возникновения(?:\s+необходимости)?)"
        ),
        _constant(_CONTINUOUS),
    ),
    (
        re.compile(r"(?:-\s?)?(?:в\s+соответствии\s+с\s+планом|согласно\s+плану|по\s+плану)|и"),
        _constant(_NOISE),
    ),
    (
        re.compile(
            rf"(?:ежеквартально|поквартально|каждый\s+квартал|{_ONCE}квартал)(?:\s+{_year('y')})?"
        ),
        _periodic(quarter_ends),
    ),
    (
        re.compile(rf"(?:ежемесячно|каждый\s+месяц|{_ONCE}месяц)(?:\s+{_year('y')})?"),
        _periodic(month_ends),
    ),
    (
        re.compile(
            rf"(?:ежеполугодно|каждое\s+полугодие|{_ONCE}(?:полугодие|полгода))(?:\s+{_year('y')})?"
        ),
        _periodic(half_year_ends),
    ),
    (
        re.compile(rf"(?:ежегодно|{_ONCE}год)(?:\s+{_year('y')})?"),
        _periodic(lambda year: (date(year, 12, 31),)),
    ),
    (
        re.compile(
            r"(?:в\s+течение|на\s+протяжении|до\s+конца|к\s+концу)\s+(?:всего\s+)?"
            rf"(?:(?:текущего\s+)?года|{_year('y')})"
            rf"|(?:в\s+|на\s+)?{_year('y2', word=True)}"
        ),
        lambda match: _whole_year(_Renamed(match, y="y2") if match["y2"] else match),
    ),
    (
        re.compile(rf"{_IN}(?P<q1>{_QUARTER_NO})\s?{_QUARTER_WORD}(?:\s+{_year('y')})?"),
        _quarters,
    ),
    (
        re.compile(
            rf"{_IN}(?:с\s+)?(?P<q1>{_QUARTER_NO})(?:\s?{_QUARTER_WORD})?\s?(?:-|по)\s?"
            rf"(?P<q2>{_QUARTER_NO})\s?{_QUARTER_WORD}(?:\s+{_year('y')})?"
        ),
        _quarters,
    ),
    (
        re.compile(rf"{_IN}(?P<h1>{_HALF_NO})\s?{_HALF_WORD}(?:\s+{_year('y')})?"),
        _halves,
    ),
    (
        re.compile(
            rf"{_IN}(?:с\s+)?(?P<h1>{_HALF_NO})(?:\s?{_HALF_WORD})?\s?(?:-|по)\s?"
            rf"(?P<h2>{_HALF_NO})\s?{_HALF_WORD}(?:\s+{_year('y')})?"
        ),
        _halves,
    ),
    (
        re.compile(rf"{_IN}(?P<m1>{_MONTH}){_NB}(?:\s+{_year('y')})?"),
        _month,
    ),
    (
        re.compile(
            rf"(?:(?:в\s+течение|в\s+период)\s+)?(?:с\s+(?P<m1>{_MONTH}){_NB}(?:\s+{_year('y1')})?"
            rf"\s+по\s+|(?P<m1b>{_MONTH}){_NB}(?:\s+{_year('y1b')})?\s?-\s?)"
            rf"(?P<m2>{_MONTH}){_NB}(?:\s+{_year('y2')})?"
        ),
        lambda match: _month_range(_Renamed(match, m1="m1b", y1="y1b") if match["m1b"] else match),
    ),
    (
        re.compile(
            rf"{_DEADLINE}(?P<d>[0-9]{{1,2}})\.(?P<mn>[0-9]{{1,2}})(?:\.{_year('y')})?"
            rf"|(?:{_DEADLINE})?(?P<d2>[0-9]{{1,2}})\.(?P<mn2>[0-9]{{1,2}})\.{_year('y2')}"
        ),
        lambda match: _deadline(
            _Renamed(match, d="d2", mn="mn2", y="y2") if match["d2"] else match
        ),
    ),
    (
        re.compile(
            rf"(?:{_DEADLINE})?(?P<d>[0-9]{{1,2}})\s+(?P<mw>{_MONTH}){_NB}(?:\s+{_year('y')})?"
        ),
        _deadline,
    ),
]


class _Renamed:
    """A match whose groups are read under other names (for alternative spellings)."""

    def __init__(self, match: re.Match[str], **aliases: str) -> None:
        self._groups = dict(match.groupdict())
        for name, alias in aliases.items():
            self._groups[name] = self._groups.get(alias)

    def __getitem__(self, name: str) -> str | None:
        return self._groups.get(name)

    def groupdict(self) -> dict[str, str | None]:
        return self._groups


_SEPARATORS = re.compile(r"[\s,;:.()▪•·*]*")


def _split(lines: list[str]) -> list[_Part] | None:
    """Cut the lines into known phrases (longest first); None if anything is left over."""
    parts: list[_Part] = []
    for line in lines:
        position = _SEPARATORS.match(line).end()
        while position < len(line):
            best: tuple[int, Callable[[re.Match[str]], _Part], re.Match[str]] | None = None
            for pattern, handler in _PHRASES:
                match = pattern.match(line, position)
                if match is None or match.end() == position:
                    continue
                end = match.end()
                if end < len(line) and line[end].isalnum():
                    continue  # stopped inside a word
                if best is None or end > best[0]:
                    best = (end, handler, match)
            if best is None:
                return None
            end, handler, match = best
            parts.append(handler(match))
            position = _SEPARATORS.match(line, end).end()
    return parts


def _resolve(text: str, parts: list[_Part], year: int) -> Schedule | None:
    dated = [part for part in parts if part.build is not None]
    continuous = any(part.continuous for part in parts)
    if continuous and dated:
        return None
    if continuous:
        return Schedule(text=text, kind=ScheduleKind.CONTINUOUS)
    if not dated:
        return None
    named = frozenset().union(*(part.years for part in dated))
    if len(named) == 1:
        (year,) = named
    elif len(named) > 1 and any(not part.years for part in dated):
        return None  # «октябрь 2020, ноябрь 2021, декабрь»: which year is «декабрь»?
    points: set[date] = set()
    starts: list[date | None] = []
    ends: list[date] = []
    for part in dated:
        built = part.build(year)
        if built is None:
            return None
        checkpoints, start, end = built
        points.update(checkpoints)
        starts.append(start)
        ends.append(end)
    window_start = None if None in starts else min(starts)
    window_end = max(ends)
    checkpoints = tuple(sorted(points))
    if (window_start is not None and checkpoints[0] < window_start) or checkpoints[-1] > window_end:
        return None  # never a checkpoint outside the window
    return Schedule(
        text=text,
        kind=ScheduleKind.DATED,
        checkpoints=checkpoints,
        window_start=window_start,
        window_end=window_end,
    )
