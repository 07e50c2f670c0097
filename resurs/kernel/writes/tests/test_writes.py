"""The write path (issue 10, item 4): row locks, optimistic locking, the audit entry with
redaction declared on the model, and tasks queued with the commit."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.tasks import task

from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditAction, AuditEntry
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.writes import (
    acting,
    audit,
    enqueue_on_commit,
    locked,
    require,
    save_with_version,
)
from resurs.kernel.writes.errors import StaleVersion
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

# pytest-django's django_capture_on_commit_callbacks fixture.
CaptureOnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]

queued: list[int] = []


@task
def remember(number: int) -> None:
    queued.append(number)


@pytest.fixture
def immediate_tasks(settings: Any) -> Iterator[None]:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    queued.clear()
    yield
    queued.clear()


def test_acting_names_the_system_when_nobody_acts() -> None:
    assert acting(None) == (None, None, "система")


def test_acting_gives_the_members_user_scope_and_role() -> None:
    by = member(Role.DEPARTMENT)
    user, scope, role = acting(by)
    assert user == by.user
    assert scope is not None and scope.membership_id == by.pk
    assert role == by.get_role_display()


def test_require_refuses_with_the_russian_message() -> None:
    with pytest.raises(PermissionDenied, match="Нельзя"):
        require(False, "Нельзя.")
    require(True)


def test_locked_returns_the_stored_row_not_the_callers_unsaved_changes() -> None:
    organisation = OrganisationFactory.create(head_name="Петрова")
    organisation.head_name = "не сохранено"

    stored = locked(organisation)

    assert stored is not organisation
    assert stored.head_name == "Петрова"
    assert organisation.head_name == "не сохранено"


def test_locked_in_place_re_reads_the_callers_instance() -> None:
    organisation = OrganisationFactory.create(head_name="Петрова")
    Organisation.objects.filter(pk=organisation.pk).update(head_name="Сидорова")

    assert locked(organisation, in_place=True) is organisation
    assert organisation.head_name == "Сидорова"


def test_save_with_the_editors_version_bumps_it() -> None:
    organisation = OrganisationFactory.create()
    organisation.head_name = "Сидорова"

    save_with_version(organisation, expected_version=1, fields=["head_name"], label="организацию")

    organisation.refresh_from_db()
    assert (organisation.version, organisation.head_name) == (2, "Сидорова")


def test_save_with_a_stale_editors_version_is_refused() -> None:
    organisation = OrganisationFactory.create()
    Organisation.objects.filter(pk=organisation.pk).update(version=2)
    organisation.head_name = "Сидорова"

    with pytest.raises(StaleVersion, match="Пока вы редактировали организацию"):
        save_with_version(
            organisation, expected_version=1, fields=["head_name"], label="организацию"
        )

    organisation.refresh_from_db()
    assert organisation.head_name != "Сидорова"


def test_save_without_expected_version_refuses_an_instance_read_before_another_save() -> None:
    """The lost update of the review: a job read the row at version 1, a person saved it
    (version 2); the job's save must not bump from its stale 1 and overwrite the person."""
    job_copy = OrganisationFactory.create(head_name="Петрова")
    editor_copy = Organisation.objects.get(pk=job_copy.pk)
    editor_copy.head_name = "Сидорова"
    save_with_version(editor_copy, expected_version=1, fields=["head_name"], label="организацию")
    job_copy.phone = "+7 3462 11-11-11"

    with pytest.raises(StaleVersion) as refused:
        save_with_version(job_copy, expected_version=None, fields=["phone"], label="организацию")

    assert str(refused.value).startswith(
        "Организацию изменил другой пользователь, пока шла загрузка или фоновая обработка"
    )
    stored = Organisation.objects.get(pk=job_copy.pk)
    assert (stored.version, stored.head_name, stored.phone) == (2, "Сидорова", "")


def test_save_without_expected_version_of_a_fresh_instance_goes_ahead() -> None:
    organisation = OrganisationFactory.create()
    Organisation.objects.filter(pk=organisation.pk).update(version=5)
    fresh = Organisation.objects.get(pk=organisation.pk)
    fresh.phone = "+7 3462 11-11-11"

    save_with_version(fresh, expected_version=None, fields=["phone"], label="организацию")

    fresh.refresh_from_db()
    assert (fresh.version, fresh.phone) == (6, "+7 3462 11-11-11")


def test_save_of_a_deleted_row_is_refused() -> None:
    organisation = OrganisationFactory.create()
    Organisation.objects.filter(pk=organisation.pk).delete()

    with pytest.raises(StaleVersion):
        save_with_version(organisation, expected_version=None, fields=["phone"], label="запись")


def test_audit_attributes_the_entry_and_takes_the_state_after() -> None:
    by = member(Role.DEPARTMENT)
    organisation = OrganisationFactory.create(head_name="Петрова")
    before = snapshot(organisation)
    organisation.head_name = "Сидорова"  # what the service changed (the audit reads the instance)

    entry = audit(by, organisation, AuditAction.UPDATE, before=before)

    assert entry is not None
    assert entry.actor == by.user
    assert entry.actor_role == by.get_role_display()
    assert entry.changes == {"head_name": ["Петрова", "Сидорова"]}


def test_audit_by_the_system_is_signed_so() -> None:
    organisation = OrganisationFactory.create()
    entry = audit(None, organisation, AuditAction.CREATE)
    assert entry is not None
    assert (entry.actor, entry.actor_role) == (None, "система")


def test_a_field_the_model_redacts_never_reaches_the_trail_in_clear(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Organisation, "audit_redacted_fields", frozenset({"phone"}), raising=False)
    organisation = OrganisationFactory.create(phone="+7 900 123-45-67")
    audit(None, organisation, AuditAction.CREATE)
    before = snapshot(organisation)
    organisation.phone = ""
    audit(None, organisation, AuditAction.UPDATE, before=before)
    organisation.phone = "+7 900 765-43-21"
    audit(None, organisation, AuditAction.DELETE, before=snapshot(organisation))

    entries = AuditEntry.objects.filter(object_id=str(organisation.pk)).order_by("id")
    assert [e.changes.get("phone") for e in entries] == [
        [None, "указан"],
        ["указан", ""],
        ["указан", None],
    ]
    assert all("45-67" not in str(e.changes) and "43-21" not in str(e.changes) for e in entries)


def test_enqueue_on_commit_waits_for_the_commit(
    immediate_tasks: None, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_on_commit(remember, 1)
        assert queued == []
    assert queued == [1]


def test_enqueue_on_commit_of_a_rolled_back_write_queues_nothing(
    immediate_tasks: None, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    class Refused(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Refused),
        transaction.atomic(),
    ):
        enqueue_on_commit(remember, 2)
        raise Refused

    assert callbacks == []
    assert queued == []


def test_a_field_the_model_omits_is_left_out_of_the_trail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Organisation, "audit_omitted_fields", frozenset({"phone"}), raising=False)
    organisation = OrganisationFactory.create(phone="+7 900 123-45-67")

    entry = audit(None, organisation, AuditAction.CREATE)

    assert entry is not None
    assert "phone" not in entry.changes
    assert "inn" in entry.changes
