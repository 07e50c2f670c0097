"""Peak memory of the ЕГИССО export (issue 14, items 6 and 10): the file of an institution's
month streams, so the memory of the process must not grow with the number of facts.

PostgreSQL only, in a database of its own (``BENCH_DATABASE_URL``, by default
``postgres://postgres@127.0.0.1:5432/resurs_egisso_bench``). Generates once, with bulk SQL
(``INSERT … SELECT generate_series``): one institution with its unit, requisites and provider
role, 50,000 persons (95 % with a ЕГИССО consent), one service with a measure code, and the
facts of two months — 100,000 in one, 1,000,000 in the other. Then each export runs in a
fresh process (``--run N``) through the real service (``egisso.services.export_create`` as
the provider role: candidates, consent, states, the file, the access log) and reports the
process's peak RSS (``ru_maxrss``) before and after, and the time.

    python -m bench.egisso_export_memory [--regenerate]

Writes var/bench-egisso-results.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time

from bench import db

URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/resurs_egisso_bench")
RESULTS = db.BASE_DIR / "var" / "bench-egisso-results.json"
PERSONS = 50_000
SIZES = {100_000: datetime.date(2025, 1, 1), 1_000_000: datetime.date(2025, 2, 1)}
ORG_NAME = "БУ «КЦСОН для замера выгрузки в ЕГИССО»"


def _setup() -> None:
    db.configure(URL)
    import django

    django.setup()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def generate() -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from resurs.casework.egisso.models import Participant
    from resurs.casework.socialservices.models import Service
    from resurs.casework.units.models import Unit, UnitKind
    from resurs.kernel.accounts.roles import Role
    from resurs.kernel.organisations.models import Organisation
    from tests.factories import OrganisationFactory, member

    if Organisation.objects.filter(name=ORG_NAME).exists():
        return
    started = time.perf_counter()
    with transaction.atomic():
        organisation = OrganisationFactory(name=ORG_NAME, short_name="КЦСОН замера")
        unit = Unit.objects.create(
            organisation=organisation,
            kind=UnitKind.objects.get(code="social_support"),
            name="Отделение социального обслуживания на дому",
        )
        member(Role.PROVIDER, organisation)
        Participant.objects.create(
            organisation=organisation,
            osz_code="8601.000001",
            category_id="1c8e3d66-6b1f-4d20-9f54-3b8c7a4dae21",
        )
        service = Service.objects.create(
            code="01.001",
            name="Покупка за счёт средств получателя и доставка продуктов питания",
            kind="household",
            form="home",
            egisso_code="0b7f2c55-5a0e-4c1f-8e43-2a7b6f3c9d10",
        )
        org, unit_id, service_id = organisation.pk, unit.pk, service.pk
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO citizens_person (organisation_id, unit_id, version, created_at,
                    updated_at, last_name, first_name, patronymic, sex, birth_date, snils,
                    document_kind, document_series, document_number, document_issued_by,
                    registration_address, actual_address, phones, name_key)
                SELECT %s, %s, 1, now(), now(), 'Смирнова', 'Ольга', 'Ивановна', 'female',
                    DATE '1950-01-01' + (i %% 20000), lpad(i::text, 11, '0'),
                    '', '', '', '', '', '', '', 'смирнова ольга ивановна ' || i
                FROM generate_series(1, %s) AS i
                """,
                [org, unit_id, PERSONS],
            )
            cursor.execute(
                """
                INSERT INTO citizens_consent (person_id, purpose, signatory, representative_name,
                    representative_basis, document, signed_on, withdrawal_document,
                    recorded_at, version)
                SELECT id, 'egisso', 'self', '', '', 'Согласие б/н', DATE '2024-01-01', '',
                    now(), 1
                FROM citizens_person WHERE organisation_id = %s AND id %% 20 <> 0
                """,
                [org],
            )
            for count, month in SIZES.items():
                cursor.execute(
                    """
                    INSERT INTO socialservices_servicefact (organisation_id, unit_id, version,
                        created_at, updated_at, person_id, service_id, service_code,
                        service_kind, service_form, price, provided_on, period, quantity,
                        basis, payment, amount, note)
                    SELECT %s, %s, 1, now(), now(), p.first + (i %% %s), %s, '01.001',
                        'household', 'home', 45.50, %s::date + (i %% 28), %s::date,
                        1 + (i %% 3), 'urgent', 'free', 0, ''
                    FROM generate_series(1, %s) AS i,
                        (SELECT min(id) AS first FROM citizens_person
                         WHERE organisation_id = %s) AS p
                    """,
                    [org, unit_id, PERSONS, service_id, month, month, count, org],
                )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Данные сгенерированы за {time.perf_counter() - started:.0f} с", flush=True)


def run_one(count: int) -> dict:
    """One export in this (fresh) process: its peak RSS before and after, and the time."""
    from django.db import transaction

    from resurs.casework.citizens.models import AccessLogEntry
    from resurs.casework.egisso.models import Export, ExportFact
    from resurs.casework.egisso.services import export_create
    from resurs.kernel.accounts.models import Membership
    from resurs.kernel.organisations.models import Organisation

    organisation = Organisation.objects.get(name=ORG_NAME)
    month = SIZES[count]
    with transaction.atomic():  # a run again starts from the same state
        old = Export.all_records.filter(organisation=organisation, period=month)
        ExportFact.all_records.filter(export__in=old).delete()
        old.delete()
        AccessLogEntry.objects.filter(holder=organisation).delete()
    by = Membership.objects.select_related("user", "organisation").get(
        organisation=organisation, role="provider"
    )
    before = _peak_mb()
    started = time.perf_counter()
    export = export_create(by=by, organisation=organisation, period=month)
    seconds = time.perf_counter() - started
    return {
        "facts": count,
        "prepared": export.facts_count,
        "left_out": export.left_out_count,
        "file_mb": round(export.file.size / 2**20, 1),
        "peak_rss_before_mb": round(before, 1),
        "peak_rss_after_mb": round(_peak_mb(), 1),
        "seconds": round(seconds, 1),
    }


def _n(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        _setup()
        print(json.dumps(run_one(args.run)))
        return
    db.prepare(URL, regenerate=args.regenerate)
    _setup()
    generate()
    results = []
    for count in SIZES:
        done = subprocess.run(  # noqa: S603 -- this very script, with a number
            [sys.executable, "-m", "bench.egisso_export_memory", "--run", str(count)],
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(result)
        print(
            f"{_n(result['facts'])} фактов: в файле {_n(result['prepared'])}, не включено "
            f"{_n(result['left_out'])}, файл {result['file_mb']} МБ; пиковая RSS процесса "
            f"{result['peak_rss_before_mb']} МБ до выгрузки, {result['peak_rss_after_mb']} МБ "
            f"после; {result['seconds']} с",
            flush=True,
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
