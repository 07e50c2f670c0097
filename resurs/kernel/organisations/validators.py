"""Checksums of Russian registration numbers (ИНН, ОГРН/ОГРНИП)."""

from django.core.exceptions import ValidationError

_INN10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check_digit(digits: str, weights) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def is_valid_inn(value: str) -> bool:
    if not value.isdigit():
        return False
    if len(value) == 10:
        return _check_digit(value, _INN10) == int(value[9])
    if len(value) == 12:
        return _check_digit(value, _INN12_1) == int(value[10]) and _check_digit(
            value, _INN12_2
        ) == int(value[11])
    return False


def is_valid_ogrn(value: str) -> bool:
    if not value.isdigit():
        return False
    if len(value) == 13:
        return int(value[:12]) % 11 % 10 == int(value[12])
    if len(value) == 15:
        return int(value[:14]) % 13 % 10 == int(value[14])
    return False


def validate_inn(value: str) -> None:
    if value and not is_valid_inn(value):
        raise ValidationError(
            "ИНН должен состоять из 10 (организация) или 12 (ИП, физическое лицо) цифр "
            "с верной контрольной суммой.",
            code="invalid_inn",
        )


def validate_ogrn(value: str) -> None:
    if value and not is_valid_ogrn(value):
        raise ValidationError(
            "ОГРН должен состоять из 13 цифр (ОГРНИП — из 15) с верной контрольной цифрой.",
            code="invalid_ogrn",
        )


def complete_inn(base: str) -> str:
    """A 10-digit organisation ИНН from its first nine digits (for generated data)."""
    return base + str(_check_digit(base, _INN10))
