"""Full names in the case a document needs (petrovich rules): men, women, double and
indeclinable surnames, «ё», and the sex told by the patronymic when none is recorded."""

import pytest

from resurs.casework.journals.declension import decline, sex_of

G, D, INS, P, A, N = (
    "genitive",
    "dative",
    "instrumental",
    "prepositional",
    "accusative",
    "nominative",
)


@pytest.mark.parametrize(
    ("name", "sex", "case", "expected"),
    [
        # women
        (("Иванова", "Ольга", "Николаевна"), "female", G, "Ивановой Ольги Николаевны"),
        (("Иванова", "Ольга", "Николаевна"), "female", INS, "Ивановой Ольгой Николаевной"),
        (("Иванова", "Ольга", "Николаевна"), "female", D, "Ивановой Ольге Николаевне"),
        (("Иванова", "Ольга", "Николаевна"), "female", A, "Иванову Ольгу Николаевну"),
        (("Иванова", "Ольга", "Николаевна"), "female", P, "Ивановой Ольге Николаевне"),
        (("Иванова", "Ольга", "Николаевна"), "female", N, "Иванова Ольга Николаевна"),
        (("Смирнова", "Ольга", "Ивановна"), "female", G, "Смирновой Ольги Ивановны"),
        # men
        (("Иванов", "Пётр", "Ильич"), "male", G, "Иванова Петра Ильича"),
        (("Иванов", "Пётр", "Ильич"), "male", INS, "Ивановым Петром Ильичом"),
        (("Иванов", "Пётр", "Ильич"), "male", D, "Иванову Петру Ильичу"),
        # double surnames
        (("Петров-Водкин", "Кузьма", "Сергеевич"), "male", G, "Петрова-Водкина Кузьмы Сергеевича"),
        (
            ("Петрова-Водкина", "Анна", "Сергеевна"),
            "female",
            INS,
            "Петровой-Водкиной Анной Сергеевной",
        ),
        # indeclinable surnames: the names decline, the surname stays
        (("Черных", "Илья", "Петрович"), "male", G, "Черных Ильи Петровича"),
        (("Черных", "Анна", "Сергеевна"), "female", INS, "Черных Анной Сергеевной"),
        (("Дюма", "Александр", "Александрович"), "male", G, "Дюма Александра Александровича"),
        (("Шевченко", "Мария", "Ивановна"), "female", D, "Шевченко Марии Ивановне"),
        # a man's Кузьмич declines, a woman's does not
        (("Кузьмич", "Илья", "Ильич"), "male", G, "Кузьмича Ильи Ильича"),
        (("Кузьмич", "Анна", "Ильинична"), "female", G, "Кузьмич Анны Ильиничны"),
        # «ё» is kept as it is written
        (("Ёлкин", "Пётр", "Фёдорович"), "male", D, "Ёлкину Петру Фёдоровичу"),
        (("Ёлкина", "Алёна", "Фёдоровна"), "female", G, "Ёлкиной Алёны Фёдоровны"),
        # no patronymic
        (("Смирнов", "Олег", ""), "male", G, "Смирнова Олега"),
    ],
)
def test_decline(name, sex, case, expected):
    assert decline(*name, sex=sex, case=case) == expected


def test_the_sex_is_told_by_the_patronymic_when_none_is_given():
    assert sex_of("Иванова", "Ольга", "Николаевна") == "female"
    assert sex_of("Черных", "Илья", "Петрович") == "male"
    assert decline("Черных", "Анна", "Сергеевна", sex=None, case=G) == "Черных Анны Сергеевны"
    assert decline("Иванова", "Ольга", "Николаевна", sex=None, case=G) == (
        "Ивановой Ольги Николаевны"
    )


def test_an_unknown_case_is_refused():
    with pytest.raises(ValueError):
        decline("Иванов", "Пётр", "Ильич", sex="male", case="vocative")
