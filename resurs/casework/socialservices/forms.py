"""Forms of the service facts (SOC-10): the list's filters (also the statistics'
drill-down: the fields are named as `selectors.FactFilter`), a fact, its reversal, the
closure of a month. The recipient is picked by a search that is POSTed (a name never goes
into a URL); choices come from `selectors`."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.utils import timezone

from resurs.casework.citizens.models import Person
from resurs.casework.socialservices import selectors
from resurs.casework.socialservices.models import (
    Basis,
    Payment,
    Service,
    ServiceForm,
    ServiceKind,
)
from resurs.casework.socialservices.services import OLDEST_YEARS
from resurs.casework.units.models import SocialDistrict, Unit
from resurs.kernel.ui.forms import StyledFormMixin
from resurs.kernel.workcalendar.periods import Period, PeriodKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The largest id a database keeps (a bigint): a larger number in a query string is no id.
ID_MAX = 2**63 - 1


def id_field() -> forms.IntegerField:
    return forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=ID_MAX
    )


class ServicesField(forms.ModelMultipleChoiceField):
    """Services chosen by their ids; a value that is no id is refused before the database
    is asked (a number past a bigint fails in the database driver, not as a wrong choice)."""

    def _check_values(self, value):
        for item in value:
            if not str(item).isdigit() or not 0 < int(item) <= ID_MAX:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)  # type: ignore[misc]


def set_choices(form: forms.BaseForm, name: str, queryset) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


def month_choices(today: datetime.date, *, before_current: bool = False) -> list:
    """The months a fact may count in, newest first, as (first day in ISO, «ноябрь 2026»):
    a select, not a month input (which not every browser has)."""
    month = Period.containing(PeriodKind.MONTH, today)
    if before_current:
        month = month.previous()
    months = month.last(12 * OLDEST_YEARS + today.month)[::-1]
    return [(p.start.isoformat(), p.label) for p in months]


def _month(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _choices(label: str, choices) -> list:
    return [("", label), *choices]


class FactFilterForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label="Услуга (код или название)",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    period_from = forms.TypedChoiceField(
        label="Учётный месяц с", required=False, coerce=_month, empty_value=None
    )
    period_to = forms.TypedChoiceField(label="по", required=False, coerce=_month, empty_value=None)
    unit_id = forms.ModelChoiceField(
        label="Отделение", required=False, queryset=Unit.objects.none(), empty_label="Все"
    )
    district_id = forms.ModelChoiceField(
        label="Участок",
        required=False,
        queryset=SocialDistrict.objects.none(),
        empty_label="Все",
    )
    kind = forms.ChoiceField(label="Вид услуг", required=False, choices=[])
    form = forms.ChoiceField(label="Форма", required=False, choices=[])
    payment = forms.ChoiceField(label="Оплата", required=False, choices=[])
    basis = forms.ChoiceField(label="Основание", required=False, choices=[])
    reversals_only = forms.BooleanField(label="Только сторно", required=False)
    # The statistics' drill-down narrows the list by these (numbers, not names).
    specialist_id = id_field()
    person_id = id_field()
    case_id = id_field()
    service_id = id_field()
    target_group_id = id_field()

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "unit_id", selectors.filter_units(who))
        set_choices(self, "district_id", selectors.filter_districts(who))
        months = _choices("—", month_choices(timezone.localdate()))
        cast(forms.ChoiceField, self.fields["period_from"]).choices = months
        cast(forms.ChoiceField, self.fields["period_to"]).choices = months
        cast(forms.ChoiceField, self.fields["kind"]).choices = _choices("Все", ServiceKind.choices)
        cast(forms.ChoiceField, self.fields["form"]).choices = _choices("Все", ServiceForm.choices)
        cast(forms.ChoiceField, self.fields["payment"]).choices = _choices("Все", Payment.choices)
        cast(forms.ChoiceField, self.fields["basis"]).choices = _choices("Все", Basis.choices)

    def clean_text(self):
        return (self.cleaned_data.get("text") or "").strip()

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start.replace(day=1) > end:
            self.add_error("period_to", "Конец периода раньше его начала.")
        return data

    def filters(self) -> selectors.FactFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.FactFilter()
        data = self.cleaned_data
        unit, district = data.get("unit_id"), data.get("district_id")
        return selectors.FactFilter(
            period_from=data.get("period_from"),
            period_to=data.get("period_to"),
            unit_id=unit.pk if unit else None,
            district_id=district.pk if district else None,
            specialist_id=data.get("specialist_id"),
            person_id=data.get("person_id"),
            case_id=data.get("case_id"),
            service_id=data.get("service_id"),
            kind=data.get("kind") or "",
            form=data.get("form") or "",
            payment=data.get("payment") or "",
            basis=data.get("basis") or "",
            target_group_id=data.get("target_group_id"),
            text=data.get("text") or "",
            reversals_only=bool(data.get("reversals_only")),
        )

    @property
    def narrowed(self) -> bool:
        """Whether the drill-down's hidden filters are in force (the page says so)."""
        return self.is_bound and any(
            self.data.get(name)
            for name in ("specialist_id", "person_id", "case_id", "service_id", "target_group_id")
        )


class FactForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Отделение", queryset=Unit.objects.none())
    person = forms.ModelChoiceField(
        label="Получатель",
        queryset=Person.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Этот гражданин вам недоступен."},
    )
    person_q = forms.CharField(label="Найти получателя", required=False, max_length=100)
    service = forms.ModelChoiceField(label="Услуга", queryset=Service.objects.none())
    provided_on = forms.DateField(label="Дата оказания", widget=DATE)
    quantity = forms.IntegerField(label="Количество", min_value=1, max_value=1000, initial=1)
    basis = forms.ChoiceField(label="Основание", choices=Basis.choices, initial=Basis.URGENT)
    payment = forms.ChoiceField(
        label="Оплата",
        choices=_choices("По перечню (бесплатно или по тарифу)", Payment.choices),
        required=False,
    )
    amount = forms.DecimalField(
        label="Оплачено гражданином, руб.",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text="Только при частичной оплате; при полной — стоимость по тарифу.",
    )
    note = forms.CharField(label="Примечание", required=False, max_length=500)

    def __init__(self, *args, who=None, fixed_person=None, fixed_basis=False, **kwargs):
        super().__init__(*args, **kwargs)
        units = selectors.work_units(who)
        set_choices(self, "unit", units)
        if len(units) == 1 and not self.is_bound:
            self.initial.setdefault("unit", units[0].pk)
        set_choices(self, "service", selectors.service_choices())
        set_choices(self, "person", selectors.persons_visible(who))
        self.fixed_person = fixed_person
        if fixed_person is not None:
            del self.fields["person"]
            del self.fields["person_q"]
        if fixed_person is not None or fixed_basis:
            del self.fields["basis"]
        self.fields["provided_on"].initial = timezone.localdate()

    def clean_person_q(self):
        return (self.cleaned_data.get("person_q") or "").strip()

    def clean_note(self):
        return (self.cleaned_data.get("note") or "").strip()

    def clean_provided_on(self):
        day = self.cleaned_data["provided_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Дата оказания не может быть позже сегодняшнего дня.")
        return day

    def clean(self):
        data = super().clean() or {}
        data.pop("person_q", None)
        data["payment"] = data.get("payment") or None
        return data


class ReversalForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label="Причина сторно", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    corrected_quantity = forms.IntegerField(
        label="Верное количество",
        required=False,
        min_value=1,
        max_value=1000,
        help_text="Укажите, чтобы вместе со сторно внести верный факт; пусто — только сторно.",
    )
    corrected_on = forms.DateField(label="Верная дата оказания", required=False, widget=DATE)

    def clean_reason(self):
        return (self.cleaned_data.get("reason") or "").strip()


class MonthCloseForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Отделение", queryset=Unit.objects.none())
    month = forms.TypedChoiceField(label="Месяц", coerce=_month)

    def __init__(self, *args, who=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "unit", units if units is not None else Unit.objects.none())
        months = month_choices(timezone.localdate(), before_current=True)
        cast(forms.ChoiceField, self.fields["month"]).choices = months
        self.fields["month"].initial = months[0][0]
