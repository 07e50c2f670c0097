"""The API against its own OpenAPI (issue 11): schemathesis generates requests for every
operation — valid ones and ones that break the schema — with a region-wide token
(Департамент) and a provider's token, on the demo data, in-process through the WSGI app.
Every answer must be other than a server error, and what the schema documents must be what
comes back. The examples per operation are bounded so the run fits the suite on SQLite and
PostgreSQL; ``API_FUZZ_EXAMPLES`` raises the bound for a longer probe."""

import os
import sys
import traceback
from collections import Counter
from contextlib import contextmanager
from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application
from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.services import api_token_create

pytestmark = pytest.mark.django_db

BOUND = int(os.environ.get("API_FUZZ_EXAMPLES", "3"))
EXAMPLES = {
    schemathesis.GenerationMode.POSITIVE: BOUND,
    schemathesis.GenerationMode.NEGATIVE: max(1, BOUND // 2),
}
# The demo's rows have small ids: a generated id is folded onto them so that reads and
# writes reach real records, not only 404.
DEMO_IDS = 60
CHECKS = [not_a_server_error, response_schema_conformance]


@contextmanager
def one_connection():
    """Keep the test's database connection across requests, as Django's test client does: the
    WSGI handler would close it at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@contextmanager
def server_tracebacks(into: dict):
    def keep(sender, **kwargs):
        into["last"] = "".join(traceback.format_exception(*sys.exc_info())[-4:])

    got_request_exception.connect(keep, weak=False)
    try:
        yield
    finally:
        got_request_exception.disconnect(keep)


def _load_schema():
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

    @schema.hook
    def map_path_parameters(context, path_parameters):
        if not path_parameters:
            return path_parameters
        return {
            name: abs(value) % DEMO_IDS + 1 if isinstance(value, int) and name == "pk" else value
            for name, value in path_parameters.items()
        }

    return schema


def _fuzz(operation, mode, bearer, figures, failures, tracebacks):
    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    def run(case):
        figures["cases"] += 1
        tracebacks.pop("last", None)
        # A savepoint per request: a failed statement must not poison the test's transaction.
        with transaction.atomic():
            response = case.call(headers=bearer)
        try:
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as group:
            detail = tracebacks.get("last") or response.text[:300]
            for failure in group.exceptions:
                failures[(operation.label, mode.value, failure.title)] = (
                    f"{case.path_parameters} {case.query} {case.body!r:.200}\n{detail}"
                )

    try:
        run()
    except Unsatisfiable:
        figures["unsatisfiable"] += 1  # nothing in the operation can be made invalid


def test_every_operation_answers_without_server_errors_and_as_documented():
    call_command("load_demo", stdout=StringIO())
    tokens = {
        username: {
            "Authorization": "Bearer "
            + api_token_create(
                membership=Membership.objects.get(user__username=username), name="schemathesis"
            )[1]
        }
        for username in ("department", "provider")
    }
    failures: dict = {}
    tracebacks: dict = {}
    with one_connection(), server_tracebacks(tracebacks):
        schema = _load_schema()
        operations = [result.ok() for result in schema.get_all_operations()]
        figures: Counter = Counter(operations=len(operations))
        for bearer in tokens.values():
            for operation in operations:
                for mode in EXAMPLES:
                    _fuzz(operation, mode, bearer, figures, failures, tracebacks)
    figures["failures"] = len(failures)
    print(f"\nschemathesis: {dict(figures)}")
    assert figures["operations"] >= 150
    assert figures["cases"] >= figures["operations"] * 2 * 2
    assert not failures, "\n\n".join(f"{key}: {value}" for key, value in failures.items())
