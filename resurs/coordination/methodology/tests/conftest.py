"""The world of the methodology tests: two RCs, providers, УСЗН, the Department's council."""

from types import SimpleNamespace

import pytest

from resurs.coordination.methodology.models import ExpertCouncil, ProductKind
from resurs.coordination.methodology.services import products, reviews
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.models import LegalForm, OrganisationKind
from tests.factories import OrganisationFactory, direction, member, rc_status, territory


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # Imports check and save inside the request, so a test sees their outcome at once.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def world(db):
    """RC of direction 2 in Surgut district with a provider of Surgut; RC of direction 8 in
    Nizhnevartovsk; a provider of Uray; УСЗН of Surgut and of Uray; the Department with a
    secretary and three experts (two of the Department, one of the methodical centre) in
    a council that needs two approvals."""
    rc_org = OrganisationFactory(
        name="БУ «Сургутский районный центр социальной адаптации»",
        short_name="Сургутский РЦ",
        territory=territory("Сургутский район"),
    )
    rc_status(rc_org, number=2)
    rc8_org = OrganisationFactory(
        name="БУ «Нижневартовский реабилитационный центр»",
        short_name="Нижневартовский РЦ",
        territory=territory("Нижневартовск"),
    )
    rc_status(rc8_org, number=8)
    provider_org = OrganisationFactory(
        name="АНО «Забота»",
        short_name="АНО «Забота»",
        kind=OrganisationKind.NON_STATE_PROVIDER,
        legal_form=LegalForm.SO_NKO,
        territory=territory("Сургут"),
    )
    provider_org.directions.add(direction(2))
    department_org = OrganisationFactory(
        kind=OrganisationKind.DEPARTMENT,
        legal_form=LegalForm.GOVERNMENT_BODY,
        territory=territory("Ханты-Мансийск"),
    )
    experts = [member(Role.DEPARTMENT, department_org) for _ in range(2)]
    experts.append(member(Role.METHODICAL_CENTRE))
    council = reviews.council_save(
        by=None,
        council=ExpertCouncil(),
        members=[e.user for e in experts],
        name="Экспертный совет Департамента",
        approvals_needed=2,
        rejections_needed=2,
        is_active=True,
    )
    return SimpleNamespace(
        rc_org=rc_org,
        rc8_org=rc8_org,
        provider_org=provider_org,
        department_org=department_org,
        rc=member(Role.RESOURCE_CENTRE, rc_org, direction=direction(2)),
        rc8=member(Role.RESOURCE_CENTRE, rc8_org, direction=direction(8)),
        provider=member(Role.PROVIDER, provider_org),
        other_provider=member(Role.PROVIDER, org={"territory": territory("Урай")}),
        uszn_surgut=member(Role.USZN, org={"territory": territory("Сургут")}),
        uszn_uray=member(Role.USZN, org={"territory": territory("Урай")}),
        department=member(Role.DEPARTMENT, department_org),
        methodist=member(Role.METHODICAL_CENTRE),
        experts=experts,
        council=council,
    )


def make_product(w, *, by=None, title="Технология «Новый старт»", **fields):
    values = {
        "organisation": w.rc_org,
        "direction": direction(2),
        "author_organisation": w.provider_org,
        "kind": ProductKind.TECHNOLOGY,
        "title": title,
        "year": 2025,
        "annotation": "Сопровождение граждан, освобождённых из мест лишения свободы.",
    }
    values.update(fields)
    return products.product_create(by=by if by is not None else w.rc, **values)


def under_review(w, product, reviewers=None):
    """A product sent to the council and taken into review by the Department."""
    products.product_submit(by=w.rc, product=product)
    reviewers = reviewers if reviewers is not None else [e.user for e in w.experts[:2]]
    reviews.product_start_review(
        by=w.department, product=product, council=w.council, reviewers=reviewers
    )
    product.refresh_from_db()
    return product
