"""Forms of the appeals journal and the cases. Choices come from the user's scope; the
search for a person is typed into a POSTed form, never into the address (152-FZ)."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone

from resurs.casework.cases import selectors, workflow
from resurs.casework.cases.models import AppealResult, Case, Channel, StepKind
from resurs.casework.citizens.identity import name_key
from resurs.casework.citizens.models import Family, Person
from resurs.casework.units.models import SocialDistrict, Unit
from resurs.kernel.accounts.models import User
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEARCH_LIMIT = 20
ANONYMOUS_CHOICES = [("", "Все"), ("no", "Открытые"), ("yes", "Анонимные")]


def _choices(form, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def _all(label: str, choices) -> list:
    return [("", label), *choices]


class PeriodMixin:
    def clean(self):
        data = super().clean()  # type: ignore[misc]
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "Конец периода раньше начала.")  # type: ignore[attr-defined]
        return data


class AppealFilterForm(PeriodMixin, StyledFormMixin, forms.Form):
    date_from = forms.DateField(label="Дата с", required=False, widget=DATE)
    date_to = forms.DateField(label="Дата по", required=False, widget=DATE)
    channel = forms.ChoiceField(
        label="Форма", required=False, choices=_all("Любая", Channel.choices)
    )
    anonymous = forms.ChoiceField(
        label="Открытое / анонимное", required=False, choices=ANONYMOUS_CHOICES
    )
    result = forms.ChoiceField(
        label="Результат", required=False, choices=_all("Любой", AppealResult.choices)
    )

    def filters(self) -> selectors.AppealFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.AppealFilter()
        data = self.cleaned_data
        anonymous = {"yes": True, "no": False}.get(data.get("anonymous") or "")
        return selectors.AppealFilter(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            channel=data.get("channel") or "",
            anonymous=anonymous,
            result=data.get("result") or "",
        )


class SubjectPickerMixin:
    """A person (and a family) chosen among those found by the start of a surname.

    The search text travels in the POST body; the choices are the records of the user's
    scope whose folded name starts with it, plus whatever was chosen before."""

    fields: dict
    data: Any
    initial: Any

    def setup_picker(self, who, person_initial=None, family_initial=None) -> None:
        text = (self.data.get("person_search") or "").strip() if self.is_bound else ""  # type: ignore[attr-defined]
        if any(ord(c) < 32 for c in text):
            text = ""  # the field refuses control characters; nothing is searched for them
        chosen_person = self._chosen("person", person_initial)
        chosen_family = self._chosen("family", family_initial)
        persons = Person.objects.visible_to(who)
        families = Family.objects.visible_to(who)
        person_q = Q(pk=chosen_person) if chosen_person else Q(pk__in=[])
        family_q = Q(pk=chosen_family) if chosen_family else Q(pk__in=[])
        self.search_text = text
        self.found = None
        if text:
            key = name_key(text)
            if key:
                person_q |= Q(name_key__startswith=key)
                family_q |= Q(memberships__person__name_key__startswith=key) | Q(
                    name__icontains=text
                )
        # At most SEARCH_LIMIT of each, as a subquery: the field validates against the queryset.
        found_persons = persons.filter(pk__in=persons.filter(person_q).values("pk")[:SEARCH_LIMIT])
        found_families = families.filter(
            pk__in=families.filter(family_q).values("pk").distinct()[:SEARCH_LIMIT]
        )
        _choices(self, "person").queryset = found_persons
        _choices(self, "family").queryset = found_families
        if text:
            self.found = len(found_persons) + len(found_families)

    def _chosen(self, name, initial):
        value = self.data.get(name) if self.is_bound else initial  # type: ignore[attr-defined]
        return int(str(value)) if str(value or "").isdigit() else None


class AppealForm(SubjectPickerMixin, StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Отделение", queryset=Unit.objects.none())
    received_at = forms.DateTimeField(
        label="Дата и время обращения",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
    )
    channel = forms.ChoiceField(label="Форма обращения", choices=Channel.choices)
    source_organisation = forms.ModelChoiceField(
        label="Ведомство (организация), сообщившее сведения",
        queryset=Organisation.objects.none(),
        required=False,
        help_text="Для информации другого ведомства или организации.",
    )
    is_anonymous = forms.BooleanField(
        label="Анонимное обращение (фамилия не записывается)", required=False
    )
    person_search = forms.CharField(
        label="Найти гражданина или семью по началу фамилии",
        required=False,
        max_length=100,
        help_text="Нажмите «Найти»: поиск не попадает в адрес страницы.",
    )
    person = forms.ModelChoiceField(
        label="Гражданин", queryset=Person.objects.none(), required=False
    )
    family = forms.ModelChoiceField(label="Семья", queryset=Family.objects.none(), required=False)
    subject = forms.CharField(label="Суть обращения", widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.ChoiceField(label="Результат", choices=AppealResult.choices)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, who, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "received_at": timezone.localtime().replace(second=0, microsecond=0),
                "channel": Channel.IN_PERSON,
                "result": AppealResult.IN_WORK,
            },
        )
        super().__init__(*args, **kwargs)
        units = selectors.work_units(who)
        _choices(self, "unit").queryset = units
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        _choices(self, "source_organisation").queryset = Organisation.objects.visible_to(who)
        self.setup_picker(who)

    def clean(self):
        data = super().clean() or {}
        if data.get("is_anonymous") and (data.get("person") or data.get("family")):
            self.add_error(
                "is_anonymous", "Анонимное обращение не связывается с гражданином или семьёй."
            )
        return data


class AppealResultForm(StyledFormMixin, forms.Form):
    result = forms.ChoiceField(label="Результат", choices=AppealResult.choices)
    result_note = forms.CharField(
        label="Подробно", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseFilterForm(StyledFormMixin, forms.Form):
    stage = forms.ChoiceField(label="Этап", required=False, choices=_all("Любой", StepKind.choices))
    specialist = forms.ModelChoiceField(
        label="Специалист", queryset=User.objects.none(), required=False
    )
    district = forms.ModelChoiceField(
        label="Участок", queryset=SocialDistrict.objects.none(), required=False
    )
    overdue = forms.BooleanField(label="Только с просроченным сроком", required=False)

    def __init__(self, *args, who, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "specialist").queryset = User.objects.filter(
            pk__in=Case.objects.visible_to(who).values("specialist_id")
        ).order_by("last_name", "first_name")
        _choices(self, "district").queryset = selectors.district_choices(who)

    def filters(self) -> selectors.CaseFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.CaseFilter()
        data = self.cleaned_data
        return selectors.CaseFilter(
            stage=data.get("stage") or "",
            specialist_id=data["specialist"].pk if data.get("specialist") else None,
            district_id=data["district"].pk if data.get("district") else None,
            overdue=bool(data.get("overdue")),
        )


class CaseForm(SubjectPickerMixin, StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Отделение", queryset=Unit.objects.none())
    person_search = AppealForm.base_fields["person_search"]
    person = forms.ModelChoiceField(
        label="Гражданин", queryset=Person.objects.none(), required=False
    )
    family = forms.ModelChoiceField(label="Семья", queryset=Family.objects.none(), required=False)
    problem = forms.CharField(label="Выявленная проблема", widget=forms.Textarea(attrs={"rows": 3}))
    detected_on = forms.DateField(label="Проблема выявлена", widget=DATE)
    appealed_on = forms.DateField(
        label="Дата обращения",
        widget=DATE,
        required=False,
        help_text="От неё считается срок предложений в ИППСУ (п. 3.2.7).",
    )

    def __init__(self, *args, who, appeal=None, **kwargs):
        initial = {"detected_on": timezone.localdate()}
        if appeal is not None:
            initial.update(
                unit=appeal.unit_id,
                problem=appeal.subject,
                appealed_on=timezone.localtime(appeal.received_at).date(),
                detected_on=timezone.localtime(appeal.received_at).date(),
            )
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        units = selectors.work_units(who)
        _choices(self, "unit").queryset = units
        if len(units) == 1 and appeal is None:
            self.fields["unit"].initial = units[0].pk
        person = appeal.person_id if appeal is not None else None
        family = appeal.family_id if appeal is not None else None
        self.setup_picker(who, person_initial=person, family_initial=family)
        if appeal is not None:
            self.fields["unit"].disabled = True
            self.fields["appealed_on"].disabled = True
            if not appeal.is_anonymous:
                self.initial.setdefault("person", person)
                self.initial.setdefault("family", family)

    def clean(self):
        data = super().clean() or {}
        if bool(data.get("person")) == bool(data.get("family")) and not self.errors:
            raise forms.ValidationError(
                "Выберите гражданина или семью (одно из двух): найдите по началу фамилии."
            )
        return data


class StepForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Шаг", choices=())
    occurred_on = forms.DateField(label="Дата", widget=DATE)
    note = forms.CharField(
        label="Содержание", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault("initial", {"occurred_on": timezone.localdate(), "version": case.version})
        super().__init__(*args, **kwargs)
        labels = dict(StepKind.choices)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (kind, labels[kind]) for kind in workflow.next_steps(case.stage)
        ]


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()
