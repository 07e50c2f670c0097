"""Numbers and counts as a Russian reader writes them: plural forms («1 запись, 3 записи,
5 записей») and the decimal comma («21,0 МБ»); long titles shortened at a word («…»)."""

from __future__ import annotations

from decimal import Decimal


def plural(number: int, one: str, few: str, many: str) -> str:
    """The form of the noun that goes with ``number``: one (1, 21, 101), few (2–4, 22–24),
    many (0, 5–20, 11–14, 25 …)."""
    n = abs(int(number))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def count(number: int, one: str, few: str, many: str) -> str:
    """«5 записей»: the number with non-breaking thousands and its noun."""
    return f"{grouped(number)} {plural(number, one, few, many)}"


def grouped(number: int) -> str:
    """12 345 with a non-breaking space between thousands."""
    return f"{int(number):,}".replace(",", "\u00a0")


def decimal(value: float | Decimal, places: int = 1) -> str:
    """21,0: a fraction with the decimal comma, thousands grouped as in `grouped`."""
    text = f"{value:,.{places}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def shorten(text: str, limit: int) -> str:
    """A title of at most ``limit`` characters, cut at the last word boundary that fits and
    ended with «…»; a shorter title as it is."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:—–-«(") + "…"
