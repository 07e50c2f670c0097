import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The factories set a password for every user; Argon2 would make each one take a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
