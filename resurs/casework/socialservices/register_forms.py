"""The register's filters (GET: none of them personal) and its search (POSTed: a СНИЛС or
the start of a surname never goes into a URL)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone

from resurs.casework.socialservices import selectors
from resurs.casework.socialservices.models import ServiceForm
from resurs.casework.socialservices.register import MONTHS, RegisterFilter
from resurs.casework.units.models import Unit
from resurs.kernel.ui.forms import StyledFormMixin

MONTH_CHOICES = [("", "весь год"), *[(str(n), name) for n, name in enumerate(MONTHS, start=1)]]


class RegisterFilterForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label="Месяц", required=False, choices=MONTH_CHOICES, coerce=int, empty_value=None
    )
    unit = forms.ModelChoiceField(
        label="Отделение", required=False, queryset=Unit.objects.none(), empty_label="Все"
    )
    form = forms.ChoiceField(
        label="Форма обслуживания", required=False, choices=[("", "Все"), *ServiceForm.choices]
    )

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = selectors.filter_units(who)

    def filters(self, person_ids: frozenset[int] | None = None) -> RegisterFilter:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        unit = data.get("unit")
        return RegisterFilter(
            year=data.get("year") or timezone.localdate().year,
            month=data.get("month"),
            unit_id=unit.pk if unit else None,
            form=data.get("form") or "",
            person_ids=person_ids,
        )


class RegisterSearchForm(StyledFormMixin, forms.Form):
    """POSTed: a whole СНИЛС or the start of a surname."""

    q = forms.CharField(
        label="СНИЛС или начало фамилии",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
