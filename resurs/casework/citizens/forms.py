"""Forms of the data bank. A search for a name or a СНИЛС is a POSTed form, never a query
string: personal data does not travel in URLs (SPEC §0)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.validators import MaxLengthValidator

from resurs.casework.citizens import selectors
from resurs.casework.citizens.models import (
    Consent,
    ConsentPurpose,
    Family,
    Person,
    PersonalFile,
    PreventiveRegistration,
    Relation,
    RemovalReason,
    Signatory,
    SocialPassport,
    TargetGroup,
    TargetGroupApplies,
)
from resurs.casework.citizens.record_services import PASSPORT_FIELDS
from resurs.casework.citizens.services import FAMILY_FIELDS, PERSON_FIELDS
from resurs.casework.units.models import SocialDistrict
from resurs.kernel.accounts.roles import Role
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput()
# A СНИЛС as people type it: 11 digits with hyphens and spaces, as on the card.
SNILS_TYPED_LENGTH = 20
YES_NO = [("", "Все"), ("yes", "состоит"), ("no", "не состоит")]


def _set_choices(form: forms.Form, name: str, queryset) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


def _form(name: str, model, fields) -> type:
    """A plain form with the model's fields (the service, not the form, saves)."""
    return type(name, (StyledFormMixin, forms.Form), dict(forms.fields_for_model(model, fields)))


class PersonFilterForm(StyledFormMixin, forms.Form):
    """The list's filters: nothing personal, so they may be in the URL."""

    district = forms.ModelChoiceField(
        label="Участок", required=False, queryset=SocialDistrict.objects.none()
    )
    group = forms.ModelChoiceField(
        label="Целевая группа",
        required=False,
        queryset=TargetGroup.objects.filter(applies_to=TargetGroupApplies.PERSON),
    )
    registered = forms.ChoiceField(label="Профилактический учёт", required=False, choices=YES_NO)
    older = forms.BooleanField(label="Граждане пожилого возраста", required=False)

    def __init__(self, *args, who, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "district", selectors.district_choices(who))

    def filters(self) -> selectors.PersonFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.PersonFilter()
        data = self.cleaned_data
        return selectors.PersonFilter(
            district_id=data["district"].pk if data.get("district") else None,
            group_id=data["group"].pk if data.get("group") else None,
            registered=data.get("registered") or "",
            older=bool(data.get("older")),
        )


class SearchForm(StyledFormMixin, forms.Form):
    """POSTed: a whole СНИЛС or the start of a surname."""

    q = forms.CharField(
        label="СНИЛС или начало фамилии",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class _HolderMixin:
    fields: dict[str, forms.Field]

    def _holder_fields(self, who, instance=None):
        scope = who.scope
        if instance is None:
            units = selectors.unit_choices(who)
            self.fields["unit"] = forms.ModelChoiceField(label="Отделение", queryset=units)
            if units.count() == 1:
                self.fields["unit"].initial = units.first()
        self.fields["district"] = forms.ModelChoiceField(
            label="Социальный участок",
            required=False,
            queryset=selectors.district_choices(who).filter(unit__in=selectors.unit_choices(who)),
            initial=getattr(instance, "district", None),
        )
        if scope.role == Role.SPECIALIST and instance is None:
            self.fields["district"].help_text = "Пусто — ответственным будете вы."


PersonFields = _form("PersonFields", Person, PERSON_FIELDS)


class PersonForm(_HolderMixin, PersonFields):  # type: ignore[misc,valid-type]
    confirm_not_duplicate = forms.BooleanField(
        label="Это другой человек",
        required=False,
        help_text="Отметьте, если похожие карточки — другие люди.",
    )

    def __init__(self, *args, who, instance: Person | None = None, **kwargs):
        if instance is not None:
            kwargs["initial"] = {f: getattr(instance, f) for f in PERSON_FIELDS}
        super().__init__(*args, **kwargs)
        self._holder_fields(who, instance)
        self._typed_snils()
        if instance is not None:
            del self.fields["confirm_not_duplicate"]
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=instance.version
            )

    def _typed_snils(self) -> None:
        """The СНИЛС is stored as 11 digits but typed as printed, «112-233-445 95»: the
        model's 11-character limit would make the browser cut the check number off."""
        snils = cast(forms.CharField, self.fields["snils"])
        snils.max_length = SNILS_TYPED_LENGTH
        snils.validators = [
            v for v in snils.validators if not isinstance(v, MaxLengthValidator)
        ] + [MaxLengthValidator(SNILS_TYPED_LENGTH)]
        snils.widget.attrs.update(maxlength=str(SNILS_TYPED_LENGTH), inputmode="numeric")


