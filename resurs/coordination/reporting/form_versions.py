"""REP-1: changing a form's structure. A form's structure lives in versions; a published
version is frozen (reports opened with it keep it), so a change is made in a draft copy —
sections and indicators added, edited, removed — and put into force; periods opened after
that use the new version. Department and administrator only; every change is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from resurs.coordination.reporting import formulas
from resurs.coordination.reporting.counters import counters
from resurs.coordination.reporting.models import (
    Consolidation,
    FormSection,
    FormVersion,
    Indicator,
    ReportForm,
    ValueType,
)
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import acting, audit, locked, require
from resurs.kernel.writes.errors import DomainError

SENDERS_ACCEPTED = "senders_accepted"
EDIT_MESSAGE = "Менять формы отчётности может Департамент."


def _check(by):
    _user, scope, _role = acting(by)
    require(scope is not None and scope.region_wide, EDIT_MESSAGE)


def _draft(version: FormVersion) -> None:
    if version.published_at is not None:
        raise DomainError(
            "Версия введена в действие, её структура не меняется: создайте новую версию."
        )


def draft_of(form: ReportForm) -> FormVersion | None:
    return form.versions.filter(published_at__isnull=True).order_by("-number").first()


@transaction.atomic
def new_version(*, by, form: ReportForm, note: str = "") -> FormVersion:
    """A draft copy of the form's current version (its sections and indicators)."""
    _check(by)
    locked(form)
    if draft_of(form) is not None:
        raise DomainError("У формы уже есть черновик новой версии.")
    current = form.current_version()
    number = (form.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = FormVersion.objects.create(form=form, number=number, note=note.strip())
    if current is not None:
        sections = {}
        for section in current.sections.order_by("order", "id"):
            sections[section.pk] = FormSection.objects.create(
                form_version=version, order=section.order, title=section.title
            )
        for indicator in current.indicators.order_by("section__order", "order", "id"):
            old_section = indicator.section_id
            indicator.pk = None
            indicator.form_version = version
            indicator.section = sections[old_section]
            indicator.save()
    audit(by, version, AuditAction.CREATE, parent=form)
    return version


@transaction.atomic
def publish(*, by, version: FormVersion) -> FormVersion:
    """Puts a draft into force after checking every formula against its indicators."""
    _check(by)
    _draft(version)
    indicators = list(version.indicators.all())
    if not indicators:
        raise DomainError("В версии нет ни одного показателя.")
    codes = {i.code for i in indicators}
    for indicator in indicators:
        if indicator.formula:
            formulas.check(indicator.formula, codes)
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    audit(by, version, AuditAction.UPDATE, parent=version.form)
    return version


@transaction.atomic
def delete_draft(*, by, version: FormVersion) -> None:
    _check(by)
    _draft(version)
    audit(by, version, AuditAction.DELETE, before=snapshot(version), parent=version.form)
    version.delete()


@transaction.atomic
def save_section(*, by, version: FormVersion, data: dict, section: FormSection | None = None):
    _check(by)
    _draft(version)
    before = snapshot(section) if section else None
    section = section or FormSection(form_version=version)
    section.title = data["title"].strip()
    section.order = data["order"]
    section.full_clean()
    section.save()
    audit(
        by,
        section,
        AuditAction.UPDATE if before else AuditAction.CREATE,
        before=before,
        parent=version.form,
    )
    return section


def _validate_indicator(version: FormVersion, indicator: Indicator) -> None:
    errors = {}
    others = version.indicators.exclude(pk=indicator.pk)
    if others.filter(code=indicator.code).exists():
        errors["code"] = f"Код «{indicator.code}» уже есть в этой версии."
    if (
        indicator.counter
        and indicator.counter not in counters()
        and (indicator.counter != SENDERS_ACCEPTED)
    ):
        errors["counter"] = "Такого счётчика нет."
    if indicator.formula:
        if indicator.value_type not in {ValueType.INTEGER, ValueType.DECIMAL}:
            errors["formula"] = "Формула бывает только у числового показателя."
        else:
            codes = set(others.values_list("code", flat=True))
            try:
                if indicator.code in formulas.names(indicator.formula):
                    raise ValidationError("Формула не может ссылаться на сам показатель.")
                formulas.check(indicator.formula, codes)
            except ValidationError as exc:
                errors["formula"] = exc.messages
    if indicator.part_of:
        whole = others.filter(code=indicator.part_of).first()
        numeric = {ValueType.INTEGER, ValueType.DECIMAL}
        if whole is None:
            errors["part_of"] = f"Показателя с кодом «{indicator.part_of}» в этой версии нет."
        elif indicator.value_type not in numeric or whole.value_type not in numeric:
            errors["part_of"] = "Часть и целое — числовые показатели."
    if indicator.formula and indicator.counter:
        errors["counter"] = "Показатель либо считается системой, либо вычисляется по формуле."
    if indicator.value_type == ValueType.TABLE and not indicator.columns:
        errors["columns"] = "У таблицы должен быть хотя бы один столбец."
    if indicator.consolidation != Consolidation.NONE and version.form.consolidates_id is None:
        errors["consolidation"] = "Эта форма не сводит отчёты других форм."
    if indicator.section.form_version_id != version.pk:
        errors["section"] = "Раздел из другой версии."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_indicator(
    *, by, version: FormVersion, data: dict, indicator: Indicator | None = None
) -> Indicator:
    _check(by)
    _draft(version)
    before = snapshot(indicator) if indicator else None
    indicator = indicator or Indicator(form_version=version)
    for name in (
        "section",
        "order",
        "code",
        "number",
        "title",
        "value_type",
        "unit",
        "required",
        "counter",
        "formula",
        "consolidation",
        "columns",
        "help_text",
        "part_of",
    ):
        if name in data:
            setattr(indicator, name, data[name])
    indicator.formula = (indicator.formula or "").strip()
    _validate_indicator(version, indicator)
    indicator.full_clean(exclude=["form_version"])
    indicator.save()
    action = AuditAction.UPDATE if before else AuditAction.CREATE
    audit(by, indicator, action, before=before, parent=version.form)
    return indicator


@transaction.atomic
def delete_indicator(*, by, indicator: Indicator) -> None:
    _check(by)
    version = indicator.form_version
    _draft(version)
    users = [
        other.number or other.code
        for other in version.indicators.exclude(pk=indicator.pk).exclude(formula="")
        if indicator.code in formulas.names(other.formula)
    ]
    if users:
        raise DomainError(
            "Показатель используется в формулах показателей: " + ", ".join(users) + "."
        )
    audit(by, indicator, AuditAction.DELETE, before=snapshot(indicator), parent=version.form)
    indicator.delete()
