"""Forms of the acts and the journals' filter (period, unit, district)."""

from __future__ import annotations

from typing import cast

from django import forms

from resurs.casework.cases.models import Act
from resurs.casework.journals import selectors
from resurs.casework.units.models import SocialDistrict, Unit
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


class ActForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Act
        fields = [
            "kind",
            "drawn_on",
            "address",
            "commission",
            "household",
            "housing",
            "income",
            "findings",
            "conclusion",
        ]
        widgets = {
            "drawn_on": DATE,
            "commission": forms.Textarea(attrs={"rows": 2}),
            "household": TEXT,
            "housing": TEXT,
            "income": TEXT,
            "findings": TEXT,
            "conclusion": TEXT,
        }


class ActEditForm(ActForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(ActForm.Meta):
        fields = [name for name in ActForm.Meta.fields if name != "kind"]


class JournalFilterForm(StyledFormMixin, forms.Form):
    date_from = forms.DateField(label="Период с", required=False, widget=DATE)
    date_to = forms.DateField(label="по", required=False, widget=DATE)
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Отделение", required=False, queryset=Unit.objects.none(), empty_label="Все"
    )
    district: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Участок", required=False, queryset=SocialDistrict.objects.none(), empty_label="Все"
    )

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit = cast(forms.ModelChoiceField, self.fields["unit"])
        district = cast(forms.ModelChoiceField, self.fields["district"])
        unit.queryset = selectors.unit_choices(who)
        district.queryset = selectors.district_choices(who)

    def clean(self):
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "Конец периода раньше начала.")
        return data

    def filters(self) -> selectors.JournalFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.JournalFilter()
        data = self.cleaned_data
        return selectors.JournalFilter(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            unit=data.get("unit"),
            district=data.get("district"),
        )

    def applied(self) -> list[tuple[str, str]]:
        """The filters applied, in the form's words (for the printed journal)."""
        if not self.is_bound or not self.is_valid():
            return []
        pairs = []
        for name in ("date_from", "date_to", "unit", "district"):
            value = self.cleaned_data.get(name)
            if value:
                text = f"{value:%d.%m.%Y}" if hasattr(value, "strftime") else str(value)
                pairs.append((str(self.fields[name].label), text))
        return pairs
