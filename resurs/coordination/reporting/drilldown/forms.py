"""The filter of the KPI 6.3 drill-down page: whose KPI, which direction, which days."""

from __future__ import annotations

from django import forms

from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.ui.forms import StyledFormMixin


class ConsultedFilterForm(StyledFormMixin, forms.Form):
    """Whose KPI 6.3 (an organisation the user sees), in which direction, over which days."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), widget=forms.HiddenInput
    )
    direction = forms.ModelChoiceField(
        label="Направление", required=False, queryset=Direction.objects.all(), empty_label="Все"
    )
    date_from = forms.DateField(label="С даты", widget=forms.DateInput())
    date_to = forms.DateField(label="По дату", widget=forms.DateInput())

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "Конец периода раньше его начала.")
        return data
