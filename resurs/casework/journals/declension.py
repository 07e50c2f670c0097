"""Russian full names in the grammatical case a document needs («в лице специалиста
Ивановой Ольги Николаевны», «гражданина (гражданки) Смирнова Петра Ильича»), by the
petrovich rules (the ``pytrovich`` package from PyPI).

The rules know the indeclinable surnames (Черных, Дюма, Шевченко; a woman's Кузьмич),
double surnames (Петрова-Водкина → Петровой-Водкиной) and keep «ё» as it is written. The
sex is the person's recorded one; for a staff member (a user account records no sex) it is
told by the patronymic and, failing that, by the first name and the surname.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case as _Case
from pytrovich.enums import Gender, NamePart
from pytrovich.maker import PetrovichDeclinationMaker

MALE = "male"
FEMALE = "female"


class GrammaticalCase(StrEnum):
    NOMINATIVE = "nominative"  # кто? что?
    GENITIVE = "genitive"  # кого? чего?
    DATIVE = "dative"  # кому? чему?
    ACCUSATIVE = "accusative"  # кого? что?
    INSTRUMENTAL = "instrumental"  # кем? чем?
    PREPOSITIONAL = "prepositional"  # о ком? о чём?


_CASES = {
    GrammaticalCase.NOMINATIVE: _Case.NOMINATIVE,
    GrammaticalCase.GENITIVE: _Case.GENITIVE,
    GrammaticalCase.DATIVE: _Case.DATIVE,
    GrammaticalCase.ACCUSATIVE: _Case.ACCUSATIVE,
    GrammaticalCase.INSTRUMENTAL: _Case.INSTRUMENTAL,
    GrammaticalCase.PREPOSITIONAL: _Case.PREPOSITIONAL,
}
_GENDERS = {MALE: Gender.MALE, FEMALE: Gender.FEMALE}


@cache
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@cache
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


def sex_of(last: str = "", first: str = "", patronymic: str = "") -> str | None:
    """«male», «female», or None when the name does not tell (Саша Шевченко)."""
    gender = _detector().detect(
        firstname=first or None, lastname=last or None, middlename=patronymic or None
    )
    if gender == Gender.MALE:
        return MALE
    if gender == Gender.FEMALE:
        return FEMALE
    return None


def _part(part: NamePart, gender: Gender, case: _Case, value: str) -> str:
    value = (value or "").strip()
    if not value or case == _Case.NOMINATIVE:
        return value
    return _maker().make(part, gender, case, value)


def decline(last: str, first: str, patronymic: str = "", *, sex: str | None, case: str) -> str:
    """The full name «Фамилия Имя Отчество» in ``case`` (a `GrammaticalCase` value).

    ``sex`` is «male» or «female» (citizens.Sex); None lets the name tell it."""
    grammatical = _CASES[GrammaticalCase(case)]
    sex = sex or sex_of(last, first, patronymic)
    gender = _GENDERS.get(sex or "", Gender.ANDROGYNOUS)
    parts = (
        _part(NamePart.LASTNAME, gender, grammatical, last),
        _part(NamePart.FIRSTNAME, gender, grammatical, first),
        _part(NamePart.MIDDLENAME, gender, grammatical, patronymic),
    )
    return " ".join(p for p in parts if p)


def decline_person(person, case: str) -> str:
    """A citizen of the data bank (citizens.Person: its recorded sex)."""
    return decline(
        person.last_name, person.first_name, person.patronymic, sex=person.sex, case=case
    )


def decline_user(user, case: str) -> str:
    """A staff member (accounts.User); the login when the account has no name."""
    if not (user.last_name or user.first_name):
        return user.username
    return decline(user.last_name, user.first_name, user.patronymic, sex=None, case=case)
