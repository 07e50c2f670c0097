"""Forms of the reporting pages. The report's own form is built from its version's
indicators (REP-1): one field per indicator, named by its code."""

from __future__ import annotations

from django import forms

from resurs.coordination.reporting.models import ReportForm, ValueType
from resurs.kernel.ui.forms import StyledFormMixin
from resurs.kernel.workcalendar.periods import Period, PeriodKind

TABLE_BLANK_ROWS = 3
BOOL_CHOICES = [("", "—"), ("да", "да"), ("нет", "нет")]


def period_choices(kind: str, around: Period, back: int = 8) -> list[tuple[str, str]]:
    current = Period.containing(kind, around.end)
    return [(p.key, p.label) for p in reversed(current.last(back + 1))]


class ReportValuesForm(StyledFormMixin, forms.Form):
    """REP-3: what the sender types. Values are checked by the service (reporting.values),
    which names the indicator in each error; the form only carries them."""

    nothing_to_report = forms.BooleanField(
        label="Нет данных за период (нечего сообщить)", required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, sections, initial_values, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.tables = {}
        for section in sections:
            for indicator in section.indicator_list:
                if indicator.formula:
                    continue
                value = initial_values.get(indicator.code)
                label = f"{indicator.number} {indicator.title}".strip()
                if indicator.unit:
                    label += f", {indicator.unit}"
                if indicator.value_type == ValueType.TABLE:
                    self.tables[indicator.code] = (indicator, value or [])
                    continue
                if indicator.value_type == ValueType.BOOLEAN:
                    field = forms.ChoiceField(label=label, choices=BOOL_CHOICES, required=False)
                    initial = "" if value is None else ("да" if value else "нет")
                elif indicator.value_type == ValueType.TEXT:
                    field = forms.CharField(
                        label=label, required=False, widget=forms.Textarea(attrs={"rows": 3})
                    )
                    initial = value or ""
                else:
                    field = forms.CharField(
                        label=label,
                        required=False,
                        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                    )
                    initial = "" if value is None else str(value).replace(".", ",")
                field.help_text = indicator.help_text
                field.initial = initial
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs["class"] = css
                self.fields[indicator.code] = field

    def table_rows(self, data=None):
        """[(indicator, rows)] with TABLE_BLANK_ROWS empty rows for new lines."""
        result = []
        for code, (indicator, rows) in self.tables.items():
            if data is not None:
                rows = self._posted_rows(code, indicator, data)
            padded = list(rows) + [{} for _ in range(TABLE_BLANK_ROWS)]
            result.append(
                (
                    indicator,
                    [
                        [
                            (f"t-{code}-{i}-{c['code']}", c, row.get(c["code"], ""))
                            for c in indicator.columns
                        ]
                        for i, row in enumerate(padded)
                    ],
                )
            )
        return result

    @staticmethod
    def _posted_rows(code, indicator, data) -> list[dict]:
        rows = []
        index = 0
        while index < 500:
            keys = [f"t-{code}-{index}-{c['code']}" for c in indicator.columns]
            if not any(key in data for key in keys):
                break
            rows.append(
                {
                    c["code"]: data.get(k, "").strip()
                    for c, k in zip(indicator.columns, keys, strict=True)
                }
            )
            index += 1
        return [row for row in rows if any(row.values())]

    def values(self) -> dict:
        """code → raw value, for the service."""
        result = {}
        for code, (indicator, _rows) in self.tables.items():
            result[code] = self._posted_rows(code, indicator, self.data)
        for name, value in self.cleaned_data.items():
            if name in {"nothing_to_report", "version"}:
                continue
            result[name] = value
        return result


class DecisionForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RemarksForm(StyledFormMixin, forms.Form):
    remarks = forms.CharField(
        label="Замечания", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReopenForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label="Причина повторного открытия",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class BoardFilterForm(StyledFormMixin, forms.Form):
    form = forms.ModelChoiceField(
        label="Форма",
        queryset=ReportForm.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        empty_label="Все формы",
    )
    period = forms.ChoiceField(label="Период", required=False)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        quarter = Period.containing(PeriodKind.QUARTER, today)
        year = Period.containing(PeriodKind.YEAR, today)
        self.fields["period"].choices = period_choices(
            PeriodKind.QUARTER, quarter
        ) + period_choices(PeriodKind.YEAR, year, back=3)
        self.default_period = quarter.previous() if today.month % 3 == 1 else quarter

    def chosen_period(self) -> Period:
        key = self.cleaned_data.get("period") if self.is_valid() else None
        if key:
            try:
                return Period.from_key(key)
            except ValueError:
                pass
        return self.default_period


class OpenPeriodForm(StyledFormMixin, forms.Form):
    form = forms.ModelChoiceField(
        label="Форма", queryset=ReportForm.objects.filter(is_active=True), to_field_name="code"
    )
    period = forms.CharField(label="Период (например, 2026-q3 или 2026)", max_length=10)

    def clean(self):
        data = super().clean()
        key = data.get("period")
        if key:
            try:
                data["period"] = Period.from_key(key.strip())
            except ValueError as exc:
                self.add_error("period", str(exc))
        return data


class FormSettingsForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ReportForm
        fields = ["title", "short_title", "due_day", "is_active"]

    def clean_due_day(self):
        day = self.cleaned_data["due_day"]
        if not 1 <= day <= 31:
            raise forms.ValidationError("Число месяца — от 1 до 31.")
        return day


class NewVersionForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label="Что меняется", max_length=500, required=False)


class SectionForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label="Заголовок раздела", max_length=500)
    order = forms.IntegerField(label="Порядок", min_value=0, max_value=999, initial=1)


