from django import forms

from resurs.coordination.registries import permissions
from resurs.coordination.registries.models import (
    ActStatus,
    Article,
    LegalAct,
    Participant,
    ParticipantCategory,
    ParticipantStatus,
    PracticeStatus,
    SocialPractice,
    Technology,
    TechnologyStatus,
)
from resurs.coordination.registries.selectors import (
    PARTNERS,
    RegistryFilter,
    nameable_organisations,
)
from resurs.kernel.organisations.models import Direction, Organisation, Territory
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput()
PUBLIC_CHOICES = [("", "Все"), ("yes", "Публикуются"), ("no", "Не публикуются")]


# --- filters -----------------------------------------------------------------------------------


class RegistryFilterForm(StyledFormMixin, forms.Form):
    """One filter form for every registry list; ``status_choices`` differ per registry."""

    status_choices: tuple = ()
    territory_label = "Территория"

    q = forms.CharField(
        label="Поиск", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    direction = forms.ModelChoiceField(
        label="Направление", required=False, queryset=Direction.objects.all(), empty_label="Все"
    )
    territory = forms.ModelChoiceField(
        label="Территория", required=False, queryset=Territory.objects.all(), empty_label="Все"
    )
    organisation = forms.ModelChoiceField(
        label="Ведёт реестр",
        required=False,
        queryset=Organisation.objects.none(),
        empty_label="Все",
    )
    status = forms.ChoiceField(label="Статус", required=False)
    year = forms.IntegerField(label="Год", required=False, min_value=1900, max_value=2100)
    public = forms.ChoiceField(label="Публикация", required=False, choices=PUBLIC_CHOICES)
    # KPI 6.5 counts records by the date they were entered in the registry.
    registered_from = forms.DateField(label="Внесено в реестр с", required=False, widget=DATE)
    registered_to = forms.DateField(
        label="по",
        required=False,
        widget=forms.DateInput(attrs={"aria-label": "Внесено в реестр по"}),
    )

    # (from, to) date fields whose ends must be in order.
    date_ranges: tuple = (("registered_from", "registered_to"),)

    def __init__(self, *args, owners=None, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["organisation"].queryset = owners
        if who is not None:
            self.fields["territory"].queryset = Territory.objects.in_region_of(who)
        self.fields["territory"].label = self.territory_label
        if self.status_choices:
            self.fields["status"].choices = [("", "Все"), *self.status_choices]
        else:
            del self.fields["status"]

    def clean(self):
        data = super().clean()
        for first, last in self.date_ranges:
            if data.get(first) and data.get(last) and data[first] > data[last]:
                self.add_error(last, "Конец периода раньше его начала.")
        return data

    def extra_filters(self, data) -> dict:
        """What a registry's own fields add to the common filter."""
        return {}

    def to_filter(self) -> RegistryFilter:
        if not self.is_bound or not self.is_valid():
            return RegistryFilter()
        data = self.cleaned_data
        return RegistryFilter(
            text=data.get("q") or "",
            direction_id=data["direction"].pk if data.get("direction") else None,
            territory_id=data["territory"].pk if data.get("territory") else None,
            owner_id=data["organisation"].pk if data.get("organisation") else None,
            status=data.get("status") or "",
            year=data.get("year"),
            is_public={"yes": True, "no": False}.get(data.get("public") or ""),
            registered_from=data.get("registered_from"),
            registered_to=data.get("registered_to"),
            **self.extra_filters(data),
        )


class ParticipantFilterForm(RegistryFilterForm):
    status_choices = tuple(ParticipantStatus.choices)
    territory_label = "Территория участника"

    category = forms.ChoiceField(
        label="Категория",
        required=False,
        choices=[
            ("", "Все"),
            (PARTNERS, "Социальные партнёры и добровольцы (показатель 6.6)"),
            *ParticipantCategory.choices,
        ],
    )
    active_from = forms.DateField(label="Участвовал в период с", required=False, widget=DATE)
    active_to = forms.DateField(
        label="по",
        required=False,
        widget=forms.DateInput(attrs={"aria-label": "Участвовал в период по"}),
    )

    date_ranges = (("registered_from", "registered_to"), ("active_from", "active_to"))

    def extra_filters(self, data) -> dict:
        return {
            "category": data.get("category") or "",
            "active_from": data.get("active_from"),
            "active_to": data.get("active_to"),
        }


class LegalActFilterForm(RegistryFilterForm):
    status_choices = tuple(ActStatus.choices)


class TechnologyFilterForm(RegistryFilterForm):
    status_choices = tuple(TechnologyStatus.choices)


class ArticleFilterForm(RegistryFilterForm):
    pass


class PracticeFilterForm(RegistryFilterForm):
    status_choices = tuple(PracticeStatus.choices[1:])
    territory_label = "Территория учреждения"


# --- records -----------------------------------------------------------------------------------


class RegistryRecordForm(StyledFormMixin, forms.ModelForm):
    """A registry record's form. An RC keeps records of its own organisation in its own
    direction, so it chooses neither; the Department chooses both."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    direction_optional = False

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["version"] = self.instance.version
        if permissions.can_choose_owner(scope):
            self.fields["owner"].queryset = (
                Organisation.objects.visible_to(scope).in_region_of(scope).order_by("name", "id")
            )
        else:
            del self.fields["owner"]
            if not self.instance.pk:
                self.instance.owner_id = scope.organisation_id
            directions = Direction.objects.filter(pk=scope.direction_id)
            self.fields["direction"].queryset = directions
            if not self.instance.pk and not self.direction_optional:
                self.fields["direction"].initial = scope.direction_id
        for name in ("organisation", "author_organisation"):
            if name in self.fields:
                self.fields[name].queryset = nameable_organisations(scope)

    def record_fields(self) -> dict:
        """What the service writes: the cleaned data without the version."""
        fields = dict(self.cleaned_data)
        fields.pop("version", None)
        return fields


class ParticipantForm(RegistryRecordForm):
    class Meta:
        model = Participant
        fields = [
            "owner", "direction", "organisation", "category", "participation_form", "joined_on",
            "agreement_number", "agreement_date", "status", "left_on", "is_public",
            "registered_on", "note",
        ]  # fmt: skip
        widgets = {
            "joined_on": DATE,
            "agreement_date": DATE,
            "left_on": DATE,
            "registered_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class LegalActForm(RegistryRecordForm):
    direction_optional = True

    class Meta:
        model = LegalAct
        fields = [
            "owner", "direction", "level", "kind", "number", "adopted_on", "title", "issuer",
            "status", "repealed_on", "url", "is_public", "registered_on", "note",
        ]  # fmt: skip
        widgets = {
            "adopted_on": DATE,
            "repealed_on": DATE,
            "registered_on": DATE,
            "title": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].empty_label = "Все направления"


class TechnologyForm(RegistryRecordForm):
    class Meta:
        model = Technology
        fields = [
            "owner", "direction", "title", "description", "author_organisation", "target_group",
            "introduced_year", "used_where", "status", "is_public", "registered_on", "note",
        ]  # fmt: skip
        widgets = {
            "registered_on": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "used_where": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class ArticleForm(RegistryRecordForm):
    class Meta:
        model = Article
        fields = [
            "owner", "direction", "title", "authors", "organisation", "publication",
            "published_on", "url", "is_public", "registered_on", "note",
        ]  # fmt: skip
        widgets = {
            "published_on": DATE,
            "registered_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class SocialPracticeForm(RegistryRecordForm):
    direction_optional = True

    class Meta:
        model = SocialPractice
        fields = [
            "owner", "direction", "programme", "number", "title", "description", "basis",
            "is_public", "registered_on", "note",
        ]  # fmt: skip
        widgets = {
            "registered_on": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


# --- the matrix --------------------------------------------------------------------------------


class MatrixFilterForm(StyledFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label="Ведёт матрицу",
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=None,
    )
    territory = forms.ModelChoiceField(
        label="Территория учреждения",
        required=False,
        queryset=Territory.objects.all(),
        empty_label="Все",
    )
    q = forms.CharField(
        label="Учреждение", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )

    def __init__(self, *args, who, owners=None, **kwargs):
        """``owners`` — the keepers to offer; None parses any organisation ``who`` sees (the
        selector then shows only a matrix the user may see)."""
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.in_region_of(who)
        visible = Organisation.objects.visible_to(who)
        if owners is None:
            self.fields["organisation"].queryset = visible
        else:
            self.fields["organisation"].queryset = visible.filter(
                pk__in=[o.pk for o in owners]
            ).order_by("name", "id")


class CellForm(StyledFormMixin, forms.Form):
    """REG-6: one cell edited in place; ``version`` is what the editor saw (0 — empty)."""

    status = forms.ChoiceField(label="Статус", choices=PracticeStatus.choices)
    started_on = forms.DateField(label="Дата начала", required=False, widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self):
        data = super().clean()
        if data.get("status") == PracticeStatus.NOT_IMPLEMENTED and data.get("started_on"):
            self.add_error("started_on", "У практики, которая не внедряется, нет даты начала.")
        return data


class MatrixAddForm(StyledFormMixin, forms.Form):
    """REG-6: put an institution into the matrix with its first practice."""

    institution = forms.ModelChoiceField(label="Учреждение", queryset=Organisation.objects.none())
    practice = forms.ModelChoiceField(label="Практика", queryset=SocialPractice.objects.none())
    status = forms.ChoiceField(
        label="Статус", choices=PracticeStatus.choices[1:], initial=PracticeStatus.PLANNED
    )
    started_on = forms.DateField(label="Дата начала", required=False, widget=DATE)

    def __init__(self, *args, who, practices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = nameable_organisations(who)
        self.fields["practice"].queryset = (
            SocialPractice.objects.visible_to(who)
            .filter(pk__in=[p.pk for p in practices])
            .order_by("number", "title")
        )
