"""Issue 12, item 2: the README's demo logins walk the reporting chain provider → УСЗН → RC →
Department, and ``load_demo`` prints every login the demo has (the experts included)."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management import call_command

from resurs.coordination.reporting.models import Report
from resurs.kernel.accounts.models import Membership

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR) / "README.md"


def _organisation(username):
    return Membership.objects.get(user__username=username, is_active=True).organisation


def _receivers(username, form_code):
    return set(
        Report.objects.filter(form__code=form_code, sender=_organisation(username)).values_list(
            "receiver__name", flat=True
        )
    )


def test_the_demo_logins_form_one_reporting_chain():
    out = StringIO()
    call_command("load_demo", stdout=out)

    assert _receivers("provider", "provider-monitoring") == {_organisation("uszn").name}
    assert _receivers("uszn", "uszn-consolidation") == {_organisation("rc").name}
    assert _receivers("rc", "rc-monitoring") == {_organisation("department").name}
    assert _receivers("rc", "rc-kpi") == {_organisation("methodist").name}
    # The RC institution is a provider too: its own report goes to the УСЗН of its territory.
    assert _receivers("uszn-surgut", "uszn-consolidation") == {_organisation("rc").name}

    printed = out.getvalue()
    readme = README.read_text(encoding="utf-8")
    usernames = set(
        Membership.objects.exclude(user__password__startswith=UNUSABLE_PASSWORD_PREFIX).values_list(
            "user__username", flat=True
        )
    )
    assert {"expert1", "expert2", "uszn-surgut", "head", "specialist"} <= usernames
    for username in usernames:
        assert f"  {username} " in printed, username
        assert f"`{username}`" in readme, f"README не называет вход {username}"