class IndicatorForm(StyledFormMixin, forms.Form):
    """REP-1: one indicator of a draft version. Table columns are typed one per line as
    «код; заголовок; тип» (тип: text, integer or decimal)."""

    section = forms.ModelChoiceField(label="Раздел", queryset=None)
    order = forms.IntegerField(label="Порядок в разделе", min_value=0, max_value=999, initial=1)
    number = forms.CharField(label="№", max_length=16, required=False)
    title = forms.CharField(label="Показатель", max_length=500)
    code = forms.SlugField(
        label="Код",
        max_length=64,
        help_text="Латинские буквы, цифры и «_»: по нему показатель входит в формулы и в API.",
    )
    value_type = forms.ChoiceField(label="Тип значения", choices=ValueType.choices)
    unit = forms.CharField(label="Единица измерения", max_length=32, required=False)
    required = forms.BooleanField(label="Обязательный", required=False)
    counter = forms.ChoiceField(label="Считается системой", required=False)
    formula = forms.CharField(
        label="Формула",
        max_length=500,
        required=False,
        help_text="Арифметика над кодами других показателей версии: (a + b) / c * 100.",
    )
    consolidation = forms.ChoiceField(label="Свод отчётов отправителей", choices=())
    columns = forms.CharField(
        label="Столбцы таблицы",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="По одному в строке: код; заголовок; тип (text, integer, decimal).",
    )
    help_text = forms.CharField(label="Пояснение", max_length=500, required=False)
    part_of = forms.SlugField(
        label="Не больше показателя (код)",
        max_length=64,
        required=False,
        help_text="Для «из них», «в том числе»: код показателя-целого; при представлении "
        "отчёта часть, большая целого, не принимается.",
    )

    def __init__(self, *args, version, **kwargs):
        from resurs.coordination.reporting.counters import counter_choices
        from resurs.coordination.reporting.models import Consolidation

        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = version.sections.order_by("order", "id")
        self.fields["counter"].choices = counter_choices() + [
            ("senders_accepted", "Число принятых отчётов отправителей")
        ]
        self.fields["consolidation"].choices = Consolidation.choices
        self.fields["consolidation"].initial = Consolidation.NONE

    @staticmethod
    def columns_text(columns) -> str:
        return "\n".join(f"{c['code']}; {c['title']}; {c.get('type', 'text')}" for c in columns)

    def clean_columns(self):
        columns = []
        for number, line in enumerate(self.cleaned_data["columns"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise forms.ValidationError(
                    f"Строка {number}: нужно «код; заголовок; тип», "
                    "например «name; Наименование; text»."
                )
            kind = parts[2] if len(parts) > 2 and parts[2] else "text"
            if kind not in {"text", "integer", "decimal"}:
                raise forms.ValidationError(
                    f"Строка {number}: тип столбца — text, integer или decimal."
                )
            columns.append({"code": parts[0], "title": parts[1], "type": kind})
        return columns
