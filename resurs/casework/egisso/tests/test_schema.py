"""The file against the structure of the schema version it targets (10.06.S-1.0.2), checked
by the project's own validator: a produced file conforms, and each kind of breach —
a missing required element, a wrong type, a length, a value outside a code list, the order —
is found, so the check is more than «it parses»."""

import datetime
import io
from decimal import Decimal

import pytest

from resurs.casework.egisso.layout import FactRecord, package_chunks
from resurs.casework.egisso.schema import validate

GOOD = FactRecord(
    record_id="3f2504e0-4f89-41d3-9a0c-0305e82c3301",
    osz_code="8601.000001",
    snils="11223344595",
    last_name="Смирнова",
    first_name="Ольга",
    patronymic="Ивановна",
    sex="female",
    birth_date=datetime.date(1988, 3, 14),
    measure_id="0b7f2c55-5a0e-4c1f-8e43-2a7b6f3c9d10",
    category_id="1c8e3d66-6b1f-4d20-9f54-3b8c7a4dae21",
    decision_date=datetime.date(2026, 1, 10),
    provided_on=datetime.date(2026, 1, 12),
    quantity=2,
    content="Покупка продуктов",
    cost=Decimal("120.50"),
    changed_at=datetime.datetime(2026, 1, 12, 10, 0, tzinfo=datetime.UTC),
)
PACKAGE = "9a1b2c3d-0000-4000-8000-000000000001"


def text(records=(GOOD,)) -> str:
    return "".join(package_chunks(PACKAGE, records))


def errors_of(xml: str) -> list[str]:
    return validate(io.BytesIO(xml.encode()))


def test_a_produced_file_conforms():
    assert errors_of(text()) == []


def test_optional_elements_may_be_absent():
    bare = FactRecord(
        **{**GOOD.__dict__, "patronymic": "", "content": "", "cost": Decimal(0), "changed_at": None}
    )
    assert errors_of(text([bare])) == []


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("<prsn:SNILS>11223344595</prsn:SNILS>", "", "нет обязательного элемента SNILS"),
        ("11223344595", "112-233-445 95", "СНИЛС — 11 цифр"),
        ("<prsn:Gender>Female</prsn:Gender>", "<prsn:Gender>F</prsn:Gender>", "не из справочника"),
        (
            "<af:measuryCode>03</af:measuryCode>",
            "<af:measuryCode>99</af:measuryCode>",
            "не из справочника",
        ),
        ("1988-03-14", "14.03.1988", "не дата"),
        ("<af:amount>2</af:amount>", "<af:amount>0</af:amount>", "больше нуля"),
        ("<af:amount>2</af:amount>", "<af:amount>два</af:amount>", "не число"),
        ("Смирнова", "С" * 101, "длина 101"),
        ("Смирнова", "Smirnova", "недопустимые символы"),
        ("8601.000001", "8601.0000012", "длина 12"),
        (GOOD.measure_id, "не-uuid", "uuid"),
        (
            "<af:decision_date>2026-01-10</af:decision_date>",
            "",
            "нет обязательного элемента decision_date",
        ),
        (
            "<af:LMSZID>0b7f2c55-5a0e-4c1f-8e43-2a7b6f3c9d10</af:LMSZID><af:categoryID>1c8e3d66-6b1f-4d20-9f54-3b8c7a4dae21</af:categoryID>",
            "<af:categoryID>1c8e3d66-6b1f-4d20-9f54-3b8c7a4dae21</af:categoryID><af:LMSZID>0b7f2c55-5a0e-4c1f-8e43-2a7b6f3c9d10</af:LMSZID>",
            "нет обязательного элемента LMSZID",
        ),
        (
            "<af:usingSign>false</af:usingSign>",
            "<af:usingSign>нет</af:usingSign>",
            "не из справочника",
        ),
        ("</af:serviceForm>", "<af:extra>1</af:extra></af:serviceForm>", "лишний"),
        (f"<pac:packageID>{PACKAGE}</pac:packageID>", "", "packageID должен быть ровно один"),
    ],
)
def test_the_validator_finds_each_breach(before, after, expected):
    xml = text()
    assert before in xml
    errors = errors_of(xml.replace(before, after, 1))
    assert any(expected in error for error in errors), errors


def test_a_package_without_facts_does_not_conform():
    assert "elements: в пакете нет ни одного факта" in errors_of(text([]))


def test_a_file_that_is_not_xml_is_an_error():
    assert errors_of("<data>")[-1].startswith("файл не читается как XML")


def test_the_wrong_root_namespace_is_found():
    xml = text().replace("urn://egisso-ru/msg/10.06.S/1.0.2", "urn://egisso-ru/msg/10.06.S/9.9.9")
    assert any("ожидался data" in error for error in errors_of(xml))
