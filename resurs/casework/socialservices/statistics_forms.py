"""The statistics page's choice (SOC-10): a month, a quarter, a year or a range of months; the
dimension; the filters by unit, district, kind, form and payment."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms

from resurs.casework.socialservices import selectors
from resurs.casework.socialservices.models import Payment, ServiceForm, ServiceKind
from resurs.casework.socialservices.services import OLDEST_YEARS
from resurs.casework.socialservices.statistics import DIMENSIONS
from resurs.casework.socialservices.statistics_selectors import StatisticsQuery
from resurs.casework.units.models import SocialDistrict, Unit
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.ui.forms import StyledFormMixin
from resurs.kernel.workcalendar.periods import Period, PeriodKind

CUSTOM = "custom"
ALL = [("", "все")]


def _months(today: datetime.date) -> list[Period]:
    month = Period.containing(PeriodKind.MONTH, today)
    return month.last(12 * OLDEST_YEARS + today.month)[::-1]


def period_choices(today: datetime.date) -> list:
    """Grouped: the months, quarters and years a fact may be dated in (newest first), and
    the range of months."""
    years = range(today.year, today.year - OLDEST_YEARS - 1, -1)
    quarter = Period.containing(PeriodKind.QUARTER, today)
    quarters = quarter.last(4 * OLDEST_YEARS + quarter.number)[::-1]
    return [
        ("Месяц", [(p.key, p.label) for p in _months(today)]),
        ("Квартал", [(p.key, p.label) for p in quarters]),
        ("Год", [(str(year), f"{year} год") for year in years]),
        ("Произвольный", [(CUSTOM, "диапазон месяцев")]),
    ]


class StatisticsForm(StyledFormMixin, forms.Form):
    period = forms.ChoiceField(label="Период", required=False)
    month_from = forms.ChoiceField(label="С месяца", required=False)
    month_to = forms.ChoiceField(label="По месяц", required=False)
    dimension = forms.ChoiceField(label="В разрезе", required=False)
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Отделение", required=False, queryset=Unit.objects.none(), empty_label="все"
    )
    district: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Участок", required=False, queryset=SocialDistrict.objects.none(), empty_label="все"
    )
    kind = forms.ChoiceField(label="Вид услуг", required=False, choices=ALL + ServiceKind.choices)
    form = forms.ChoiceField(
        label="Форма обслуживания", required=False, choices=ALL + ServiceForm.choices
    )
    payment = forms.ChoiceField(label="Оплата", required=False, choices=ALL + Payment.choices)

    def __init__(self, *args, who, today: datetime.date, dimensions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["period"].choices = period_choices(today)  # type: ignore[attr-defined]
        self.fields["period"].initial = Period.containing(PeriodKind.MONTH, today).key
        months = [("", "—")] + [(p.key, p.label) for p in _months(today)]
        self.fields["month_from"].choices = months  # type: ignore[attr-defined]
        self.fields["month_to"].choices = months  # type: ignore[attr-defined]
        self.fields["dimension"].choices = [  # type: ignore[attr-defined]
            (key, DIMENSIONS[key].title) for key in dimensions
        ]
        self.default_dimension = "organisation" if "organisation" in dimensions else "unit"
        self.fields["dimension"].initial = self.default_dimension
        scope = scope_of(who)
        if scope is not None and scope.region_wide:
            # Region-wide roles see the region's numbers: no institution's units to pick.
            del self.fields["unit"], self.fields["district"]
        else:
            cast(forms.ModelChoiceField, self.fields["unit"]).queryset = selectors.filter_units(
                who
            ).select_related("organisation")
            cast(
                forms.ModelChoiceField, self.fields["district"]
            ).queryset = selectors.filter_districts(who)

    def clean(self):
        data = super().clean() or {}
        if data.get("period") == CUSTOM:
            start, end = data.get("month_from"), data.get("month_to")
            if not start:
                self.add_error("month_from", "Выберите первый месяц диапазона.")
            if not end:
                self.add_error("month_to", "Выберите последний месяц диапазона.")
            if start and end and Period.from_key(end) < Period.from_key(start):
                self.add_error("month_to", "Последний месяц раньше первого.")
        return data

    def _bounds(self, data) -> tuple[datetime.date, datetime.date, str]:
        if data.get("period") == CUSTOM:
            first, last = Period.from_key(data["month_from"]), Period.from_key(data["month_to"])
            if first == last:
                return first.start, last.end, first.label
            return first.start, last.end, f"{first.label} — {last.label}"
        period = Period.from_key(data.get("period") or self.fields["period"].initial)
        return period.start, period.end, period.label

    def query(self) -> StatisticsQuery:
        """The page's choice; the defaults (this month) for an unbound or broken form."""
        if not self.is_bound or not self.is_valid():
            start, end, _label = self._bounds({})
            return StatisticsQuery(start=start, end=end, dimension=self.default_dimension)
        data = self.cleaned_data
        start, end, _label = self._bounds(data)
        unit, district = data.get("unit"), data.get("district")
        return StatisticsQuery(
            start=start,
            end=end,
            dimension=data.get("dimension") or self.default_dimension,
            unit_id=unit.pk if unit else None,
            district_id=district.pk if district else None,
            kind=data.get("kind") or "",
            form=data.get("form") or "",
            payment=data.get("payment") or "",
        )

    def period_label(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return self._bounds(data)[2]

    def applied(self) -> list[tuple[str, str]]:
        """The filters applied, in the form's words (for the exported statistics)."""
        if not self.is_bound or not self.is_valid():
            return []
        pairs = []
        for name in ("unit", "district", "kind", "form", "payment"):
            value = self.cleaned_data.get(name)
            if value:
                field = self.fields[name]
                if isinstance(field, forms.ModelChoiceField):
                    text = str(value)
                else:
                    text = str(dict(field.choices).get(value, value))  # type: ignore[attr-defined]
                pairs.append((str(field.label), text))
        return pairs
