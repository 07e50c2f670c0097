"""The forms of the demand request pages (TSR-7): the list's filter, the year of a new draft,
a line's adjustment and the sending."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms

from resurs.casework.rental.models import DemandLine, DemandState
from resurs.casework.rental.models.demand import FIRST_YEAR, LAST_YEAR
from resurs.kernel.ui.forms import StyledFormMixin


class DemandFilterForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(
        label="Год потребности",
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": "Укажите год числом, например 2027.",
            "min_value": f"Год — не раньше {FIRST_YEAR}.",
            "max_value": f"Год — не позже {LAST_YEAR}.",
        },
    )
    state = forms.ChoiceField(
        label="Состояние", required=False, choices=[("", "все"), *DemandState.choices]
    )

    def values(self) -> tuple[int | None, str]:
        """The year and the state chosen; nothing when the filter is refused (said on the page)."""
        if not self.is_bound or not self.is_valid():
            return None, ""
        return self.cleaned_data["year"], self.cleaned_data["state"]


def years_to_request(today: datetime.date) -> list[tuple[int, str]]:
    """§5.1: the request is for the next year; the current one while not yet sent."""
    return [
        (today.year + 1, f"{today.year + 1} (очередной год)"),
        (today.year, f"{today.year} (текущий год)"),
    ]


class DemandCreateForm(StyledFormMixin, forms.Form):
    year = forms.TypedChoiceField(label="Год потребности", coerce=int)

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        year = cast(forms.TypedChoiceField, self.fields["year"])
        year.choices = years_to_request(today)
        year.error_messages["invalid_choice"] = "Выберите год из списка."


class DemandAdjustForm(StyledFormMixin, forms.Form):
    quantity = forms.IntegerField(
        label="Заявляемое количество, ед.",
        min_value=0,
        max_value=100000,
        error_messages={
            "required": "Укажите количество.",
            "invalid": "Укажите количество целым числом.",
            "min_value": "Количество не может быть отрицательным.",
            "max_value": "Проверьте количество: больше 100 000 единиц.",
        },
    )
    reason = forms.CharField(
        label="Причина корректировки",
        required=False,
        max_length=500,
        help_text="Обязательна, если количество отличается от расчётного.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, line: DemandLine, version: int, **kwargs):
        kwargs.setdefault(
            "initial",
            {"quantity": line.quantity, "reason": line.adjustment_reason, "version": version},
        )
        kwargs.setdefault("prefix", f"line-{line.pk}")
        super().__init__(*args, **kwargs)
        self.line = line

    def clean(self):
        cleaned = super().clean() or {}
        quantity = cleaned.get("quantity")
        if quantity is not None and quantity != self.line.computed and not cleaned.get("reason"):
            self.add_error(
                "reason",
                f"Укажите причину: количество ({quantity}) отличается от расчётного "
                f"({self.line.computed}).",
            )
        return cleaned


class DemandSendForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
