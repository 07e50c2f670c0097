import datetime

from django import forms

from resurs.coordination.events import permissions, selectors
from resurs.coordination.events.models import (
    Consultation,
    ConsultationAudience,
    ConsultationGrouping,
    ConsultationMode,
    Event,
    EventFormat,
    EventKind,
    EventState,
    MediaPlan,
    MediaPlanItem,
    Participation,
    ParticipationStatus,
    Publication,
    PublicationChannel,
)
from resurs.kernel.organisations.models import Direction
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput()
# The browser's own date-and-time picker; the value is local time of the region.
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _all(label: str, choices) -> list:
    return [("", label), *choices]


def _directions():
    return Direction.objects.filter(is_active=True)


def _record_keepers(who):
    """The organisations a consultation or publication filter offers (REP-6 drill-down from
    the dashboards): the coordination bodies, resource centres and the user's own one."""
    return selectors.event_organisers_for(who)


class PeriodMixin:
    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "Конец периода раньше начала.")
        return data


# --- events ----------------------------------------------------------------------------------


class EventFilterForm(PeriodMixin, StyledFormMixin, forms.Form):
    q = forms.CharField(
        label="Поиск по теме", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = forms.ChoiceField(
        label="Вид", required=False, choices=_all("Все виды", EventKind.choices)
    )
    direction = forms.ModelChoiceField(
        label="Направление", required=False, queryset=_directions(), empty_label="Все"
    )
    organiser = forms.ModelChoiceField(
        label="Организатор", required=False, queryset=None, empty_label="Все"
    )
    format = forms.ChoiceField(
        label="Формат", required=False, choices=_all("Любой", EventFormat.choices)
    )
    state = forms.ChoiceField(
        label="Состояние", required=False, choices=_all("Любое", EventState.choices)
    )
    date_from = forms.DateField(label="С даты", required=False, widget=DATE)
    date_to = forms.DateField(label="По дату", required=False, widget=DATE)

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = selectors.event_organisers_for(who)

    def filters(self) -> selectors.EventFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.EventFilter()
        data = self.cleaned_data
        return selectors.EventFilter(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            direction_id=data["direction"].pk if data.get("direction") else None,
            organiser_id=data["organiser"].pk if data.get("organiser") else None,
            format=data.get("format") or "",
            state=data.get("state") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class CalendarFilterForm(EventFilterForm):
    """The calendar's filters: the month instead of the search and the period."""

    month = forms.CharField(
        label="Месяц",
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "ГГГГ-ММ"}),
    )
    field_order = ["month", "kind", "direction", "organiser", "format", "state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("q", "date_from", "date_to"):
            del self.fields[name]

    def clean_month(self):
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            parsed = datetime.datetime.strptime(value, "%Y-%m")  # noqa: DTZ007 -- a month, not a moment
        except ValueError:
            raise forms.ValidationError("Укажите месяц в виде ГГГГ-ММ.") from None
        if not 2000 <= parsed.year <= 2100:
            raise forms.ValidationError("Укажите месяц в пределах 2000–2100 годов.")
        return parsed.year, parsed.month


class EventForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Event
        fields = [
            "organiser",
            "kind",
            "topic",
            "direction",
            "format",
            "starts_at",
            "ends_at",
            "place",
            "link",
            "description",
            "state",
            "is_public",
            "nominations_open",
            "nomination_deadline",
            "places",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "nomination_deadline": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "topic": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
            self.fields[name].help_text = "Местное время региона."
        self.fields["direction"].queryset = _directions()
        if permissions.chooses_organisation(scope):
            self.fields["organiser"].queryset = selectors.event_organisers_for(scope)
        else:
            del self.fields["organiser"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        elif scope is not None and scope.direction_id:
            self.fields["direction"].initial = scope.direction_id


class PersonParticipantForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Participation
        fields = [
            "person_name",
            "position",
            "organisation",
            "organisation_name",
            "contact",
            "status",
        ]

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person_name"].required = True
        self.fields["organisation"].queryset = selectors.organisation_choices_for(who)
        self.fields[
            "organisation"
        ].help_text = "Если организации нет в справочнике, впишите её ниже."


class OrganisationParticipantForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["organisation", "status"]

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True
        self.fields["organisation"].queryset = selectors.organisation_choices_for(who)


class ParticipationStatusForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label="Статус", choices=ParticipationStatus.choices)


class NominationForm(StyledFormMixin, forms.Form):
    person_name = forms.CharField(label="ФИО сотрудника", max_length=255)
    position = forms.CharField(label="Должность", max_length=255)
    contact = forms.CharField(
        label="Контакт (телефон или e-mail)",
        max_length=255,
        required=False,
        help_text="Для связи организатора с участником; виден только организатору и вам.",
    )


class NominationDeclineForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label="Причина отказа", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- consultations ---------------------------------------------------------------------------


class ConsultationFilterForm(PeriodMixin, StyledFormMixin, forms.Form):
    q = forms.CharField(
        label="Поиск по теме", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    audience = forms.ChoiceField(
        label="Кого консультировали",
        required=False,
        choices=_all("Всех", ConsultationAudience.choices),
    )
    form = forms.ChoiceField(
        label="Форма", required=False, choices=_all("Любая", ConsultationGrouping.choices)
    )
    mode = forms.ChoiceField(
        label="Способ", required=False, choices=_all("Любой", ConsultationMode.choices)
    )
    direction = forms.ModelChoiceField(
        label="Направление", required=False, queryset=_directions(), empty_label="Все"
    )
    organisation = forms.ModelChoiceField(
        label="Организация", required=False, queryset=None, empty_label="Все"
    )
    date_from = forms.DateField(label="С даты", required=False, widget=DATE)
    date_to = forms.DateField(label="По дату", required=False, widget=DATE)

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _record_keepers(who)

    def filters(self) -> selectors.ConsultationFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.ConsultationFilter()
        data = self.cleaned_data
        return selectors.ConsultationFilter(
            text=data.get("q") or "",
            audience=data.get("audience") or "",
            form=data.get("form") or "",
            mode=data.get("mode") or "",
            direction_id=data["direction"].pk if data.get("direction") else None,
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class ConsultationEditForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Consultation
        fields = [
            "organisation",
            "held_on",
            "audience",
            "consulted_organisations",
            "people_count",
            "form",
            "mode",
            "topic",
            "direction",
            "specialist",
            "specialist_name",
        ]
        widgets = {"held_on": DATE, "topic": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "consulted_organisations": "Для консультаций организаций и их специалистов "
            "(показатель 6.3). Для семей не заполняется.",
            "people_count": "Имена консультируемых не вносятся.",
        }

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].queryset = _directions()
        self.fields["consulted_organisations"].queryset = selectors.organisation_choices_for(scope)
        self.fields["consulted_organisations"].widget.attrs["size"] = 8
        owner = self.instance.organisation_id if self.instance.pk else None
        self.fields["specialist"].queryset = selectors.specialists_for_choice(
            owner or (scope.organisation_id if scope else None)
        )
        self.fields["specialist"].help_text = "Или впишите консультанта ниже."
        if permissions.chooses_organisation(scope):
            self.fields["organisation"].queryset = selectors.event_organisers_for(scope)
        else:
            del self.fields["organisation"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        elif scope is not None and scope.direction_id:
            self.fields["direction"].initial = scope.direction_id


# --- media plans and publications ------------------------------------------------------------


class MediaPlanFilterForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label="Год", required=False, min_value=2000, max_value=2100)
    direction = forms.ModelChoiceField(
        label="Направление", required=False, queryset=_directions(), empty_label="Все"
    )


class MediaPlanForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = MediaPlan
        fields = ["organisation", "title", "year", "direction", "approved_on", "approval_order"]
        widgets = {"approved_on": DATE}

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].queryset = _directions()
        if permissions.chooses_organisation(scope):
            self.fields["organisation"].queryset = selectors.event_organisers_for(scope)
        else:
            del self.fields["organisation"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        elif scope is not None and scope.direction_id:
            self.fields["direction"].initial = scope.direction_id


class MediaPlanItemForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = MediaPlanItem
        fields = [
            "number",
            "topic",
            "channel",
            "timeframe",
            "deadline",
            "responsible_appointment",
            "responsible_text",
        ]
        widgets = {"deadline": DATE, "topic": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["number"].help_text = "Пусто — следующий по порядку."
        self.fields["responsible_appointment"].queryset = selectors.appointments_for_choice(
            plan.organisation_id
        )


class PublicationFilterForm(PeriodMixin, StyledFormMixin, forms.Form):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    channel = forms.ChoiceField(
        label="Канал", required=False, choices=_all("Все", PublicationChannel.choices)
    )
    mass_media = forms.ChoiceField(
        label="СМИ",
        required=False,
        choices=[("", "Не важно"), ("yes", "Только СМИ"), ("no", "Кроме СМИ")],
    )
    direction = forms.ModelChoiceField(
        label="Направление", required=False, queryset=_directions(), empty_label="Все"
    )
    organisation = forms.ModelChoiceField(
        label="Организация", required=False, queryset=None, empty_label="Все"
    )
    date_from = forms.DateField(label="С даты", required=False, widget=DATE)
    date_to = forms.DateField(label="По дату", required=False, widget=DATE)

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _record_keepers(who)

    def filters(self) -> selectors.PublicationFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.PublicationFilter()
        data = self.cleaned_data
        return selectors.PublicationFilter(
            text=data.get("q") or "",
            channel=data.get("channel") or "",
            is_mass_media={"yes": True, "no": False}.get(data.get("mass_media") or ""),
            direction_id=data["direction"].pk if data.get("direction") else None,
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class PublicationForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Publication
        fields = [
            "organisation",
            "channel",
            "published_on",
            "title",
            "outlet",
            "link",
            "is_mass_media",
            "direction",
            "plan_item",
            "event",
        ]
        widgets = {"published_on": DATE}

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].queryset = _directions()
        own = None if permissions.chooses_organisation(scope) else scope.organisation_id
        self.fields["plan_item"].queryset = selectors.media_plan_items_for_choice(scope, own)
        self.fields["plan_item"].label_from_instance = lambda item: (
            f"{item.plan.year}: {item.number}. {item.topic[:120]}"
        )
        self.fields["event"].queryset = selectors.held_events_for_choice(scope, own)
        if own is None:
            self.fields["organisation"].queryset = selectors.event_organisers_for(scope)
        else:
            del self.fields["organisation"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            if scope is not None and scope.direction_id:
                self.fields["direction"].initial = scope.direction_id
            self.fields[
                "is_mass_media"
            ].help_text = "Газета, журнал, телевидение и радио отмечаются как СМИ автоматически."
