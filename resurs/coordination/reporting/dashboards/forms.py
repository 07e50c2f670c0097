"""REP-6/REP-5 forms: the dashboards' quarter and direction filter, the coefficient's weights."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from resurs.coordination.reporting.dashboards import selectors as dashboards
from resurs.coordination.reporting.dashboards.selectors import (
    chosen_quarter,
    quarter_choices,
)
from resurs.coordination.reporting.models import CoefficientComponent
from resurs.kernel.ui.forms import StyledFormMixin


class DashboardFilterForm(StyledFormMixin, forms.Form):
    period = forms.ChoiceField(label="Квартал", required=False)
    direction = forms.TypedChoiceField(
        label="Направление", required=False, coerce=int, empty_value=None
    )

    def __init__(self, data=None, *, today, directions, **kwargs):
        default = dashboards.last_finished_quarter(today).key
        if data is not None and not data.get("period"):
            data = data.copy()
            data["period"] = default
        super().__init__(data, **kwargs)
        self.today = today
        self.fields["period"].choices = quarter_choices(today)
        self.fields["period"].initial = default
        self.fields["direction"].choices = [("", "Все направления")] + [
            (d.pk, f"{d.number}. {d.short_name or d.name}") for d in directions
        ]

    def chosen(self) -> tuple:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return chosen_quarter(data.get("period"), self.today), data.get("direction")


class CoefficientWeightsForm(StyledFormMixin, forms.Form):
    """The weight and the norm of every component (REP-5), each with the version loaded."""

    def __init__(self, *args, weights, **kwargs):
        super().__init__(*args, **kwargs)
        self.weights = weights
        labels = dict(CoefficientComponent.choices)
        for weight in weights:
            name = labels.get(weight.component, weight.component)
            self.fields[f"weight_{weight.component}"] = forms.DecimalField(
                label=f"Вес: {name}", max_digits=5, decimal_places=2, initial=weight.weight
            )
            self.fields[f"norm_{weight.component}"] = forms.DecimalField(
                label=f"Норматив: {name}", max_digits=8, decimal_places=2, initial=weight.norm
            )
            self.fields[f"version_{weight.component}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=weight.version
            )
        for name, field in self.fields.items():
            if not name.startswith("version_"):
                field.widget.attrs.update({"inputmode": "decimal", "step": "0.01"})

    def clean(self):
        data = super().clean()
        any_weight = False
        for weight in self.weights:
            value = data.get(f"weight_{weight.component}")
            norm = data.get(f"norm_{weight.component}")
            if value is not None and value < 0:
                self.add_error(f"weight_{weight.component}", "Вес не может быть отрицательным.")
            if value:
                any_weight = any_weight or value > 0
            if norm is not None and norm <= 0:
                self.add_error(f"norm_{weight.component}", "Норматив должен быть больше нуля.")
        if not self.errors and not any_weight:
            raise ValidationError(
                "Хотя бы одна составляющая должна иметь вес больше нуля: иначе коэффициент "
                "не из чего считать."
            )
        return data

    def rows(self) -> dict[str, dict]:
        return {
            w.component: {
                "weight": self.cleaned_data[f"weight_{w.component}"],
                "norm": self.cleaned_data[f"norm_{w.component}"],
                "version": self.cleaned_data.get(f"version_{w.component}"),
            }
            for w in self.weights
        }

    def table(self) -> list[tuple]:
        return [
            (
                w,
                self[f"weight_{w.component}"],
                self[f"norm_{w.component}"],
                self[f"version_{w.component}"],
            )
            for w in self.weights
        ]
