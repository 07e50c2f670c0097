"""The inbox page: a user sees and opens only their own notifications (another's is a 404),
and an «open» button follows only a path of this site."""

import pytest
from django.urls import reverse

from resurs.kernel.accounts.roles import Role
from resurs.kernel.notifications.models import Notification
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {"rc": member(Role.RESOURCE_CENTRE), "department": member(Role.DEPARTMENT)}


def test_the_inbox_lists_only_my_notifications(people, login):
    rc, department = people["rc"], people["department"]
    mine = Notification.objects.create(
        recipient=rc.user, title="Моё уведомление", link="/roadmaps/"
    )
    other = Notification.objects.create(recipient=department.user, title="Чужое уведомление")
    client = login(rc)
    page = client.get("/notifications/").content.decode()
    assert "Моё уведомление" in page and "Чужое уведомление" not in page
    assert client.post(f"/notifications/{other.pk}/read/").status_code == 404
    other.refresh_from_db()
    assert not other.is_read
    assert client.post(f"/notifications/{mine.pk}/read/", {"open": "1"}).url == "/roadmaps/"
    mine.refresh_from_db()
    assert mine.is_read


def test_an_empty_inbox_says_what_comes_here(people, login):
    page = login(people["rc"]).get(reverse("notifications:inbox")).content.decode()
    assert "Уведомлений нет." in page


@pytest.mark.parametrize("link", ["https://example.com/", "//example.com/", ""])
def test_opening_never_leaves_the_site(people, login, link):
    notice = Notification.objects.create(recipient=people["rc"].user, title="Т", link=link)
    response = login(people["rc"]).post(f"/notifications/{notice.pk}/read/", {"open": "1"})
    assert response.url == reverse("notifications:inbox")


def test_the_inbox_costs_the_same_for_many_notifications(
    people, login, django_assert_max_num_queries
):
    user = people["rc"].user
    Notification.objects.bulk_create(
        Notification(recipient=user, title=f"Уведомление {n}") for n in range(60)
    )
    client = login(people["rc"])
    client.get("/notifications/")  # warm the session and the menu's caches
    with django_assert_max_num_queries(12):
        assert client.get("/notifications/?page=2").status_code == 200


def test_the_menu_leads_to_the_inbox(people, login):
    page = login(people["rc"]).get("/").content.decode()
    assert f'href="{reverse("notifications:inbox")}"' in page
