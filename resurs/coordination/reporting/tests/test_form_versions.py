"""REP-1: a form's structure changes in a new version; reports keep the version they were
opened with; formulas are checked; only the Department edits."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from resurs.coordination.reporting import form_versions, services
from resurs.coordination.reporting.models import FormVersion, Report
from resurs.kernel.workcalendar.periods import Period
from resurs.kernel.writes.errors import DomainError


def _indicator_data(version, **extra):
    section = version.sections.order_by("order").first()
    data = {
        "section": section,
        "order": 9,
        "code": "volunteers",
        "number": "2.5",
        "title": "Привлечено добровольцев",
        "value_type": "integer",
        "unit": "чел.",
        "required": False,
        "counter": "",
        "formula": "",
        "consolidation": "none",
        "columns": [],
        "help_text": "",
    }
    data.update(extra)
    return data


def test_a_new_version_is_a_draft_copy_and_periods_keep_their_version(opened):
    form = opened.forms["provider-monitoring"]
    old_report = Report.objects.filter(form=form).first()
    draft = form_versions.new_version(by=opened.department, form=form, note="Добровольцы")
    assert draft.number == 2 and draft.published_at is None
    assert draft.indicators.count() == form.versions.get(number=1).indicators.count()
    assert form.current_version().number == 1  # the draft is not in force yet
    form_versions.save_indicator(by=opened.department, version=draft, data=_indicator_data(draft))
    form_versions.publish(by=opened.department, version=draft)
    assert form.current_version() == draft
    services.open_period(form=form, period=Period("quarter", 2026, 4))
    new_report = Report.objects.get(form=form, sender=old_report.sender, period_start="2026-10-01")
    assert new_report.form_version == draft
    old_report.refresh_from_db()
    assert old_report.form_version.number == 1
    assert not old_report.form_version.indicators.filter(code="volunteers").exists()
    with pytest.raises(DomainError, match="введена в действие"):
        form_versions.save_indicator(
            by=opened.department, version=draft, data=_indicator_data(draft, code="other")
        )


def test_formulas_and_codes_are_checked_in_russian(world):
    form = world.forms["provider-monitoring"]
    draft = form_versions.new_version(by=world.department, form=form)
    with pytest.raises(ValidationError) as error:
        form_versions.save_indicator(
            by=world.department,
            version=draft,
            data=_indicator_data(draft, code="share", value_type="decimal", formula="missing * 2"),
        )
    assert "нет таких показателей: missing" in error.value.message_dict["formula"][0]
    with pytest.raises(ValidationError) as error:
        form_versions.save_indicator(
            by=world.department, version=draft, data=_indicator_data(draft, code="events_held")
        )
    assert "уже есть" in error.value.message_dict["code"][0]
    with pytest.raises(ValidationError) as error:
        form_versions.save_indicator(
            by=world.department,
            version=draft,
            data=_indicator_data(draft, code="x", formula="__import__('os')"),
        )
    assert "допустимы только" in error.value.message_dict["formula"][0]
    # A provider's form does not consolidate anything.
    with pytest.raises(ValidationError):
        form_versions.save_indicator(
            by=world.department, version=draft, data=_indicator_data(draft, consolidation="sum")
        )
    used = draft.indicators.get(code="recipients_new")
    with pytest.raises(DomainError, match="формулах"):
        form_versions.delete_indicator(by=world.department, indicator=used)


def test_only_the_department_changes_forms(world):
    form = world.forms["rc-kpi"]
    with pytest.raises(PermissionDenied):
        form_versions.new_version(by=world.rc, form=form)
    draft = form_versions.new_version(by=world.department, form=form)
    with pytest.raises(DomainError, match="уже есть черновик"):
        form_versions.new_version(by=world.department, form=form)
    form_versions.delete_draft(by=world.department, version=draft)
    assert not FormVersion.objects.filter(pk=draft.pk).exists()


def test_the_structure_is_edited_from_the_form_page(world, login):
    client = login(world.department)
    client.post("/reporting/forms/rc-kpi/versions/new/", {"note": "Волонтёры"})
    draft = form_versions.draft_of(world.forms["rc-kpi"])
    page = client.get("/reporting/forms/rc-kpi/")
    assert "Черновик версии 2: Волонтёры" in page.text and "стр. 6.5.1" in page.text
    section = draft.sections.get()
    bad = client.post(
        f"/reporting/versions/{draft.pk}/indicators/new/",
        {
            "section": section.pk,
            "order": 20,
            "number": "6.7",
            "title": "Привлечено добровольцев",
            "code": "kpi_6_7",
            "value_type": "table",
            "consolidation": "none",
            "columns": "name",
        },
    )
    assert bad.status_code == 400 and "код; заголовок; тип" in bad.text
    client.post(
        f"/reporting/versions/{draft.pk}/indicators/new/",
        {
            "section": section.pk,
            "order": 20,
            "number": "6.7",
            "title": "Привлечено добровольцев",
            "code": "kpi_6_7",
            "value_type": "table",
            "consolidation": "none",
            "columns": "name; ФИО; text\nhours; Часов; integer",
        },
    )
    indicator = draft.indicators.get(code="kpi_6_7")
    assert indicator.columns[1] == {"code": "hours", "title": "Часов", "type": "integer"}
    client.post(f"/reporting/versions/{draft.pk}/publish/")
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert login(world.rc).get(f"/reporting/versions/{draft.pk}/sections/new/").status_code == 403


def test_a_part_is_checked_against_its_whole(world):
    """Issue 12, item 6: «из них» names its «всего»; the code must be a numeric indicator of
    the same version."""
    form = world.forms["provider-monitoring"]
    draft = form_versions.new_version(by=world.department, form=form)
    assert draft.indicators.get(code="recipients_new").part_of == "recipients_total"
    with pytest.raises(ValidationError) as error:
        form_versions.save_indicator(
            by=world.department, version=draft, data=_indicator_data(draft, part_of="nothing")
        )
    assert "нет" in error.value.message_dict["part_of"][0]
    with pytest.raises(ValidationError) as error:
        form_versions.save_indicator(
            by=world.department, version=draft, data=_indicator_data(draft, part_of="problems")
        )
    assert "числовые" in error.value.message_dict["part_of"][0]
    saved = form_versions.save_indicator(
        by=world.department,
        version=draft,
        data=_indicator_data(draft, part_of="recipients_total"),
    )
    assert saved.part_of == "recipients_total"
