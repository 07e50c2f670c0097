from django import forms

from resurs.kernel.attachments.uploads import validate_document_file
from resurs.kernel.organisations import selectors
from resurs.kernel.organisations.models import (
    Appointment,
    AppointmentKind,
    Direction,
    LegalForm,
    LocalDocumentKind,
    Organisation,
    OrganisationKind,
    Territory,
)
from resurs.kernel.organisations.services import duplicate_inn_message
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput()


class OrganisationFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = forms.ChoiceField(
        label="Вид", required=False, choices=[("", "Все виды"), *OrganisationKind.choices]
    )
    territory = forms.ModelChoiceField(
        label="Территория", required=False, queryset=Territory.objects.all(), empty_label="Все"
    )
    direction = forms.ModelChoiceField(
        label="Направление", required=False, queryset=Direction.objects.all(), empty_label="Все"
    )
    legal_form = forms.ChoiceField(
        label="Форма", required=False, choices=[("", "Все формы"), *LegalForm.choices]
    )
    rc = forms.ChoiceField(
        label="Статус РЦ",
        required=False,
        choices=[("", "Не важно"), ("yes", "Ресурсные центры"), ("no", "Без статуса РЦ")],
    )

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        if who is not None:
            territory = self.fields["territory"]
            territory.queryset = Territory.objects.in_region_of(who)  # type: ignore[attr-defined]


class OrganisationForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "legal_form",
            "sector",
            "territory",
            "directions",
            "inn",
            "ogrn",
            "address",
            "phone",
            "email",
            "website",
            "head_name",
            "is_active",
        ]
        widgets = {"directions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_inn(self):
        inn = self.cleaned_data.get("inn", "")
        twin = selectors.organisation_with_inn(inn, exclude_pk=self.instance.pk)
        if twin is not None:
            raise forms.ValidationError(duplicate_inn_message(inn, twin))
        return inn


class RCStatusAssignForm(StyledFormMixin, forms.Form):
    direction = forms.ModelChoiceField(
        label="Приоритетное направление", queryset=Direction.objects.filter(is_active=True)
    )
    order_number = forms.CharField(label="Номер приказа Департамента", max_length=64)
    order_date = forms.DateField(label="Дата приказа", widget=DATE)
    valid_from = forms.DateField(label="Действует с", widget=DATE)
    valid_to = forms.DateField(
        label="Действует по", widget=DATE, required=False, help_text="Пусто — бессрочно."
    )
    order_file = forms.FileField(
        label="Файл приказа", required=False, validators=[validate_document_file]
    )
    note = forms.CharField(
        label="Примечание", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean() or {}
        if (
            data.get("valid_to")
            and data.get("valid_from")
            and data["valid_to"] < data["valid_from"]
        ):
            self.add_error("valid_to", "Дата окончания раньше даты начала.")
        return data


class RCStatusReplaceForm(RCStatusAssignForm):
    direction = None  # type: ignore[assignment]  # a replacement keeps the direction


class RCStatusRepealForm(StyledFormMixin, forms.Form):
    order_number = forms.CharField(label="Номер приказа об отмене", max_length=64)
    order_date = forms.DateField(label="Дата приказа", widget=DATE)
    effective_on = forms.DateField(
        label="Статус прекращается с",
        widget=DATE,
        required=False,
        help_text="Пусто — с даты приказа.",
    )


class AppointmentForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Appointment
        fields = [
            "kind",
            "direction",
            "person_name",
            "position",
            "duties",
            "order_number",
            "order_date",
            "valid_from",
            "valid_to",
        ]
        widgets = {
            "order_date": DATE,
            "valid_from": DATE,
            "valid_to": DATE,
            "duties": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AppointmentKind.choices  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class LocalDocumentForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Вид документа", choices=LocalDocumentKind.choices)
    title = forms.CharField(label="Наименование", max_length=500)
    direction = forms.ModelChoiceField(
        label="Направление", queryset=Direction.objects.all(), required=False
    )
    approved_on = forms.DateField(label="Дата утверждения", widget=DATE)
    approval_order = forms.CharField(label="Утверждён приказом №", max_length=64, required=False)
    file = forms.FileField(label="Файл", validators=[validate_document_file])


class LocalDocumentVersionForm(StyledFormMixin, forms.Form):
    approved_on = forms.DateField(label="Дата утверждения", widget=DATE)
    approval_order = forms.CharField(label="Утверждена приказом №", max_length=64, required=False)
    note = forms.CharField(label="Что изменено", max_length=500, required=False)
    file = forms.FileField(label="Файл", validators=[validate_document_file])


class DirectionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Direction
        fields = ["number", "short_name", "name", "source", "is_active"]
        widgets = {"name": forms.Textarea(attrs={"rows": 3})}


class TerritoryForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Territory
        fields = ["region", "name", "kind", "oktmo"]
