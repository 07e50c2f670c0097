from django import forms
from django.utils import timezone

from resurs.coordination.instructions import selectors
from resurs.coordination.instructions.models import (
    Control,
    Instruction,
    InstructionKind,
    InstructionState,
)
from resurs.kernel.attachments.uploads import validate_document_file
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput()


def _all(label: str, choices) -> list:
    return [("", label), *choices]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked like any attachment (type, size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.validators = [validate_document_file]

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class PeriodFilterMixin:
    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "Конец периода раньше начала.")
        return data

    def filters(self) -> selectors.InstructionFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.InstructionFilter()
        data = self.cleaned_data
        return selectors.InstructionFilter(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            state=data.get("state") or "",
            control=data.get("control") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class BoardFilterForm(PeriodFilterMixin, StyledFormMixin, forms.Form):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = forms.ChoiceField(
        label="Вид", required=False, choices=_all("Все", InstructionKind.choices)
    )
    state = forms.ChoiceField(
        label="Состояние", required=False, choices=_all("Любое", InstructionState.choices)
    )
    control = forms.ChoiceField(
        label="Есть адресаты", required=False, choices=_all("Любые", Control.choices)
    )
    date_from = forms.DateField(label="Срок с", required=False, widget=DATE)
    date_to = forms.DateField(label="Срок по", required=False, widget=DATE)


class IncomingFilterForm(PeriodFilterMixin, StyledFormMixin, forms.Form):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = forms.ChoiceField(
        label="Вид", required=False, choices=_all("Все", InstructionKind.choices)
    )
    state = forms.ChoiceField(
        label="Состояние", required=False, choices=_all("Любое", selectors.INCOMING_STATES)
    )
    date_from = forms.DateField(label="Срок с", required=False, widget=DATE)
    date_to = forms.DateField(label="Срок по", required=False, widget=DATE)


class InstructionForm(StyledFormMixin, forms.ModelForm):
    addressees = forms.ModelMultipleChoiceField(
        label="Адресаты",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Выберите хотя бы одного адресата."},
    )
    files = MultipleFileField(
        label="Файлы", help_text="Формы для заполнения, письмо, приложения (можно несколько)."
    )

    class Meta:
        model = Instruction
        fields = ["kind", "title", "text", "deadline"]
        widgets = {"deadline": DATE, "text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressees"].queryset = selectors.addressee_choices(who)

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError("Срок исполнения не может быть раньше сегодняшнего дня.")
        return deadline


class AnswerForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label="Ответ",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Напишите ответ."},
    )
    files = MultipleFileField(label="Файлы ответа", help_text="Можно выбрать несколько файлов.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReturnForm(StyledFormMixin, forms.Form):
    remark = forms.CharField(
        label="Что доработать",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Напишите, что нужно доработать."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
