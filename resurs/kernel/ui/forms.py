"""One way to render forms: Bootstrap classes on every widget, errors next to the field, and
one rule for typed text: no control characters (kernel.text)."""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.renderers import TemplatesSetting

from resurs.kernel.text import validate_plain_text

# The dates a person types into Resurs, in a filter or a record: far dates (9999-12-31,
# 0001-01-01) are typing errors and overflow the date arithmetic of periods and deadlines.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
EARLIEST_DATE_MESSAGE = "Укажите дату не раньше 01.01.1900."
LATEST_DATE_MESSAGE = "Укажите дату не позже 31.12.2100."


def validate_typed_date(value) -> None:
    day = value.date() if isinstance(value, datetime) else value
    if not isinstance(day, date):
        return
    if day < EARLIEST_DATE:
        raise ValidationError(EARLIEST_DATE_MESSAGE, code="min_value")
    if day > LATEST_DATE:
        raise ValidationError(LATEST_DATE_MESSAGE, code="max_value")


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class StyledFormMixin:
    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                # One Russian message for NUL and every other control character.
                field.validators = [
                    validator
                    for validator in field.validators
                    if not isinstance(validator, ProhibitNullCharactersValidator)
                ] + [validate_plain_text]
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators = [*field.validators, validate_typed_date]
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                # One Bootstrap form-check per option: the stock template would put the
                # inputs' class on the list's container and squeeze the list into one box.
                widget.template_name = "forms/widgets/choices.html"
                widget.option_template_name = "forms/widgets/choice_option.html"
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"
