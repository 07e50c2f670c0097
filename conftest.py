import pytest
from django.conf import settings as django_settings
from django.test import Client

from resurs.kernel.accounts.middleware import SESSION_KEY

# The browser fixtures (Chromium, the live demo, pages) serve every app's browser tests.
pytest_plugins = ["tests.browser.fixtures"]

PRODUCTION_PASSWORD_HASHERS = list(django_settings.PASSWORD_HASHERS)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Argon2 costs about a second per password; tests that check hashing restore it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
