"""KPI 6.1 and the demo data of the public section."""

import pytest

from resurs.coordination.public import services
from resurs.coordination.public.demo import NV_SLUG, SURGUT_SLUG, load_demo_data
from resurs.coordination.public.models import PublicMaterial, PublicPage, Question
from resurs.coordination.public.selectors import public_page_status
from resurs.coordination.public.tests.conftest import make_page
from resurs.kernel.organisations.demo import NV_RC, SURGUT_RC, load_demo
from tests.factories import OrganisationFactory, rc_status

pytestmark = pytest.mark.django_db


def test_kpi_6_1_without_a_page_or_unpublished_is_false():
    organisation = OrganisationFactory()
    rc_status(organisation)
    assert public_page_status(organisation) == (False, None)
    make_page(organisation, published=False, slug="chernovik")
    assert public_page_status(organisation) == (False, None)


def test_kpi_6_1_moves_with_the_pages_content(page):
    published, updated_at = public_page_status(page.organisation)
    assert published is True
    assert updated_at is not None
    PublicPage.objects.filter(pk=page.pk).update(updated_at=updated_at.replace(year=2020))
    services.material_create(by=None, page=page, audience="parents", title="Новая памятка")
    assert public_page_status(page.organisation)[1] > updated_at.replace(year=2020)
    assert public_page_status(page.organisation.pk)[0] is True


def test_demo_pages_questions_and_idempotence(client):
    load_demo()  # the directory's demo: organisations, RC statuses, logins
    assert load_demo_data() is True
    assert PublicPage.objects.filter(is_published=True).count() == 2
    nv = PublicPage.objects.get(slug=NV_SLUG)
    assert nv.organisation.name == NV_RC
    assert PublicPage.objects.get(slug=SURGUT_SLUG).organisation.name == SURGUT_RC
    assert PublicMaterial.objects.filter(page=nv, audience="parents").exists()
    assert PublicMaterial.objects.filter(page=nv, audience="specialists").exists()
    answered = Question.objects.exclude(answer="")
    assert answered.count() == 2
    assert answered.filter(is_published=True).count() == 1
    body = client.get(f"/centres/{NV_SLUG}/").content.decode()
    assert "Школа ответственного родительства" in body
    assert "ранней помощи" in body
    assert "Отделение ранней помощи проводит углубленное" in body
    counts = (PublicPage.objects.count(), PublicMaterial.objects.count(), Question.objects.count())
    assert load_demo_data() is False
    assert counts == (
        PublicPage.objects.count(),
        PublicMaterial.objects.count(),
        Question.objects.count(),
    )
