from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The demo of every app (``manage.py load_demo``), the data the probe of the issue ran on."""
    call_command("load_demo", stdout=StringIO())
