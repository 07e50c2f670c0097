"""The one set of cell parsers (exchange.cells): every spelling they accept and every Russian
error they give, table by table."""

import datetime
from types import SimpleNamespace

import pytest

from resurs.kernel.exchange import cells
from resurs.kernel.exchange.importers import RowVerdict


def row(**values) -> RowVerdict:
    return RowVerdict(row=2, cells=values)


@pytest.mark.parametrize(
    "text", ["да", "Да", "ДА", " да ", "yes", "YES", "true", "истина", "1", "+"]
)
def test_every_yes_word_is_yes(text):
    verdict = row(flag=text)
    assert cells.yes_no(verdict, "flag") is True
    assert verdict.ok


@pytest.mark.parametrize("text", ["нет", "Нет", "no", "false", "ложь", "0", "-"])
def test_every_no_word_is_no(text):
    verdict = row(flag=text)
    assert cells.yes_no(verdict, "flag") is False
    assert verdict.ok


def test_a_blank_yes_no_cell_is_the_default():
    assert cells.yes_no(row(flag=""), "flag") is False
    assert cells.yes_no(row(flag="  "), "flag", blank=None) is None


@pytest.mark.parametrize("text", ["может быть", "ага", "2", "y"])
def test_any_other_word_is_an_error_in_russian(text):
    verdict = row(flag=text)
    assert cells.yes_no(verdict, "flag") is None
    assert verdict.errors == [("flag", f"«{text}» — напишите «да» или «нет».")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31.12.2022", datetime.date(2022, 12, 31)),
        ("2022-12-31", datetime.date(2022, 12, 31)),
        ("31.12.22", datetime.date(2022, 12, 31)),
        ("01.02.2023 00:00", datetime.date(2023, 2, 1)),  # a workbook date cell as text
        ("", None),
    ],
)
def test_dates_in_the_accepted_spellings(text, expected):
    verdict = row(day=text)
    assert cells.date(verdict, "day") == expected
    assert verdict.ok


@pytest.mark.parametrize("text", ["31.02.2019", "32.01.2022", "2022/12/31", "вчера", "12.2022"])
def test_a_bad_date_is_an_error_in_russian(text):
    verdict = row(day=text)
    assert cells.date(verdict, "day") is None
    assert verdict.errors == [("day", f"«{text}» — не дата. Пишите дату как ДД.ММ.ГГГГ.")]


def test_a_required_blank_cell_is_an_error():
    verdict = row(day="")
    assert cells.date(verdict, "day", required=True) is None
    assert verdict.errors == [("day", "Обязательное поле.")]


@pytest.mark.parametrize(
    ("text", "expected", "error"),
    [
        ("2022", 2022, None),
        ("1990", 1990, None),
        ("", None, None),
        ("1989", None, "«1989» — не год. Укажите год числом, например: 2022."),
        ("22-й", None, "«22-й» — не год. Укажите год числом, например: 2022."),
    ],
)
def test_years(text, expected, error):
    verdict = row(year=text)
    assert cells.year(verdict) == expected
    assert verdict.errors == ([("year", error)] if error else [])


CHOICES = [("federal", "федеральный"), ("regional", "региональный")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("федеральный", "federal"), ("Региональный", "regional"), ("REGIONAL", "regional"),
     ("фед.", "federal")],
)  # fmt: skip
def test_a_choice_by_its_label_its_code_or_an_extra_spelling(text, expected):
    values = cells.choice_values(CHOICES, {"фед.": "federal"})
    verdict = row(level=text)
    assert cells.choice(verdict, "level", values, ["федеральный", "региональный"]) == expected
    assert verdict.ok


def test_an_unknown_choice_lists_what_is_allowed():
    verdict = row(level="всероссийский")
    values = cells.choice_values(CHOICES)
    assert cells.choice(verdict, "level", values, ["федеральный", "региональный"]) is None
    assert verdict.errors == [
        ("level", "Неизвестное значение «всероссийский». Допустимые: федеральный; региональный.")
    ]


def test_a_blank_choice_is_its_default_or_required():
    values = cells.choice_values(CHOICES)
    assert cells.choice(row(level=""), "level", values, [], default="regional") == "regional"
    verdict = row(level="")
    assert cells.choice(verdict, "level", values, [], required=True) is None
    assert verdict.errors == [("level", "Обязательное поле.")]


@pytest.mark.parametrize(
    ("text", "expected"), [("8", "восьмое"), ("8. Семейное воспитание", "восьмое"), ("", None)]
)
def test_a_direction_by_its_number(text, expected):
    verdict = row(direction=text)
    assert cells.direction(verdict, {8: "восьмое"}) == expected
    assert verdict.ok


@pytest.mark.parametrize("text", ["99", "восемь"])
def test_an_unknown_direction_is_an_error(text):
    verdict = row(direction=text)
    assert cells.direction(verdict, {8: "восьмое"}) is None
    assert verdict.errors == [
        ("direction", f"Направления «{text}» нет. Укажите номер направления, например: 8.")
    ]


def org(pk, name, short_name="", inn=""):
    return SimpleNamespace(pk=pk, name=name, short_name=short_name, inn=inn)


INDEX = cells.OrganisationIndex(
    [
        org(1, "БУ «Сургутский центр»", "Сургутский центр", "8602000001"),
        org(2, "АНО «Забота»", "", "8602000002"),
        org(3, "АНО «Росток» (Сургут)", "Росток"),
        org(4, "АНО «Росток» (Нягань)", "Росток"),
    ]
)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"org": "БУ «Сургутский центр»"}, 1),
        ({"org": "бу «сургутский  центр»"}, 1),  # case and spacing as a person types them
        ({"org": "Сургутский центр"}, 1),
        ({"org": "8602000002"}, 2),  # an ИНН typed in the name column
        ({"org": "что угодно", "inn": "8602000002"}, 2),  # the ИНН column wins
    ],
)
def test_an_organisation_by_name_short_name_or_inn(values, expected):
    verdict = row(**values)
    assert cells.organisation(verdict, INDEX, "org", inn_key="inn").pk == expected
    assert verdict.ok


@pytest.mark.parametrize(
    ("values", "key", "message"),
    [
        ({"org": "", "inn": "8602999999"}, "inn",
         "Организации с ИНН 8602999999 нет в справочнике."),
        ({"org": "Росток"}, "org", "В справочнике несколько организаций «Росток»: укажите ИНН "
         "или полное наименование, чтобы было понятно, какую."),
        ({"org": "АНО «Луч»"}, "org", "Организация «АНО «Луч»» не найдена в справочнике "
         "организаций: добавьте её в справочник или укажите ИНН."),
    ],
)  # fmt: skip
def test_an_organisation_not_found_or_ambiguous_is_an_error(values, key, message):
    verdict = row(**values)
    assert cells.organisation(verdict, INDEX, "org", inn_key="inn") is None
    assert verdict.errors == [(key, message)]
