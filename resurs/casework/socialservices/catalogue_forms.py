"""Forms of the catalogue of social services (SOC-11): its filters, a service, a new tariff.
The rules live in `services_catalogue`; the forms collect what the user typed."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from resurs.casework.socialservices.models import Service, ServiceForm, ServiceKind
from resurs.casework.socialservices.selectors import CatalogueFilter
from resurs.kernel.ui.forms import StyledFormMixin, validate_typed_date

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO_ANY = [("", "все"), ("yes", "да"), ("no", "нет")]
PAYMENT_CHOICES = [("", "все"), ("free", "бесплатные"), ("paid", "платные")]
PRICE_ERRORS = {
    "min_value": "Тариф не может быть отрицательным.",
    "invalid": "Укажите тариф числом, например 35,55.",
}
ACTIVE_CHOICES = [("", "все"), ("yes", "действующие"), ("no", "исключённые")]


def _today():
    return timezone.localdate()


class CatalogueFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label="Код или наименование",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label="Вид услуг", required=False, choices=[("", "все"), *ServiceKind.choices]
    )
    form = forms.ChoiceField(
        label="Форма обслуживания", required=False, choices=[("", "все"), *ServiceForm.choices]
    )
    payment = forms.ChoiceField(label="Оплата", required=False, choices=PAYMENT_CHOICES)
    active = forms.ChoiceField(label="Состояние", required=False, choices=ACTIVE_CHOICES)

    def filters(self) -> CatalogueFilter:
        if not self.is_bound or not self.is_valid():
            return CatalogueFilter()
        data = self.cleaned_data
        return CatalogueFilter(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            form=data.get("form") or "",
            paid={"free": False, "paid": True}.get(data.get("payment") or ""),
            active={"yes": True, "no": False}.get(data.get("active") or ""),
        )


class ServiceEditForm(StyledFormMixin, forms.ModelForm):
    """A service of the list; a new one may get its first tariff on the same page."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Service
        fields = [
            "code",
            "name",
            "kind",
            "form",
            "measure_unit",
            "is_paid",
            "allows_anonymous",
            "egisso_code",
            "order_ref",
            "is_active",
        ]
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "code": "Например: СБ-01. Код указывается в журналах (графа «Код услуги») и в "
            "файлах загрузки; код услуги, по которой уже внесены факты, не меняется.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self):
        # The service validates the whole record; the form must not save nor clean the model.
        pass


class ServiceCreateForm(ServiceEditForm):
    tariff_price = forms.DecimalField(
        label="Тариф, руб. за единицу",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        localize=True,
        error_messages=PRICE_ERRORS,
        help_text="Для платной услуги; можно установить и позже в карточке услуги.",
    )
    tariff_from = forms.DateField(
        label="Тариф действует с",
        required=False,
        widget=DATE,
        validators=[validate_typed_date],
    )

    class Meta(ServiceEditForm.Meta):
        pass

    def clean(self):
        data = super().clean() or {}
        price, day = data.get("tariff_price"), data.get("tariff_from")
        if price is not None and day is None and "tariff_from" not in self.errors:
            self.add_error("tariff_from", "Укажите, с какого дня действует тариф.")
        if day is not None and price is None and "tariff_price" not in self.errors:
            self.add_error("tariff_price", "Укажите тариф.")
        return data


class TariffForm(StyledFormMixin, forms.Form):
    valid_from = forms.DateField(
        label="Действует с", initial=_today, widget=DATE, validators=[validate_typed_date]
    )
    price = forms.DecimalField(
        label="Тариф, руб. за единицу",
        min_value=0,
        max_digits=10,
        decimal_places=2,
        localize=True,
        error_messages=PRICE_ERRORS,
        help_text="В рублях с копейками, например 35,55.",
    )
    order_ref = forms.CharField(
        label="Приказ",
        required=False,
        max_length=255,
        help_text="Например: приказ Депсоцразвития Югры от 10.01.2025 № 12-р.",
    )
