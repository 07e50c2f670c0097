"""Readable addresses of public pages: a Latin transliteration of the centre's name."""

import re

from django.core.exceptions import ValidationError

# Russian letters in Latin, as in Russian passports and road signs (ГОСТ Р 52290-2004 style):
# «Сургутский центр адаптации» → «surgutskiy-tsentr-adaptatsii».
TRANSLITERATION = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip
SLUG_MAX_LENGTH = 80
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Addresses the staff pages of the section use under /centres/.
RESERVED_SLUGS = frozenset({"manage", "inbox", "questions", "materials", "files"})


def transliterate(text: str) -> str:
    """A slug from Russian text: lower-case Latin words joined by hyphens."""
    latin = "".join(TRANSLITERATION.get(char, char) for char in text.lower())
    words = re.findall(r"[a-z0-9]+", latin)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX_LENGTH:
            break
        slug = candidate
    return slug


def validate_page_slug(value: str) -> None:
    if not SLUG_PATTERN.match(value or ""):
        raise ValidationError(
            "Адрес страницы — латинские строчные буквы, цифры и дефисы между словами, "
            "например «surgutskiy-tsentr-adaptatsii».",
            code="slug_format",
        )
    if value in RESERVED_SLUGS:
        raise ValidationError("Этот адрес занят служебной страницей, выберите другой.")
