"""Forms of units, staff, districts, assignments and passports; the rules live in the
services, the forms only collect what the user typed."""

from django import forms
from django.utils import timezone

from resurs.casework.units.models import (
    DistrictPassport,
    Position,
    SocialDistrict,
    Unit,
    UnitKind,
)
from resurs.casework.units.services import STAFF_ROLES
from resurs.kernel.accounts.models import Membership
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _today():
    return timezone.localdate()


class UnitForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Unit
        fields = ["kind", "name", "daily_capacity", "caseload_limit", "phone", "address"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = UnitKind.objects.all()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        # The service validates the whole record; the form must not save nor clean the model.
        pass


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        position = f", {obj.position}" if obj.position else ""
        return f"{obj.user} ({obj.get_role_display()}{position})"


def _staff_memberships(organisation_id: int):
    return (
        Membership.objects.filter(
            organisation_id=organisation_id, role__in=STAFF_ROLES, is_active=True
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


class StaffForm(StyledFormMixin, forms.Form):
    membership = MembershipChoiceField(
        label="Сотрудник",
        queryset=Membership.objects.none(),
        help_text="Пользователи учреждения с ролью «Заведующий» или «Специалист».",
    )
    position = forms.ChoiceField(label="Должность", choices=Position.choices)
    starts_on = forms.DateField(label="Работает с", initial=_today, widget=DATE)

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = _staff_memberships(unit.organisation_id)  # type: ignore[attr-defined]


class EndForm(StyledFormMixin, forms.Form):
    ends_on = forms.DateField(label="Дата окончания", initial=_today, widget=DATE)


class DistrictForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = SocialDistrict
        fields = ["name", "territory", "kind", "bounds", "population", "population_as_of"]
        widgets = {"population_as_of": DATE, "bounds": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        pass


class AssignForm(StyledFormMixin, forms.Form):
    membership = MembershipChoiceField(label="Специалист", queryset=Membership.objects.none())
    starts_on = forms.DateField(label="Закреплён с", initial=_today, widget=DATE)

    def __init__(self, *args, district: SocialDistrict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = _staff_memberships(district.unit.organisation_id)  # type: ignore[attr-defined]


class PassportForm(StyledFormMixin, forms.ModelForm):
    partners = forms.ModelMultipleChoiceField(
        label="Социальные партнёры",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Организации справочника: учреждения, ведомства, общественные организации.",
    )

    class Meta:
        model = DistrictPassport
        fields = ["compiled_on", "infrastructure", "social_picture", "notes"]
        widgets = {
            "compiled_on": DATE,
            "infrastructure": forms.Textarea(attrs={"rows": 5}),
            "social_picture": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, who=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("compiled_on", _today())
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.visible_to(who).order_by(  # type: ignore[attr-defined]
            "short_name"
        )

    def _post_clean(self):
        pass
