import datetime
import re

from django import forms

from resurs.casework.units.models import Unit
from resurs.coordination.roadmaps import evidence, selectors
from resurs.coordination.roadmaps.models import UNIT_KINDS, MarkResult, RoadmapKind, RoadmapState
from resurs.kernel.organisations.models import Direction
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput()


def _directions():
    return Direction.objects.filter(is_active=True)


class RoadmapFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)
    state = forms.ChoiceField(
        label="Состояние", required=False, choices=[("", "Все"), *RoadmapState.choices]
    )
    direction = forms.ModelChoiceField(
        label="Направление", required=False, queryset=_directions(), empty_label="Все"
    )

    def filters(self) -> selectors.RoadmapFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.RoadmapFilter()
        data = self.cleaned_data
        return selectors.RoadmapFilter(
            text=data.get("q") or "",
            year=data.get("year"),
            state=data.get("state") or "",
            direction_id=data["direction"].pk if data.get("direction") else None,
        )


class RoadmapForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(
        label="Наименование",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: «План мероприятий („дорожная карта“) ресурсного центра по "
        "направлению … на 2026 год».",
    )
    year = forms.IntegerField(label="Год", min_value=2000, max_value=2100)
    # A unit's work plan is made on its own page (UnitPlanForm).
    kind = forms.ChoiceField(
        label="Вид плана", choices=[c for c in RoadmapKind.choices if c[0] not in UNIT_KINDS]
    )
    direction = forms.ModelChoiceField(
        label="Приоритетное направление", required=False, queryset=_directions()
    )
    programme = forms.CharField(
        label="Программа (для медиаплана Департамента)", required=False, max_length=500
    )

    def __init__(self, *args, roadmap=None, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        if roadmap is not None:
            self.fields["version"].initial = roadmap.version
            for name in ("title", "year", "kind", "direction", "programme"):
                self.fields[name].initial = getattr(roadmap, name)
            del self.fields["kind"]
        elif scope is not None and scope.direction_id:
            self.fields["direction"].initial = scope.direction_id


UNIT_KIND_CHOICES = [c for c in RoadmapKind.choices if c[0] in UNIT_KINDS]


class UnitPlanFilterForm(StyledFormMixin, forms.Form):
    """SOC-13: the filter of the units' work plans."""

    q = forms.CharField(
        label="Поиск", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="Вид плана", required=False, choices=[("", "Все")])
    unit = forms.ModelChoiceField(
        label="Отделение", required=False, queryset=Unit.objects.none(), empty_label="Все"
    )
    state = forms.ChoiceField(
        label="Состояние", required=False, choices=[("", "Все"), *RoadmapState.choices]
    )

    def __init__(self, *args, who, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Все"), *UNIT_KIND_CHOICES]
        self.fields["unit"].queryset = (
            Unit.objects.visible_to(who).select_related("organisation").order_by("name")
        )

    def filters(self) -> selectors.RoadmapFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.RoadmapFilter(unit_plans=True)
        data = self.cleaned_data
        return selectors.RoadmapFilter(
            unit_plans=True,
            text=data.get("q") or "",
            year=data.get("year"),
            kind=data.get("kind") or "",
            state=data.get("state") or "",
            unit_id=data["unit"].pk if data.get("unit") else None,
        )


class UnitPlanForm(StyledFormMixin, forms.Form):
    """SOC-13 (002 §5.1.10): a unit's calendar or long-term work plan; editing it changes
    the title and the year only."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit = forms.ModelChoiceField(label="Отделение", queryset=Unit.objects.none())
    kind = forms.ChoiceField(label="Вид плана", choices=())
    year = forms.IntegerField(label="Год", min_value=2000, max_value=2100)
    title = forms.CharField(
        label="Наименование",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: «Календарный план работы отделения социального сопровождения "
        "граждан на 2026 год».",
    )

    def __init__(self, *args, who=None, roadmap=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = UNIT_KIND_CHOICES
        if roadmap is not None:
            del self.fields["unit"], self.fields["kind"]
            self.fields["version"].initial = roadmap.version
            self.fields["year"].initial = roadmap.year
            self.fields["title"].initial = roadmap.title
            return
        units = selectors.units_for_plans(who).order_by("name")
        self.fields["unit"].queryset = units
        first_two = list(units[:2])
        if len(first_two) == 1:
            self.fields["unit"].initial = first_two[0].pk


class SectionForm(StyledFormMixin, forms.Form):
    title = forms.CharField(
        label="Наименование раздела",
        max_length=500,
        help_text="Например: «Организационно-методическая деятельность».",
    )


class ItemForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label="Наименование мероприятия", widget=forms.Textarea(attrs={"rows": 3})
    )
    timeframe = forms.CharField(
        label="Срок реализации",
        max_length=500,
        help_text="Как в документе: «1 квартал 2022 года», «ежеквартально», «в течение года»…",
    )
    responsible_text = forms.CharField(
        label="Ответственные исполнители (должности)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsibles = forms.ModelMultipleChoiceField(
        label="Назначенные ответственные",
        required=False,
        queryset=selectors.appointments_for_choice(0),
        help_text="Им приходят напоминания о просроченных контрольных точках.",
    )
    expected_results = forms.CharField(
        label="Ожидаемые результаты", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, roadmap, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsibles"].queryset = selectors.appointments_for_choice(
            roadmap.organisation_id
        )
        if item is not None:
            self.fields["version"].initial = item.version
            for name in ("name", "timeframe", "responsible_text", "expected_results"):
                self.fields[name].initial = getattr(item, name)
            self.fields["responsibles"].initial = [a.pk for a in item.responsibles.all()]


DATE_RE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}")


class ScheduleForm(StyledFormMixin, forms.Form):
    dates = forms.CharField(
        label="Контрольные даты",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Даты через запятую или с новой строки: 31.03.2026, 30.06.2026.",
    )
    window_start = forms.DateField(label="Период с", required=False, widget=DATE)
    window_end = forms.DateField(label="Период по", required=False, widget=DATE)

    def clean_dates(self):
        text = self.cleaned_data["dates"]
        tokens = [t for t in re.split(r"[\s,;]+", text) if t]
        dates = []
        for token in tokens:
            if not DATE_RE.fullmatch(token):
                raise forms.ValidationError(f"Не понятна дата «{token}»: пишите ДД.ММ.ГГГГ.")
            try:
                if "-" in token:
                    dates.append(datetime.date.fromisoformat(token))
                else:
                    day, month, year = (int(p) for p in token.split("."))
                    dates.append(datetime.date(year, month, day))
            except ValueError:
                raise forms.ValidationError(f"Такой даты нет: «{token}».") from None
        if not dates:
            raise forms.ValidationError("Укажите хотя бы одну дату.")
        return dates


class ReturnForm(StyledFormMixin, forms.Form):
    remark = forms.CharField(
        label="Замечания к дорожной карте",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.item_fields = []
        for item in items:
            name = f"item_{item.pk}"
            self.fields[name] = forms.CharField(
                label=f"№ {item.number}. {item.name[:150]}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 1}),
            )
            self.item_fields.append((item.pk, name))

    def clean(self):
        data = super().clean()
        if not (data.get("remark") or "").strip() and not any(
            (data.get(name) or "").strip() for _pk, name in self.item_fields
        ):
            raise forms.ValidationError("Напишите замечание к карте или к мероприятию.")
        return data

    def item_remarks(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(name) or "" for pk, name in self.item_fields}


class ProposalForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label="Предложение", widget=forms.Textarea(attrs={"rows": 3}))
    suggested_name = forms.CharField(
        label="Предлагаемое мероприятие", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggested_timeframe = forms.CharField(label="Предлагаемый срок", required=False, max_length=500)
    suggested_section = forms.ModelChoiceField(
        label="Раздел", required=False, queryset=selectors.sections_of(None, None)
    )

    def __init__(self, *args, roadmap, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_section"].queryset = selectors.sections_of(scope, roadmap)


class AcceptProposalForm(StyledFormMixin, forms.Form):
    section = forms.ModelChoiceField(
        label="Раздел плана", queryset=selectors.sections_of(None, None)
    )
    name = forms.CharField(label="Мероприятие", widget=forms.Textarea(attrs={"rows": 2}))
    timeframe = forms.CharField(label="Срок реализации", max_length=500)
    note = forms.CharField(
        label="Ответ поставщику", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, proposal, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = selectors.sections_of(scope, proposal.roadmap)
        self.fields["section"].initial = proposal.suggested_section_id
        self.fields["name"].initial = proposal.suggested_name or proposal.text
        self.fields["timeframe"].initial = proposal.suggested_timeframe


class DeclineProposalForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label="Почему отклонено", widget=forms.Textarea(attrs={"rows": 2}))


class MarkForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    result = forms.ChoiceField(
        label="Исполнение", choices=MarkResult.choices, widget=forms.RadioSelect
    )
    done_text = forms.CharField(
        label="Что сделано", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.MultipleChoiceField(
        label="Подтверждения — записи системы",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Мероприятия, публикации, консультации, записи реестров и методические "
        "продукты вашей организации. Файлы прикрепляются на странице контрольной точки.",
    )

    def __init__(self, *args, who, roadmap, mark=None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = []
        for kind in evidence.kinds():
            options = [
                (f"{kind.key}:{pk}", title[:150])
                for pk, title in evidence.choices_for(who, roadmap.organisation_id, kind.key)
            ]
            if options:
                groups.append((kind.label, options))
        if mark is not None:
            self.fields["version"].initial = mark.version
            self.fields["result"].initial = mark.result
            self.fields["done_text"].initial = mark.done_text
            chosen = []
            for link in mark.evidence.select_related("content_type"):
                kind = evidence.kind_of_content_type(link.content_type_id)
                if kind is not None:
                    chosen.append(f"{kind.key}:{link.object_id}")
            self.fields["evidence"].initial = chosen
            # A linked record the owner no longer lists (someone else's) stays selectable.
            known = {value for _label, options in groups for value, _t in options}
            extra = [(value, "ранее выбранная запись") for value in chosen if value not in known]
            if extra:
                groups.append(("Ранее выбранные", extra))
        self.fields["evidence"].choices = groups

    def evidence_links(self) -> list[tuple[str, int]]:
        links = []
        for value in self.cleaned_data.get("evidence") or []:
            key, _sep, pk = value.partition(":")
            links.append((key, int(pk)))
        return links
