"""Identity rules of a citizen's record: the СНИЛС checksum and the normalised full name.

СНИЛС (страховой номер индивидуального лицевого счёта): 11 digits, the last two a check
number over the first nine (Pension Fund rules): the sum of each digit times its position
counted from the right (9 … 1); a sum below 100 is the check number itself, 100 and 101 give
00, above 101 the sum modulo 101 (again 00 if that is 100). Numbers up to 001-001-998 were
issued without the check, so they are accepted as they are.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

SNILS_DIGITS = 11
UNCHECKED_BELOW = 1001998


def snils_digits(value: str) -> str:
    """The digits of a СНИЛС typed in any layout (spaces, hyphens)."""
    return re.sub(r"[\s\-]", "", value or "")


def snils_check_number(first_nine: str) -> int:
    total = sum(
        int(digit) * weight for digit, weight in zip(first_nine, range(9, 0, -1), strict=True)
    )
    if total < 100:
        return total
    if total in (100, 101):
        return 0
    remainder = total % 101
    return 0 if remainder == 100 else remainder


def is_valid_snils(value: str) -> bool:
    digits = snils_digits(value)
    if len(digits) != SNILS_DIGITS or not digits.isdigit():
        return False
    if int(digits[:9]) <= UNCHECKED_BELOW:
        return True
    return snils_check_number(digits[:9]) == int(digits[9:])


def normalise_snils(value: str) -> str:
    """A valid СНИЛС as stored: 11 digits without separators; raises ValidationError otherwise."""
    digits = snils_digits(value)
    if len(digits) != SNILS_DIGITS or not digits.isdigit():
        raise ValidationError("СНИЛС — 11 цифр, например 112-233-445 95.")
    if not is_valid_snils(digits):
        raise ValidationError("СНИЛС не проходит проверку контрольного числа: проверьте цифры.")
    return digits


def format_snils(digits: str) -> str:
    if len(digits) != SNILS_DIGITS:
        return digits
    return f"{digits[0:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:11]}"


def name_key(*parts: str) -> str:
    """A full name folded for comparison: case, ё = е, hyphens and runs of spaces ignored.

    «Петрова-Водкина  Алёна» and «петрова водкина алена» give the same key.
    """
    text = " ".join(part for part in parts if part)
    text = text.casefold().replace("ё", "е").replace("-", " ").replace("‐", " ")
    return " ".join(text.split())
