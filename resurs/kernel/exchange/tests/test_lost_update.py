"""Issue 10: an import never reverts what a person saved while it ran (the lost update).

The import reads a record when it checks its rows and writes it when it saves them; a person
who saves the same record in between must not be overwritten by the import's stale copy."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.models import F
from django.urls import reverse

from resurs.kernel.accounts.roles import Role
from resurs.kernel.exchange import services
from resurs.kernel.exchange.importers import RowApplyError, read_table
from resurs.kernel.exchange.models import ImportBatch, ImportState
from resurs.kernel.exchange.tests.workbooks import inn, org_row, xlsx
from resurs.kernel.organisations.importers import OrganisationImporter
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.organisations.regions import load_region
from resurs.kernel.organisations.services import organisation_update
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

STALE = "Организацию изменил другой пользователь, пока шла загрузка или фоновая обработка"


@pytest.fixture
def department():
    # A transactional test starts from a database that an earlier one may have flushed,
    # territories and directions with it (they come from a data migration).
    load_region("86")
    return member(Role.DEPARTMENT)


@pytest.fixture
def organisation(department):
    """An organisation loaded from the template row 1 (its head: «Петрова Анна Ивановна»)."""
    batch = services.import_start(by=department, importer="organisations", file=xlsx([org_row(1)]))
    batch.refresh_from_db()  # checked at once (the tasks run immediately in these tests)
    services.import_confirm(batch=batch, by=department)
    return Organisation.objects.get(inn=inn(1))


def test_an_editor_saves_then_a_stale_import_writes_and_is_refused(department, organisation):
    importer = OrganisationImporter(by=department)
    file = xlsx([org_row(1, head_name="Импортов Иван", phone="+7 3462 99-99-99")])
    verdicts = importer.check(read_table(file, OrganisationImporter))  # the import reads v1
    assert verdicts[0].data["organisation"].version == 1

    editor = Organisation.objects.get(pk=organisation.pk)  # a person opens the card at v1 …
    organisation_update(
        organisation=editor, by=department, expected_version=1, head_name="Редакторова Ольга"
    )  # … and saves: v2

    with pytest.raises(RowApplyError) as refused, transaction.atomic():
        importer.apply(verdicts)  # the import writes its copy read at v1

    assert str(refused.value).startswith(f"Строка 2: {STALE}")
    stored = Organisation.objects.get(pk=organisation.pk)
    assert stored.version == 2
    assert stored.head_name == "Редакторова Ольга"  # the editor's change is kept
    assert stored.phone == "+7 3462 00-00-00"  # and nothing of the refused import is written


def test_a_batch_whose_record_changed_while_it_saved_fails_whole_with_a_russian_verdict(
    department, organisation, login, monkeypatch
):
    file = xlsx([org_row(1, head_name="Импортов Иван"), org_row(2)])
    batch = services.import_start(by=department, importer="organisations", file=file)
    batch.refresh_from_db()
    assert batch.state == ImportState.VALID
    check = OrganisationImporter.check

    def check_then_somebody_saves(self, table, progress=None):
        verdicts = check(self, table, progress)
        # Another connection commits a save of the record after the batch's check read it.
        Organisation.objects.filter(pk=organisation.pk).update(version=F("version") + 1)
        return verdicts

    monkeypatch.setattr(OrganisationImporter, "check", check_then_somebody_saves)
    login(department).post(reverse("exchange:import_confirm", args=[batch.pk]))

    batch = ImportBatch.objects.get(pk=batch.pk)
    assert batch.state == ImportState.FAILED
    assert batch.message.startswith(f"Не удалось сохранить: Строка 2: {STALE}")
    assert batch.message.endswith("Ничего не сохранено.")
    assert Organisation.objects.get(pk=organisation.pk).head_name == "Петрова Анна Ивановна"
    assert not Organisation.objects.filter(inn=inn(2)).exists()  # all rows or none


def test_a_record_saved_by_a_person_before_the_batch_is_saved_is_updated_from_the_file(
    department, organisation, login
):
    """No race: the batch re-reads the record when it saves, so it writes over the new state."""
    file = xlsx([org_row(1, head_name="Импортов Иван")])
    batch = services.import_start(by=department, importer="organisations", file=file)
    editor = Organisation.objects.get(pk=organisation.pk)
    organisation_update(
        organisation=editor, by=department, expected_version=1, address="г. Сургут, ул. Мира, 2"
    )

    login(department).post(reverse("exchange:import_confirm", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.state == ImportState.APPLIED
    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.version, stored.head_name) == (3, "Импортов Иван")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two writers at once need PostgreSQL's row locks"
)
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_an_import_racing_an_editor_is_refused_and_the_edit_kept(department):
    """The race itself, on two connections: the batch's transaction reads the record, a
    person saves it and commits, then the batch writes — it is refused, the edit stays."""
    organisation = OrganisationFactory.create(inn=inn(1), head_name="Петрова Анна Ивановна")
    importer = OrganisationImporter(by=department)
    table = read_table(xlsx([org_row(1, head_name="Импортов Иван")]), OrganisationImporter)
    read, edited = threading.Event(), threading.Event()
    outcome: list[BaseException] = []

    def run_import():
        try:
            with transaction.atomic():
                verdicts = importer.check(table)
                read.set()
                edited.wait(timeout=30)
                importer.apply(verdicts)
        except BaseException as exc:  # noqa: BLE001 -- handed to the test's thread
            outcome.append(exc)
        finally:
            connections.close_all()

    batch = threading.Thread(target=run_import)
    batch.start()
    assert read.wait(timeout=30)
    editor = Organisation.objects.get(pk=organisation.pk)
    organisation_update(
        organisation=editor, by=department, expected_version=1, head_name="Редакторова Ольга"
    )
    edited.set()
    batch.join(timeout=30)

    assert len(outcome) == 1 and isinstance(outcome[0], RowApplyError)
    assert str(outcome[0]).startswith(f"Строка 2: {STALE}")
    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.version, stored.head_name) == (2, "Редакторова Ольга")
