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


_ONES = {
    "male": ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"),
    "female": ("", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"),
}
_TEENS = (
    "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
    "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать",
)  # fmt: skip
_TENS = (
    "", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
    "восемьдесят", "девяносто",
)  # fmt: skip
_HUNDREDS = (
    "", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
    "девятьсот",
)  # fmt: skip
# (gender, one, few, many) of each group of three digits, from the units up.
_GROUPS = (
    ("male", "", "", ""),
    ("female", "тысяча", "тысячи", "тысяч"),
    ("male", "миллион", "миллиона", "миллионов"),
    ("male", "миллиард", "миллиарда", "миллиардов"),
)


def _triple(number: int, gender: str) -> list[str]:
    words = [_HUNDREDS[number // 100]]
    rest = number % 100
    if 10 <= rest < 20:
        words.append(_TEENS[rest - 10])
    else:
        words += [_TENS[rest // 10], _ONES[gender][rest % 10]]
    return [word for word in words if word]


def number_in_words(number: int, gender: str = "male") -> str:
    """«сто двадцать один»: a whole number below a trillion in words, in the gender of the
    noun it counts (одна тысяча, две копейки)."""
    number = int(number)
    if number < 0 or number >= 10**12:
        raise ValueError("number_in_words: from 0 to 999 999 999 999")
    if number == 0:
        return "ноль"
    words: list[str] = []
    for index, (group_gender, one, few, many) in enumerate(_GROUPS):
        part = number // 1000**index % 1000
        if not part:
            continue
        chunk = _triple(part, gender if index == 0 else group_gender)
        if index:
            chunk.append(plural(part, one, few, many))
        words = chunk + words
    return " ".join(words)


def rubles_in_words(amount: Decimal | int | str) -> str:
    """«Сто двадцать один рубль 05 копеек»: a sum of money as a contract writes it «прописью»
    (seed 002 app. 1, contract §3.3) — the rubles in words, the kopecks in figures."""
    value = Decimal(amount).quantize(Decimal("0.01"))
    if value < 0:
        raise ValueError("rubles_in_words: the amount is negative")
    rubles = int(value)
    kopecks = int((value - rubles) * 100)
    words = number_in_words(rubles)
    text = (
        f"{words} {plural(rubles, 'рубль', 'рубля', 'рублей')} "
        f"{kopecks:02d} {plural(kopecks, 'копейка', 'копейки', 'копеек')}"
    )
    return text[:1].upper() + text[1:]
