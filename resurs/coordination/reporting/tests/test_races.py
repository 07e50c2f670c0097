"""Issue 11, item 6: a not-started report saved by two clients at once. Both read it at the
same version; the first saves its values; the second must be refused as stale (409 through
the API, the form's message in the UI) — before, on PostgreSQL, it waited on the values'
unique index and failed there with a 500."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from resurs.coordination.reporting import services, shipped
from resurs.coordination.reporting.models import Report, ReportState, ReportValue
from resurs.kernel.organisations.regions import load_region
from resurs.kernel.writes.errors import StaleVersion

VALUES = {"recipients_total": "40", "recipients_new": "10"}


@pytest.fixture
def fresh(transactional_db):
    # A transactional test starts from a database an earlier one may have flushed: the
    # region and the shipped forms come from data migrations.
    load_region("86")
    shipped.install()


def _report(world):
    provider = world.providers[0]
    services.open_period(form=world.forms["provider-monitoring"], period=world.quarter)
    report = Report.objects.get(
        form=world.forms["provider-monitoring"], sender=provider.organisation
    )
    assert report.state == ReportState.NOT_STARTED
    return provider, report


@pytest.mark.django_db(transaction=True)
def test_two_clients_saving_a_not_started_report_at_once_one_is_refused_as_stale(fresh, world):
    provider, report = _report(world)
    read_at = report.version
    if connection.vendor == "postgresql":
        saved, commit = threading.Event(), threading.Event()
        errors: list[BaseException] = []

        def first():
            try:
                with transaction.atomic():
                    mine = Report.objects.get(pk=report.pk)
                    services.save_values(
                        by=provider, report=mine, values=VALUES, expected_version=read_at
                    )
                    saved.set()
                    commit.wait(timeout=30)
            except BaseException as exc:  # noqa: BLE001 -- handed to the test's thread
                errors.append(exc)
            finally:
                connections.close_all()

        writer = threading.Thread(target=first)
        writer.start()
        assert saved.wait(timeout=30)
        threading.Thread(target=lambda: (time.sleep(0.5), commit.set())).start()
        with pytest.raises(StaleVersion):  # waits on the report's lock, then sees it moved
            services.save_values(
                by=provider,
                report=report,
                values={**VALUES, "recipients_new": "12"},
                expected_version=read_at,
            )
        writer.join(timeout=30)
        assert errors == []
    else:  # SQLite writes one at a time: the second client comes right after the first
        services.save_values(
            by=provider,
            report=Report.objects.get(pk=report.pk),
            values=VALUES,
            expected_version=read_at,
        )
        with pytest.raises(StaleVersion):
            services.save_values(
                by=provider,
                report=report,
                values={**VALUES, "recipients_new": "12"},
                expected_version=read_at,
            )
    stored = Report.objects.get(pk=report.pk)
    assert (stored.state, stored.version) == (ReportState.DRAFT, read_at + 1)
    kept = dict(ReportValue.objects.filter(report=stored).values_list("indicator__code", "value"))
    assert kept["recipients_new"] == 10
