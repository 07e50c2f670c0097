"""Issue 12, item 8: counts, fractions and moments as a Russian reader reads them."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from resurs.kernel.attachments.uploads import validate_document_file
from resurs.kernel.audit.models import display_value
from resurs.kernel.russian import count, decimal, plural

RECORD = ("запись", "записи", "записей")


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "записей"), (1, "запись"), (2, "записи"), (4, "записи"), (5, "записей"),
        (11, "записей"), (12, "записей"), (14, "записей"), (21, "запись"), (22, "записи"),
        (25, "записей"), (101, "запись"), (111, "записей"), (1002, "записи"),
    ],
)  # fmt: skip
def test_plural_forms(number, expected):
    assert plural(number, *RECORD) == expected


def test_counts_and_fractions():
    assert count(1, "адресат", "адресата", "адресатов") == "1 адресат"
    assert count(12345, *RECORD) == "12\u00a0345 записей"
    assert decimal(21.0) == "21,0"
    assert decimal(1234.56, places=2) == "1\u00a0234,56"


def test_the_template_filter():
    template = Template('{% load ui %}{{ n }} {{ n|plural:"запись,записи,записей" }}')
    assert [template.render(Context({"n": n})) for n in (1, 3, 5)] == [
        "1 запись",
        "3 записи",
        "5 записей",
    ]


def test_history_shows_the_regions_local_time_not_utc(settings):
    settings.TIME_ZONE = "Asia/Yekaterinburg"
    assert display_value("2026-12-05T12:13:00.740715+00:00") == "05.12.2026 17:13"
    assert display_value("2026-12-05") == "05.12.2026"
    assert display_value(21.0) == "21,0"
    assert display_value("не дата T вовсе") == "не дата T вовсе"


def test_the_upload_limit_message_uses_a_decimal_comma(settings):
    settings.UPLOAD_MAX_MEGABYTES = 1
    big = SimpleUploadedFile("отчёт.pdf", b"%PDF-1.4\n" + b"0" * (int(1.5 * 1024 * 1024)))
    with pytest.raises(ValidationError) as error:
        validate_document_file(big)
    assert "1,5 МБ" in str(error.value)


def test_shorten_cuts_at_a_word_boundary_and_adds_an_ellipsis():
    from resurs.kernel.russian import shorten

    title = "Информационно-дискуссионная площадка для специалистов служб ранней помощи"
    short = shorten(title, 40)
    assert short == "Информационно-дискуссионная площадка…"
    assert len(short) <= 40
    assert shorten("Короткое название", 40) == "Короткое название"
    # A single word longer than the limit is cut inside it, still with the ellipsis.
    assert shorten("Ааааааааааааааааааааа", 10) == "Ааааааааа…"
