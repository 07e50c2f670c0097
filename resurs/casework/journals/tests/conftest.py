"""The journals tests' world: the case-work world with named staff, a case of district 1
(a woman, Смирнова Ольга Ивановна) and a case of district 2 (a man of another district)."""

import datetime

import pytest

from resurs.casework.cases.models import Act, ActKind, Case
from resurs.casework.citizens.models import Sex
from resurs.casework.conftest import make_person
from resurs.casework.journals import services

DETECTED = datetime.date(2025, 4, 30)
DRAWN = datetime.date(2025, 5, 6)


def name(membership, last, first, patronymic):
    user = membership.user
    user.last_name, user.first_name, user.patronymic = last, first, patronymic
    user.save()


def make_case(world, *, person=None, family=None, district=None, specialist=None, number=1):
    a = world.a
    return Case.all_records.create(
        organisation=a.organisation,
        unit=a.support,
        district=district or a.districts[0],
        specialist=(specialist or world.specialist).user,
        year=2025,
        number=number,
        person=person,
        family=family,
        problem="Трудная жизненная ситуация",
        detected_on=DETECTED,
    )


def draw(world, case, *, by=None, kind=ActKind.MATERIAL, **extra) -> Act:
    values = {
        "drawn_on": DRAWN,
        "address": "г. Пыть-Ях, мкр. 2, д. 5, кв. 14",
        "commission": "заведующий отделением",
        "household": "Мать и двое детей",
        "housing": "Двухкомнатная квартира, требуется ремонт",
        "income": "Пособие на детей",
        "findings": "Задолженность по оплате жилья",
        "conclusion": "Нуждается в социальном сопровождении",
    }
    values.update(extra)
    return services.act_draw(by=by or world.specialist, case=case, kind=kind, **values)


@pytest.fixture
def world(casework):
    w = casework
    name(w.specialist, "Иванова", "Ольга", "Николаевна")
    name(w.specialist2, "Петров-Водкин", "Кузьма", "Сергеевич")
    name(w.head, "Ёлкин", "Пётр", "Фёдорович")
    w.case = make_case(w, person=w.person)
    w.man = make_person(
        w.a.support,
        w.a.districts[1],
        w.specialist2.user,
        last_name="Черных",
        first_name="Илья",
        patronymic="Петрович",
        sex=Sex.MALE,
        birth_date=datetime.date(1950, 2, 1),
    )
    w.case2 = make_case(
        w, person=w.man, district=w.a.districts[1], specialist=w.specialist2, number=2
    )
    return w


@pytest.fixture
def act(world):
    return draw(world, world.case)
