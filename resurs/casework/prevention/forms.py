"""Forms of preventive events: the list's filters and the event with its participants. The
persons of the data bank are picked by a search (POST, never in the URL) among those the
user sees; the choices come from `selectors`."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone

from resurs.casework.citizens.models import Person
from resurs.casework.prevention import selectors
from resurs.casework.prevention.models import EventKind, PreventiveEvent
from resurs.casework.units.models import Unit
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput()
QUARTERS = [("", "Весь год"), *[(str(q), f"{q} квартал") for q in range(1, 5)]]


def set_choices(form: forms.BaseForm, name: str, queryset) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class EventFilterForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Вид", required=False, choices=[("", "Все"), *EventKind.choices])
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label="Квартал", required=False, choices=QUARTERS, coerce=int, empty_value=None
    )
    unit = forms.ModelChoiceField(
        label="Отделение", required=False, queryset=Unit.objects.none(), empty_label="Все"
    )

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "unit", selectors.unit_filter_choices(who))

    def clean(self):
        data = super().clean() or {}
        if data.get("quarter") and not data.get("year"):
            data["year"] = timezone.localdate().year
        return data

    def filters(self) -> selectors.EventFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.EventFilter()
        data = self.cleaned_data
        unit = data.get("unit")
        return selectors.EventFilter(
            kind=data.get("kind") or "",
            year=data.get("year"),
            quarter=data.get("quarter"),
            unit_id=unit.pk if unit else None,
        )


class EventForm(StyledFormMixin, forms.ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label="Участвовавшие организации",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Из справочника организаций; несколько — с Ctrl.",
    )
    participants = forms.ModelMultipleChoiceField(
        label="Участники из банка данных",
        queryset=Person.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "Среди участников есть гражданин, который вам недоступен."
        },
    )
    # The participants' search box is sent with the form: its text is checked like any
    # typed text (no control characters), though it is never stored.
    person_q = forms.CharField(label="Найти гражданина", required=False, max_length=100)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PreventiveEvent
        fields = [
            "unit",
            "kind",
            "title",
            "held_on",
            "place",
            "audience",
            "other_participants",
            "notes",
        ]
        widgets = {"held_on": DATE, "notes": forms.Textarea(attrs={"rows": 4})}
        labels = {"other_participants": "Прочих участников (число)"}

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "unit", selectors.unit_choices(who))
        set_choices(self, "organisations", selectors.organisation_choices(who))
        set_choices(self, "participants", selectors.persons_visible(who))

    def clean(self):
        data = super().clean() or {}
        data.pop("person_q", None)
        return data
