"""Forms of the ЕГИССО exports: the list's filters, a new export (a month), ЕГИССО's answer
on a fact, the protocol file, the correction of a rejected fact, the requisites."""

from __future__ import annotations

import datetime

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone

from resurs.casework.egisso.models import ExportStatus
from resurs.casework.egisso.selectors import ExportFilter, previous_month
from resurs.casework.socialservices.register import MONTHS
from resurs.kernel.ui.forms import StyledFormMixin

MONTH_CHOICES = [(str(n), name) for n, name in enumerate(MONTHS, start=1)]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExportFilterForm(StyledFormMixin, forms.Form):
    number = forms.IntegerField(
        label="Номер выгрузки", required=False, min_value=1, max_value=2**63 - 1
    )
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label="Состояние", required=False, choices=[("", "Все"), *ExportStatus.choices]
    )

    def filters(self) -> ExportFilter:
        if not self.is_bound or not self.is_valid():
            return ExportFilter()
        data = self.cleaned_data
        return ExportFilter(
            year=data.get("year"), status=data.get("status") or "", number=data.get("number")
        )


class ExportForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label="Год", min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label="Месяц", choices=MONTH_CHOICES, coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last = previous_month(timezone.localdate())
        self.fields["year"].initial = last.year
        self.fields["month"].initial = str(last.month)

    def period(self) -> datetime.date:
        return datetime.date(self.cleaned_data["year"], self.cleaned_data["month"], 1)


class AnswerForm(StyledFormMixin, forms.Form):
    accepted = forms.TypedChoiceField(
        label="Ответ ЕГИССО",
        choices=[("1", "принят"), ("0", "отклонён")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Причина отклонения",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Как в протоколе ЕГИССО.",
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("accepted") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", "Укажите причину отклонения из ответа ЕГИССО.")
        return data


class ProtocolForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label="Файл протокола ЕГИССО",
        help_text="Протокол обработки пакета, полученный от ЕГИССО.",
    )


class CorrectionForm(StyledFormMixin, forms.Form):
    provided_on = forms.DateField(label="Дата оказания", widget=DATE)
    quantity = forms.IntegerField(label="Количество", min_value=1, max_value=1000)
    reason = forms.CharField(label="Причина исправления", max_length=400)


class ParticipantForm(StyledFormMixin, forms.Form):
    osz_code = forms.CharField(
        label="Код ОНМСЗ в ЕГИССО",
        max_length=11,
        validators=[RegexValidator(r"^[0-9.]{1,11}$", "Код ОНМСЗ — цифры и точка, до 11 знаков.")],
    )
    category_id = forms.UUIDField(
        label="Идентификатор локальной категории получателей",
        help_text="Из реестра локальных мер учреждения в ЕГИССО: 32 шестнадцатеричных знака.",
        error_messages={"invalid": "Введите идентификатор из реестра ЛМСЗ ЕГИССО."},
    )
