from django import forms
from django.contrib.auth import get_user_model

from resurs.coordination.methodology import selectors
from resurs.coordination.methodology.models import (
    AnalysisVerdict,
    ExpertCouncil,
    Practice,
    PracticeState,
    Product,
    ProductKind,
    ProductState,
    Verdict,
)
from resurs.coordination.methodology.permissions import REGION_EDITOR_ROLES
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.models import Direction, Organisation, Territory
from resurs.kernel.ui.forms import StyledFormMixin

DATE = forms.DateInput()


PUBLIC_CHOICES = [("", "Не важно"), ("yes", "Публикуются"), ("no", "Не публикуются")]


def _organisations(scope):
    return (
        Organisation.objects.visible_to(scope).in_region_of(scope).only("id", "name", "short_name")
    )


class RegistryFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label="Поиск", required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    state = forms.ChoiceField(label="Состояние", required=False)
    direction = forms.ModelChoiceField(
        label="Направление", required=False, queryset=Direction.objects.all(), empty_label="Все"
    )
    territory = forms.ModelChoiceField(
        label="Территория", required=False, queryset=Territory.objects.all(), empty_label="Все"
    )
    organisation = forms.ModelChoiceField(
        label="Организация", required=False, queryset=Organisation.objects.none(), empty_label="Все"
    )
    year = forms.IntegerField(label="Год", required=False, min_value=1990, max_value=2100)
    public = forms.ChoiceField(label="Открытый раздел", required=False, choices=PUBLIC_CHOICES)

    state_choices: list = []

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "Все"), *self.state_choices]
        self.fields["organisation"].queryset = _organisations(scope)
        self.fields["territory"].queryset = Territory.objects.in_region_of(scope)
        if "keeper" in self.fields:
            self.fields["keeper"].queryset = selectors.resource_centres(scope)

    def registry_filter(self) -> selectors.RegistryFilter:
        if not self.is_bound or not self.is_valid():
            return selectors.RegistryFilter()
        data = self.cleaned_data
        return selectors.RegistryFilter(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            state=data.get("state") or "",
            direction_id=data["direction"].pk if data.get("direction") else None,
            territory_id=data["territory"].pk if data.get("territory") else None,
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
            year=data.get("year"),
            is_public={"yes": True, "no": False}.get(data.get("public") or ""),
            keeper_id=data["keeper"].pk if data.get("keeper") else None,
            decided_from=data.get("decided_from"),
            decided_to=data.get("decided_to"),
        )


class ProductFilterForm(RegistryFilterForm):
    kind = forms.ChoiceField(
        label="Вид", required=False, choices=[("", "Все виды"), *ProductKind.choices]
    )
    # KPI 6.5 «рекомендовано экспертным советом»: the RC's registry, decisions of the period.
    keeper = forms.ModelChoiceField(
        label="Ведёт реестр",
        required=False,
        queryset=Organisation.objects.none(),
        empty_label="Все",
    )
    decided_from = forms.DateField(label="Решение совета с", required=False, widget=DATE)
    decided_to = forms.DateField(
        label="по",
        required=False,
        widget=forms.DateInput(attrs={"aria-label": "Решение совета по"}),
    )
    state_choices = ProductState.choices
    field_order = [
        "q", "kind", "state", "direction", "territory", "organisation", "keeper", "year",
        "public", "decided_from", "decided_to",
    ]  # fmt: skip

    def clean(self):
        data = super().clean()
        first, last = data.get("decided_from"), data.get("decided_to")
        if first and last and first > last:
            self.add_error("decided_to", "Конец периода раньше его начала.")
        return data


class PracticeFilterForm(RegistryFilterForm):
    state_choices = PracticeState.choices


class ProductForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Product
        fields = [
            "kind",
            "title",
            "annotation",
            "organisation",
            "direction",
            "author_organisation",
            "authors",
            "target_group",
            "year",
            "link",
            "is_public",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "annotation": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "is_public": "В открытом разделе показываются только продукты, рекомендованные "
            "к внедрению."
        }

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["maxlength"] = 500
        owners = selectors.resource_centres(scope)
        directions = Direction.objects.filter(is_active=True)
        authors = _organisations(scope)
        if scope.role == Role.RESOURCE_CENTRE:
            # An RC keeps its own registry, of its own direction.
            owners = owners.filter(pk=scope.organisation_id)
            directions = Direction.objects.filter(pk=scope.direction_id)
            self.fields["organisation"].initial = scope.organisation_id
            self.fields["direction"].initial = scope.direction_id
            self.fields["author_organisation"].initial = scope.organisation_id
        elif scope.role not in REGION_EDITOR_ROLES:
            # A provider registers the products it developed in an RC's registry.
            authors = authors.filter(pk=scope.organisation_id)
            self.fields["author_organisation"].initial = scope.organisation_id
        self.fields["organisation"].queryset = owners
        self.fields["direction"].queryset = directions
        self.fields["author_organisation"].queryset = authors
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class ResubmitForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label="Что доработано",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Перечислите, как учтены замечания экспертов: совет увидит это при новом "
        "рассмотрении.",
    )


class StartReviewForm(StyledFormMixin, forms.Form):
    council = forms.ModelChoiceField(
        label="Экспертный совет", queryset=ExpertCouncil.objects.none()
    )
    reviewers = forms.ModelMultipleChoiceField(
        label="Эксперты",
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        councils = selectors.active_councils()
        self.fields["council"].queryset = councils
        self.fields["reviewers"].queryset = selectors.council_members(councils)
        only = list(councils[:2])
        if len(only) == 1:
            self.fields["council"].initial = only[0].pk
            rule = only[0].approvals_needed
            self.fields["reviewers"].help_text = (
                f"Не менее {rule}: продукт рекомендуется к внедрению, когда его одобрят {rule} "
                "эксперта (правило совета)."
            )


class VerdictForm(StyledFormMixin, forms.Form):
    verdict = forms.ChoiceField(
        label="Заключение", choices=Verdict.choices, widget=forms.RadioSelect
    )
    remarks = forms.CharField(
        label="Замечания",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Обязательны, если продукт возвращается на доработку или отклоняется.",
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("verdict") in (Verdict.RETURN, Verdict.REJECT)
            and not (data.get("remarks") or "").strip()
        ):
            self.add_error("remarks", "Укажите замечания: по ним автор доработает продукт.")
        return data


class ImplementationForm(StyledFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label="Учреждение", queryset=Organisation.objects.none())
    started_on = forms.DateField(label="Внедрён с", widget=DATE)
    note = forms.CharField(
        label="Результат, примечание", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(scope)


class CouncilForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    members = forms.ModelMultipleChoiceField(
        label="Члены совета",
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Сотрудники Департамента и методического центра (пользователи с такой ролью).",
    )

    class Meta:
        model = ExpertCouncil
        fields = ["name", "approvals_needed", "rejections_needed", "is_active", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = selectors.eligible_experts()
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["members"].initial = [m.pk for m in self.instance.members.all()]
        self.order_fields(["name", "members", "approvals_needed", "rejections_needed"])


class PracticeForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Practice
        fields = [
            "organisation",
            "direction",
            "title",
            "description",
            "results",
            "target_group",
            "year",
            "link",
            "is_public",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "is_public": "В открытом разделе показываются только практики, рекомендованные "
            "ресурсным центром."
        }

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["maxlength"] = 500
        proposers = _organisations(scope)
        if scope.role not in REGION_EDITOR_ROLES:
            proposers = proposers.filter(pk=scope.organisation_id)
            self.fields["organisation"].initial = scope.organisation_id
        if scope.role == Role.RESOURCE_CENTRE:
            self.fields["direction"].initial = scope.direction_id
        self.fields["organisation"].queryset = proposers
        self.fields["direction"].queryset = Direction.objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class AnalysisForm(StyledFormMixin, forms.Form):
    verdict = forms.ChoiceField(
        label="Вывод", choices=AnalysisVerdict.choices, widget=forms.RadioSelect
    )
    analysis = forms.CharField(
        label="Анализ практики",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Актуальность, результативность, ресурсы и условия, возможность тиражирования.",
    )


class ReplicationForm(StyledFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label="Учреждение", queryset=Organisation.objects.none())
    started_on = forms.DateField(label="Внедрена с", widget=DATE)
    result = forms.CharField(label="Результат", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(scope)
