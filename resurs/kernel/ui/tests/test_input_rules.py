"""Issue 11, items 3 and 5: one rule for typed text and dates in every UI form
(kernel.ui.forms.StyledFormMixin with kernel.text)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from resurs.kernel.text import clean_plain_text, validate_plain_text
from resurs.kernel.ui.forms import StyledFormMixin


class NoteForm(StyledFormMixin, forms.Form):
    title = forms.CharField(max_length=100)
    text = forms.CharField(widget=forms.Textarea, required=False)
    email = forms.EmailField(required=False)
    day = forms.DateField(required=False)
    moment = forms.DateTimeField(required=False)


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x0c", "\x1f", "\ufffe"])
def test_a_control_character_is_refused_with_one_russian_message(character):
    form = NoteForm({"title": f"Отчёт{character}за квартал", "text": f"а{character}б"})
    assert not form.is_valid()
    for field in ("title", "text"):
        assert len(form.errors[field]) == 1
        assert "служебный (непечатаемый) символ" in form.errors[field][0]


def test_tabs_and_line_breaks_are_ordinary_text():
    form = NoteForm({"title": "Отчёт", "text": "Строка 1\r\nСтрока\t2"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == "Строка 1\r\nСтрока\t2"


def test_markup_and_formulas_are_accepted_as_text():
    text = '=1+1 "><script>alert(1)</script>'
    form = NoteForm({"title": "@SUM(A1)", "text": text})
    assert form.is_valid()
    assert form.cleaned_data["text"] == text


@pytest.mark.parametrize(
    ("day", "message"),
    [("9999-12-31", "не позже 31.12.2100"), ("0001-01-01", "не раньше 01.01.1900")],
)
def test_far_dates_are_refused_with_a_russian_message(day, message):
    form = NoteForm({"title": "Отчёт", "day": day, "moment": f"{day} 10:00"})
    assert not form.is_valid()
    assert message in form.errors["day"][0]
    assert message in form.errors["moment"][0]


def test_the_validator_for_the_api_is_the_same_rule():
    assert clean_plain_text("Обычный текст\n") == "Обычный текст\n"
    with pytest.raises(ValidationError, match="U\\+000B"):
        validate_plain_text("а\x0bб")
    with pytest.raises(ValidationError):
        clean_plain_text("\ud800")
