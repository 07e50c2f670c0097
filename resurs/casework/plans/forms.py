"""Forms of plans, lines, referrals and joint patronage. The choices come from `selectors`
(the plan kind's catalogue, the institution's units and staff, the directory the user sees);
the rules are the services'."""

from typing import cast

from django import forms

from resurs.casework.plans import selectors
from resurs.casework.plans.models import (
    LineStatus,
    Measure,
    PatronageKind,
    Plan,
    PlanLine,
    ReferralStatus,
)
from resurs.casework.units.models import Unit
from resurs.kernel.accounts.models import User
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput()


def set_choices(form: forms.Form, name: str, queryset) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class VersionField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, **kwargs)


class LineForm(StyledFormMixin, forms.Form):
    """A plan line: the measure, what exactly, one responsible (an employee, a unit or a
    partner organisation), the date — and, when editing, its status and result."""

    measure = forms.ModelChoiceField(
        label="Мероприятие",
        queryset=Measure.objects.none(),
        error_messages={"required": "Выберите мероприятие из перечня."},
    )
    details = forms.CharField(
        label="Содержание", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible_user = forms.ModelChoiceField(
        label="Ответственный сотрудник", queryset=User.objects.none(), required=False
    )
    responsible_unit = forms.ModelChoiceField(
        label="или отделение", queryset=Unit.objects.none(), required=False
    )
    responsible_organisation = forms.ModelChoiceField(
        label="или организация-партнёр",
        queryset=Organisation.objects.none(),
        required=False,
        help_text="Из справочника организаций. Укажите одного ответственного из трёх.",
    )
    planned_on = forms.DateField(
        label="Срок", widget=DATE, error_messages={"required": "Укажите срок."}
    )

    def __init__(self, *args, plan: Plan, who, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "measure", selectors.measure_choices(plan.kind))
        set_choices(self, "responsible_user", selectors.staff_choices(plan.organisation_id))
        set_choices(self, "responsible_unit", selectors.unit_choices(plan.organisation_id))
        set_choices(self, "responsible_organisation", selectors.partner_choices(who))


class LineEditForm(LineForm):
    status = forms.ChoiceField(label="Состояние", choices=LineStatus.choices)
    done_on = forms.DateField(label="Выполнено", required=False, widget=DATE)
    result = forms.CharField(
        label="Результат", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField()

    @classmethod
    def initial_of(cls, line: PlanLine) -> dict:
        return {
            "measure": line.measure_id,
            "details": line.details,
            "responsible_user": line.responsible_user_id,
            "responsible_unit": line.responsible_unit_id,
            "responsible_organisation": line.responsible_organisation_id,
            "planned_on": line.planned_on,
            "status": line.status,
            "done_on": line.done_on,
            "result": line.result,
            "version": line.version,
        }


class ReferralForm(StyledFormMixin, forms.Form):
    to_unit = forms.ModelChoiceField(
        label="Отделение учреждения",
        queryset=Unit.objects.none(),
        required=False,
        help_text="Психологической помощи, на дому, для несовершеннолетних, реабилитации…",
    )
    to_organisation = forms.ModelChoiceField(
        label="или другое ведомство",
        queryset=Organisation.objects.none(),
        required=False,
        help_text="Нужно действующее согласие гражданина на передачу данных в другие ведомства.",
    )
    request = forms.CharField(
        label="О чём просим",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Напишите, о чём просите адресата."},
    )

    def __init__(self, *args, plan: Plan, who, **kwargs):
        super().__init__(*args, **kwargs)
        units = selectors.unit_choices(plan.organisation_id).exclude(pk=plan.unit_id)
        set_choices(self, "to_unit", units)
        set_choices(self, "to_organisation", selectors.external_choices(who))

    def clean(self):
        data = super().clean() or {}
        if bool(data.get("to_unit")) == bool(data.get("to_organisation")):
            raise forms.ValidationError(
                "Укажите одного адресата: отделение учреждения или другое ведомство."
            )
        return data


class RejectForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label="Причина отказа",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Укажите причину отказа."},
    )
    version = VersionField()


class DoneForm(StyledFormMixin, forms.Form):
    result = forms.CharField(
        label="Результат исполнения",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Опишите результат исполнения."},
    )
    version = VersionField()


class PatronageForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Вид патронажа", choices=PatronageKind.choices)
    held_on = forms.DateField(label="Дата", widget=DATE)
    partners = forms.ModelMultipleChoiceField(
        label="Участвовали организации",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    staff = forms.ModelMultipleChoiceField(
        label="Сотрудники учреждения",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    result = forms.CharField(
        label="Итоги",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Опишите итоги патронажа."},
    )

    def __init__(self, *args, plan: Plan, who, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "partners", selectors.partner_choices(who))
        set_choices(self, "staff", selectors.staff_choices(plan.organisation_id))


class ReferralFilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Состояние", required=False, choices=[("", "Любое"), *ReferralStatus.choices]
    )

    def filters(self) -> selectors.ReferralFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.ReferralFilter()
        return selectors.ReferralFilter(status=self.cleaned_data.get("status") or "")
