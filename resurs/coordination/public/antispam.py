"""EVT-5: spam protection of the question form — a honeypot field and a per-address limit.

The limit is counted in the database from the questions themselves (the project has no cache
server, and the default local-memory cache is per process): a visitor's address is kept only
as a keyed hash, never as it is.
"""

from datetime import timedelta

from django.utils.crypto import salted_hmac

# At most this many questions from one address in RATE_WINDOW, to all centres together.
QUESTIONS_PER_WINDOW = 5
RATE_WINDOW = timedelta(hours=1)
# The honeypot: a field people do not see (hidden by CSS and from screen readers) and bots fill.
HONEYPOT_FIELD = "website"


def client_address(request) -> str:
    """The visitor's address as the server sees it (REMOTE_ADDR; a proxy in front of the
    application must pass the real one, e.g. gunicorn's --forwarded-allow-ips)."""
    return request.META.get("REMOTE_ADDR", "") or ""


def address_hash(address: str) -> str:
    """A keyed SHA-256 of the address: the same address gives the same hash, but the stored
    hash cannot be turned back into the address without the installation's secret key."""
    return salted_hmac("public.question.address", address, algorithm="sha256").hexdigest()
