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


# A whole-suite run fails when a test file was not collected (a broken import, a folder
# without __init__.py, a name pytest does not look for): CI must never pass without it.
_DESELECTED: set = set()


def pytest_deselected(items):
    _DESELECTED.update(str(item.path) for item in items)


def pytest_collection_finish(session):
    config = session.config
    testpaths = config.getini("testpaths")
    if list(config.args) != [str(config.rootpath / path) for path in testpaths] and list(
        config.args
    ) != list(testpaths):
        return  # a chosen file or folder: the check is for the whole suite
    collected = {str(item.path) for item in session.items} | _DESELECTED
    skipped = {".venv", ".git", "var", "node_modules", "artifacts"}
    expected = {
        str(path)
        for path in config.rootpath.rglob("test_*.py")
        if not skipped & set(path.relative_to(config.rootpath).parts)
    }
    missing = sorted(expected - collected)
    if missing:
        raise pytest.UsageError("Test files not collected: " + ", ".join(missing))
