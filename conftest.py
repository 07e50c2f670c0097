import pytest
from django.test import Client

from accounts.middleware import SESSION_KEY


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def client_for(membership) -> Client:
    """A logged-in client acting in this membership."""
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[SESSION_KEY] = membership.pk
    session.save()
    return client


@pytest.fixture
def login():
    return client_for
