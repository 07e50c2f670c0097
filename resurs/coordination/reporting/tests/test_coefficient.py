"""REP-5: the effectiveness coefficient — its formula (weights, norms, the cap at 1, a missing
roadmap scores 0, a roadmap with no checkpoint due is left out) and the page where the
Department sets the weights (Russian errors, optimistic locking, audit, recount offered)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from resurs.coordination.reporting import coefficient, coefficient_services
from resurs.coordination.reporting.models import CoefficientComponent as C
from resurs.coordination.reporting.models import CoefficientWeight, KpiSnapshot
from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.writes.errors import DomainError, StaleVersion
from tests.factories import member

pytestmark = pytest.mark.django_db

URL = "/reporting/coefficient/"
D = Decimal


def _snapshot(**fields) -> KpiSnapshot:
    values = {
        "period_kind": "quarter",
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 3, 31),
        "public_page": False,
        "events_held": 0,
        "consulted_organisations": 0,
        "publications": 0,
        "registry_items": 0,
        "social_partners": 0,
        "roadmap_execution": None,
        "components": {},
    }
    values.update(fields)
    return KpiSnapshot(**values)


# --- the formula ---------------------------------------------------------------------------------


def test_weighted_mean_of_scores_against_norms():
    table = {C.EVENTS: (D(1), D(6)), C.PUBLICATIONS: (D(3), D(4))}
    k, parts = coefficient.coefficient({C.EVENTS: D(3), C.PUBLICATIONS: D(2)}, table)
    # (1 · 3/6 + 3 · 2/4) / (1 + 3) = (0.5 + 1.5) / 4
    assert k == D("0.500")
    assert parts[C.EVENTS] == {"value": 3.0, "norm": 6.0, "weight": 1.0, "score": 0.5}


def test_a_component_over_its_norm_counts_as_one():
    table = {C.EVENTS: (D(1), D(6)), C.PARTNERS: (D(1), D(10))}
    k, parts = coefficient.coefficient({C.EVENTS: D(18), C.PARTNERS: D(0)}, table)
    assert parts[C.EVENTS]["score"] == 1.0
    assert k == D("0.500")


def test_weight_zero_is_left_out():
    table = {C.EVENTS: (D(0), D(6)), C.PUBLICATIONS: (D(1), D(4))}
    k, parts = coefficient.coefficient({C.EVENTS: D(0), C.PUBLICATIONS: D(4)}, table)
    assert k == D("1.000")
    assert parts[C.EVENTS]["score"] is None


def test_missing_roadmap_scores_zero_and_no_checkpoint_due_is_left_out():
    table = {C.ROADMAP: (D(2), D(100)), C.EVENTS: (D(1), D(6))}
    missing = coefficient.components_of(
        _snapshot(events_held=6, components={"roadmap_missing": True})
    )
    assert missing[C.ROADMAP] == 0
    k, _parts = coefficient.coefficient(
        {C.ROADMAP: missing[C.ROADMAP], C.EVENTS: missing[C.EVENTS]}, table
    )
    assert k == D("0.333")  # (2 · 0 + 1 · 1) / 3
    not_due = coefficient.components_of(
        _snapshot(events_held=6, components={"roadmap_missing": False})
    )
    assert not_due[C.ROADMAP] is None
    k, parts = coefficient.coefficient(
        {C.ROADMAP: not_due[C.ROADMAP], C.EVENTS: not_due[C.EVENTS]}, table
    )
    assert k == D("1.000")
    assert parts[C.ROADMAP]["score"] is None
    executed = coefficient.components_of(_snapshot(roadmap_execution=75))
    assert executed[C.ROADMAP] == 75


def test_public_page_current_old_or_missing(settings):
    settings.PUBLIC_PAGE_FRESH_DAYS = 90
    end = datetime.date(2026, 3, 31)
    fresh = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    old = datetime.datetime(2025, 10, 1, tzinfo=datetime.UTC)
    assert coefficient.public_page_score(True, fresh, end) == 1
    assert coefficient.public_page_score(True, old, end) == D("0.5")
    assert coefficient.public_page_score(False, None, end) == 0


def test_shipped_weights_give_one_for_a_centre_meeting_every_norm():
    snapshot = _snapshot(
        public_page=True,
        public_page_updated_at=datetime.datetime(2026, 3, 30, tzinfo=datetime.UTC),
        events_held=6,
        consulted_organisations=10,
        publications=6,
        registry_items=5,
        social_partners=10,
        roadmap_execution=100,
    )
    k, _parts = coefficient.coefficient(coefficient.components_of(snapshot), coefficient.weights())
    assert k == D("1.000")


# --- the settings page -------------------------------------------------------------------------


def _post_data(**changes) -> dict:
    data = {}
    for weight in CoefficientWeight.objects.all():
        data[f"weight_{weight.component}"] = str(weight.weight)
        data[f"norm_{weight.component}"] = str(weight.norm)
        data[f"version_{weight.component}"] = str(weight.version)
    data.update(changes)
    return data


def test_page_shows_the_formula_and_the_table_to_everyone(login):
    rc = member(Role.RESOURCE_CENTRE)
    response = login(rc).get(URL)
    text = response.content.decode()
    assert response.status_code == 200
    assert "К = Σ" in text and "не может быть больше единицы" in text
    assert "Исполнение дорожной карты" in text
    assert 'name="weight_events"' not in text  # read-only for a centre
    assert login(rc).post(URL, _post_data()).status_code == 403


def test_department_changes_a_weight_audited_and_recount_offered(login):
    department = member(Role.DEPARTMENT)
    client = login(department)
    assert 'name="weight_events"' in client.get(URL).content.decode()
    response = client.post(URL, _post_data(weight_events="2.50", norm_events="8"), follow=True)
    assert response.status_code == 200
    events = CoefficientWeight.objects.get(component=C.EVENTS)
    assert (events.weight, events.norm, events.version) == (D("2.50"), D("8"), 2)
    assert CoefficientWeight.objects.get(component=C.PARTNERS).version == 1  # unchanged
    entry = AuditEntry.objects.get(
        object_id=str(events.pk), content_type__model="coefficientweight"
    )
    assert entry.changes["weight"] == ["1.00", "2.50"]
    text = response.content.decode()
    assert "Веса и нормативы сохранены" in text
    assert 'id="recompute-offer"' in text and "Пересчитать показатели" in text


def test_negative_weight_is_refused_in_russian(login):
    client = login(member(Role.DEPARTMENT))
    response = client.post(URL, _post_data(weight_events="-1"))
    assert response.status_code == 400
    assert "Вес не может быть отрицательным." in response.content.decode()
    assert CoefficientWeight.objects.get(component=C.EVENTS).weight == D("1.00")


def test_all_weights_zero_is_refused(login):
    client = login(member(Role.DEPARTMENT))
    zeros = {f"weight_{c}": "0" for c in C.values}
    response = client.post(URL, _post_data(**zeros))
    assert response.status_code == 400
    assert "Хотя бы одна составляющая должна иметь вес больше нуля" in response.content.decode()
    zero_norm = client.post(URL, _post_data(norm_events="0"))
    assert "Норматив должен быть больше нуля." in zero_norm.content.decode()


def test_concurrent_edit_is_told_and_nothing_is_overwritten(login):
    first, second = member(Role.DEPARTMENT), member(Role.ADMINISTRATOR)
    loaded = _post_data()  # both opened the page at version 1
    login(first).post(URL, {**loaded, "weight_events": "3"})
    response = login(second).post(URL, {**loaded, "weight_events": "5", "weight_partners": "4"})
    assert response.status_code == 400
    assert "сохранил другой пользователь" in response.content.decode()
    assert CoefficientWeight.objects.get(component=C.EVENTS).weight == D("3.00")
    assert CoefficientWeight.objects.get(component=C.PARTNERS).weight == D("1.00")


def test_service_checks_role_and_rules():
    rows = {
        w.component: {"weight": w.weight, "norm": w.norm, "version": w.version}
        for w in CoefficientWeight.objects.all()
    }
    with pytest.raises(PermissionDenied):
        coefficient_services.update_weights(by=member(Role.METHODICAL_CENTRE), rows=rows)
    department = member(Role.DEPARTMENT)
    with pytest.raises(DomainError, match="вес не может быть отрицательным"):
        coefficient_services.update_weights(
            by=department, rows={**rows, C.EVENTS: {**rows[C.EVENTS], "weight": D(-1)}}
        )
    with pytest.raises(StaleVersion):
        coefficient_services.update_weights(
            by=department, rows={C.EVENTS: {"weight": D(2), "norm": D(6), "version": 7}}
        )
