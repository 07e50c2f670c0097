"""Issue 11, item 2: the organisation's name in the consent text is text, not markup."""

import pytest
from django.urls import reverse

from resurs.coordination.public.tests.conftest import make_page
from tests.factories import OrganisationFactory, rc_status

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def test_the_consent_text_escapes_the_organisations_name(client):
    organisation = OrganisationFactory(name=f"БУ «Центр» {MARKUP}")
    rc_status(organisation, number=2)
    page = make_page(organisation)
    body = client.get(reverse("public:ask", args=[page.slug])).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