FamilyFields = _form("FamilyFields", Family, FAMILY_FIELDS)


class FamilyForm(_HolderMixin, FamilyFields):  # type: ignore[misc,valid-type]
    def __init__(self, *args, who, instance: Family | None = None, **kwargs):
        if instance is not None:
            kwargs["initial"] = {f: getattr(instance, f) for f in FAMILY_FIELDS}
        super().__init__(*args, **kwargs)
        self._holder_fields(who, instance)
        if instance is not None:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=instance.version
            )


class MemberForm(StyledFormMixin, forms.Form):
    person = forms.IntegerField(
        label="Номер карточки гражданина",
        min_value=1,
        help_text="Найдите гражданина в списке «Граждане» (поиск по СНИЛС или фамилии) "
        "и укажите номер его карточки.",
    )
    relation = forms.ChoiceField(label="Родство", choices=Relation.choices)
    is_legal_representative = forms.BooleanField(label="Законный представитель", required=False)
    joined_on = forms.DateField(label="В составе с", required=False, widget=DATE)

    def __init__(self, *args, who, **kwargs):
        super().__init__(*args, **kwargs)
        self.who = who

    def clean_person(self) -> Person:
        person = Person.objects.visible_to(self.who).filter(pk=self.cleaned_data["person"]).first()
        if person is None:
            raise forms.ValidationError("Карточки с таким номером среди доступных вам нет.")
        return person


class GroupForm(StyledFormMixin, forms.Form):
    group = forms.ModelChoiceField(label="Целевая группа", queryset=TargetGroup.objects.none())
    starts_on = forms.DateField(label="С", widget=DATE)
    note = forms.CharField(label="Основание отнесения", required=False, max_length=500)

    def __init__(self, *args, applies_to: str, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(
            self, "group", TargetGroup.objects.filter(applies_to=applies_to, derived=False)
        )


PassportForm = type(
    "PassportForm",
    (StyledFormMixin, forms.Form),
    {
        **forms.fields_for_model(SocialPassport, [*PASSPORT_FIELDS, "compiled_on"]),
    },
)

RegistrationForm = _form("RegistrationForm", PreventiveRegistration, ["registered_on", "grounds"])


class RegistrationRemoveForm(StyledFormMixin, forms.Form):
    removed_on = forms.DateField(label="Снят с учёта", widget=DATE)
    reason = forms.ChoiceField(label="Причина снятия", choices=RemovalReason.choices)
    note = forms.CharField(label="Пояснение", required=False, max_length=500)


PersonalFileForm = _form("PersonalFileForm", PersonalFile, ["number", "opened_on", "kept_at"])


class PersonalFileCloseForm(StyledFormMixin, forms.Form):
    closed_on = forms.DateField(label="Закрыто", widget=DATE)


ConsentFields = _form(
    "ConsentFields",
    Consent,
    [
        "purpose",
        "signatory",
        "representative_name",
        "representative_basis",
        "document",
        "signed_on",
        "valid_until",
    ],
)


class ConsentForm(ConsentFields):  # type: ignore[misc,valid-type]
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = ConsentPurpose.choices
        self.fields["signatory"].choices = Signatory.choices


class ConsentWithdrawForm(StyledFormMixin, forms.Form):
    withdrawn_on = forms.DateField(label="Дата отзыва", widget=DATE)
    document = forms.CharField(label="Документ об отзыве", max_length=300)


class ReasonSearchForm(StyledFormMixin, forms.Form):
    """A region-wide user: the whole СНИЛС (POSTed) and the reason of the access."""

    snils = forms.CharField(label="СНИЛС", max_length=SNILS_TYPED_LENGTH)
    reason = forms.CharField(
        label="Основание доступа",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Например: номер обращения гражданина или поручения.",
    )


class AccessLogFilterForm(StyledFormMixin, forms.Form):
    date_from = forms.DateField(label="С", required=False, widget=DATE)
    date_to = forms.DateField(label="По", required=False, widget=DATE)
    role = forms.ChoiceField(
        label="Роль",
        required=False,
        choices=[("", "Любая"), *[(label, label) for _value, label in Role.choices]],
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "Конец периода раньше начала.")
        return data
