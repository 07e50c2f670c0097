"""Forms of the rental point's pages (TSR-1..5): the lists' filters, an item and its
maintenance and write-off, an application with its checklist, the decisions on it, the
contract's issue, extension and return. Choices come from what the user may see; the rules
themselves are the services'."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.utils import timezone

from resurs.casework.citizens.models import Person
from resurs.casework.rental.models import (
    DOCUMENTS,
    ApplicationState,
    Category,
    ContractState,
    DisabilityGroup,
    Item,
    ItemKind,
    ItemSource,
    ItemState,
    Priority,
    RefusalGround,
    ReturnCondition,
    ReturnReason,
)
from resurs.casework.socialservices.forms import ID_MAX, ServicesField
from resurs.casework.units.models import Unit
from resurs.kernel.accounts.models import Membership
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0"), "localize": True}


def _choices(label: str, choices) -> list:
    return [("", label), *choices]


def _set(form: forms.BaseForm, name: str, queryset) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class ItemFilterForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label="Клеймо", required=False, max_length=40)
    kind = forms.ModelChoiceField(
        label="Вид ТСР", queryset=ItemKind.objects.all(), required=False, empty_label="все виды"
    )
    state = forms.ChoiceField(
        label="Состояние", choices=_choices("все", ItemState.choices), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.input_type = "search"


class ApplicationFilterForm(StyledFormMixin, forms.Form):
    number = forms.IntegerField(label="№ заявления", required=False, min_value=1, max_value=ID_MAX)
    kind = forms.ModelChoiceField(
        label="Вид ТСР", queryset=ItemKind.objects.all(), required=False, empty_label="все виды"
    )
    state = forms.ChoiceField(
        label="Состояние", choices=_choices("все", ApplicationState.choices), required=False
    )
    category = forms.ChoiceField(
        label="Категория", choices=_choices("все", Category.choices), required=False
    )


class ContractFilterForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label="№ договора", required=False, max_length=20)
    state = forms.ChoiceField(
        label="Состояние", choices=_choices("все", ContractState.choices), required=False
    )
    overdue = forms.BooleanField(label="Только просроченные", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.input_type = "search"


class ItemForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label="Отделение", queryset=Unit.objects.none(), empty_label=None)
    kind = forms.ModelChoiceField(label="Вид ТСР", queryset=ItemKind.objects.all())
    mark = forms.CharField(label="Клеймо", max_length=40, help_text="Уникально в учреждении.")
    characteristics = forms.CharField(
        label="Технические характеристики",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    book_value = forms.DecimalField(label="Балансовая стоимость, руб.", **MONEY)  # type: ignore[arg-type]
    market_value = forms.DecimalField(label="Рыночная стоимость, руб.", **MONEY)  # type: ignore[arg-type]
    source = forms.ChoiceField(label="Источник поступления", choices=ItemSource.choices)
    transfer_note_number = forms.CharField(
        label="Накладная 0315006: номер", required=False, max_length=40
    )
    transfer_note_date = forms.DateField(
        label="Накладная 0315006: дата", required=False, widget=DATE
    )
    in_service_on = forms.DateField(label="Введено в эксплуатацию", widget=DATE)
    condition = forms.CharField(label="Техническое состояние", max_length=255, initial="исправно")
    location = forms.CharField(label="Место хранения", required=False, max_length=255)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        _set(self, "unit", units)


class TariffForm(StyledFormMixin, forms.Form):
    valid_from = forms.DateField(label="Действует с", widget=DATE)
    price = forms.DecimalField(label="Тариф, руб. за сутки", **MONEY)  # type: ignore[arg-type]
    order_ref = forms.CharField(label="Приказ об утверждении (номер и дата)", max_length=255)


class MaintenanceStartForm(StyledFormMixin, forms.Form):
    started_on = forms.DateField(label="Начато", widget=DATE, initial=timezone.localdate)
    what = forms.CharField(label="Что требуется сделать", max_length=500)


class MaintenanceFinishForm(StyledFormMixin, forms.Form):
    finished_on = forms.DateField(label="Завершено", widget=DATE, initial=timezone.localdate)
    cost = forms.DecimalField(label="Стоимость, руб.", initial=0, **MONEY)  # type: ignore[arg-type]


class WriteOffForm(StyledFormMixin, forms.Form):
    act_number = forms.CharField(label="Акт списания: номер", max_length=40)
    act_date = forms.DateField(label="Акт списания: дата", widget=DATE, initial=timezone.localdate)
    reason = forms.CharField(label="Причина", max_length=500)


class ApplicationForm(StyledFormMixin, forms.Form):
    person = forms.ModelChoiceField(label="Заявитель", queryset=Person.objects.none())
    person_q = forms.CharField(label="Найти заявителя", required=False, max_length=100)
    unit = forms.ModelChoiceField(label="Отделение", queryset=Unit.objects.none(), empty_label=None)
    requested_kind = forms.ModelChoiceField(
        label="Необходимое ТСР", queryset=ItemKind.objects.all()
    )
    category = forms.ChoiceField(
        label="Категория (п. 2.1 положения)",
        choices=Category.choices,
        widget=forms.RadioSelect,
    )
    ipra_kinds = ServicesField(
        label="ТСР, указанные в ИПР/ИПРА",
        queryset=ItemKind.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Только для категорий п. 2.1.1 и 2.1.2: бесплатно выдаются лишь эти виды.",
    )
    priority = forms.ChoiceField(
        label="Внеочередное право (п. 2.2)", choices=Priority.choices, required=False
    )
    documents = forms.MultipleChoiceField(
        label="Представленные документы (п. 3.3)",
        choices=list(DOCUMENTS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    disability_group = forms.ChoiceField(
        label="Группа инвалидности", choices=DisabilityGroup.choices, required=False
    )
    cannot_self_care = forms.BooleanField(
        label="Утратил способность к самообслуживанию и (или) передвижению", required=False
    )
    no_able_relatives = forms.BooleanField(label="Нет трудоспособных родственников", required=False)
    needed_until = forms.DateField(label="Нуждается до", required=False, widget=DATE)

    def __init__(self, *args, who=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        _set(self, "person", Person.objects.visible_to(who))
        _set(self, "unit", units)

    def clean_person_q(self):
        return (self.cleaned_data.get("person_q") or "").strip()


class RefuseForm(StyledFormMixin, forms.Form):
    ground = forms.ChoiceField(
        label="Основание отказа (договор, п. 2.2.3)",
        choices=RefusalGround.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="Пояснение", required=False, max_length=500)


class WithdrawForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label="Причина (со слов заявителя)",
        max_length=500,
        help_text="Например: приобрёл ТСР самостоятельно; нуждаемость отпала.",
    )


class MoveForm(StyledFormMixin, forms.Form):
    position = forms.IntegerField(label="Новое место в очереди", min_value=1, max_value=10000)
    reason = forms.CharField(label="Причина изменения очерёдности", max_length=500)


class IssueForm(StyledFormMixin, forms.Form):
    items = ServicesField(
        label="Предметы проката",
        queryset=Item.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Свободные предметы фонда; один договор и один акт могут включать несколько.",
    )
    starts_on = forms.DateField(label="Срок с", widget=DATE, initial=timezone.localdate)
    ends_on = forms.DateField(
        label="Срок по", widget=DATE, help_text="Не более одного года (п. 3.6 положения)."
    )
    delivery = forms.BooleanField(label="Доставка на дом (п. 3.5)", required=False)
    representative_name = forms.CharField(
        label="Представитель по доверенности: ФИО", required=False, max_length=255
    )
    representative_document = forms.CharField(
        label="Доверенность: номер и дата", required=False, max_length=255
    )

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        _set(self, "items", items)

    def clean(self):
        data = super().clean() or {}
        if bool(data.get("representative_name")) != bool(data.get("representative_document")):
            raise forms.ValidationError(
                "Для представителя укажите и ФИО, и номер и дату доверенности."
            )
        return data


class ExtendForm(StyledFormMixin, forms.Form):
    until = forms.DateField(
        label="Продлить по", widget=DATE, help_text="Один раз, не более чем на 6 месяцев."
    )
    reason = forms.CharField(label="Основание", required=False, max_length=500)


class ReturnForm(StyledFormMixin, forms.Form):
    """The act of acceptance: a condition (and for misuse the repair cost) per open loan."""

    returned_on = forms.DateField(label="Дата возврата", widget=DATE, initial=timezone.localdate)
    reason = forms.ChoiceField(label="Основание", choices=ReturnReason.choices)
    notice_given_on = forms.DateField(
        label="Дата уведомления о расторжении",
        required=False,
        widget=DATE,
        help_text="При досрочном расторжении по инициативе обслуживаемого — "
        "не менее чем за 10 дней.",
    )
    note = forms.CharField(label="Примечание", required=False, max_length=500)

    def __init__(self, *args, loans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.loans = list(loans)
        for loan in self.loans:
            self.fields[f"condition_{loan.item_id}"] = forms.ChoiceField(
                label=f"{loan.item}: состояние",
                choices=_choices("не возвращается", ReturnCondition.choices),
                required=False,
                initial=ReturnCondition.GOOD,
            )
            self.fields[f"repair_{loan.item_id}"] = forms.DecimalField(
                label=f"{loan.item}: ремонт и транспортировка, руб.",
                required=False,
                help_text="Только при нарушении правил эксплуатации (п. 3.9).",
                **MONEY,  # type: ignore[arg-type]
            )
        for name, field in self.fields.items():
            if name.startswith(("condition_", "repair_")):
                css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
                field.widget.attrs["class"] = css

    def conditions(self) -> dict[int, str]:
        data = self.cleaned_data
        return {
            loan.item_id: data[f"condition_{loan.item_id}"]
            for loan in self.loans
            if data.get(f"condition_{loan.item_id}")
        }

    def repair_costs(self) -> dict[int, Decimal]:
        data = self.cleaned_data
        return {
            loan.item_id: data[f"repair_{loan.item_id}"]
            for loan in self.loans
            if data.get(f"repair_{loan.item_id}") is not None
        }

    def clean(self):
        data = super().clean() or {}
        if self.loans and not any(data.get(f"condition_{loan.item_id}") for loan in self.loans):
            raise forms.ValidationError("Укажите состояние хотя бы одного возвращаемого предмета.")
        return data


class RentalPointForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label="Отделение, при котором организован пункт",
        queryset=Unit.objects.none(),
        empty_label=None,
    )
    address = forms.CharField(label="Место расположения (п. 3.12)", max_length=500)
    hours = forms.CharField(label="Режим работы (п. 1.7)", max_length=500)
    responsible = forms.ModelChoiceField(
        label="Материально ответственное лицо (п. 3.1)",
        queryset=Membership.objects.none(),
        required=False,
    )
    responsible_order = forms.CharField(label="Приказ о назначении", required=False, max_length=255)
    version = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=ID_MAX
    )

    def __init__(self, *args, staff=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        _set(self, "responsible", staff)
        if units is None:  # an existing point stays at its unit
            del self.fields["unit"]
        else:
            _set(self, "unit", units)
