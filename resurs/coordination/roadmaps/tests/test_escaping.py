"""Issue 11, item 2: a timeframe (a provider can plant one through a proposal) is text on the
schedule page, not markup."""

import pytest

from resurs.coordination.roadmaps.models import Item
from resurs.coordination.roadmaps.tests.conftest import agreed, make_roadmap

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def test_the_schedule_page_escapes_the_timeframe(world, login):
    roadmap = agreed(world, make_roadmap(world, items=((f"1 квартал {MARKUP}", "Семинар"),)))
    item = Item.objects.get(section__roadmap=roadmap)
    response = login(world["rc"]).get(f"/roadmaps/items/{item.pk}/schedule/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
