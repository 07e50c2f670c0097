"""Writes of the directory (ORG-1..ORG-5). Views, the API, importers and the demo all call these."""

import datetime
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from resurs.kernel.accounts.roles import INSTITUTION_STAFF_ROLES
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations import permissions, selectors
from resurs.kernel.organisations.models import (
    Appointment,
    Direction,
    LocalDocument,
    LocalDocumentVersion,
    Organisation,
    RCStatusState,
    ResourceCentreStatus,
    Territory,
)
from resurs.kernel.writes import acting, assign, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError

ORGANISATION_FIELDS = [
    "name",
    "short_name",
    "kind",
    "legal_form",
    "sector",
    "territory",
    "inn",
    "ogrn",
    "address",
    "phone",
    "email",
    "website",
    "head_name",
    "is_active",
]


def check_direction_tag(
    scope: Scope | None, direction_id: int | None, *, unchanged_from: int | None = None
) -> None:
    """ORG-2, SPEC §0: a record's direction decides which resource centre coordinates and
    sees it, so a provider's staff tag their institution's records only with a direction it
    takes part in. A record whose direction is left as it was (``unchanged_from``) keeps it
    even if the institution has since left that direction; the Department, the RC and the
    system are not limited here (their own rules apply)."""
    if scope is None or direction_id is None or direction_id == unchanged_from:
        return
    if scope.role not in INSTITUTION_STAFF_ROLES:
        return
    takes_part = Organisation.directions.through.objects.filter(
        organisation_id=scope.organisation_id, direction_id=direction_id
    ).exists()
    if not takes_part:
        direction = Direction.objects.get(pk=direction_id)
        raise ValidationError(
            {
                "direction": f"Ваша организация не участвует в направлении «{direction}»: "
                "отметить запись этим направлением нельзя."
            }
        )


def duplicate_inn_message(inn: str, twin: Organisation) -> str:
    return f"Организация с ИНН {inn} уже есть в справочнике: «{twin}»."


def _check_unique_inn(organisation: Organisation) -> None:
    twin = selectors.organisation_with_inn(organisation.inn, exclude_pk=organisation.pk)
    if twin is not None:
        raise DomainError(duplicate_inn_message(organisation.inn, twin))


@contextmanager
def _inn_race_refused(organisation: Organisation):
    """Two writers with one ИНН both pass the check above; the second one's save hits the
    unique constraint once the first commits — told as the same duplicate, not a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        twin = selectors.organisation_with_inn(organisation.inn, exclude_pk=organisation.pk)
        if twin is None:
            raise
        raise DomainError(duplicate_inn_message(organisation.inn, twin)) from None


@transaction.atomic
def organisation_create(*, by, directions=(), **fields) -> Organisation:
    """ORG-1: add an organisation to the directory."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_directory(scope))
    organisation = Organisation(**fields)
    organisation.full_clean(validate_unique=False, validate_constraints=False)
    _check_unique_inn(organisation)
    with _inn_race_refused(organisation):
        organisation.save()
    organisation.directions.set(directions)
    audit(by, organisation, AuditAction.CREATE, extra_m2m=["directions"])
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by, expected_version: int | None, directions=None, **fields
) -> Organisation:
    """ORG-1: change an organisation's details; a concurrent edit is refused, not overwritten."""
    _user, scope, _role = acting(by)
    require(permissions.can_edit_directory(scope))
    stored = locked(organisation)
    before = snapshot(stored, extra_m2m=["directions"])
    assign(organisation, fields, ORGANISATION_FIELDS)
    organisation.full_clean(validate_unique=False, validate_constraints=False)
    _check_unique_inn(organisation)
    with _inn_race_refused(organisation):
        save_with_version(
            organisation,
            expected_version=expected_version,
            fields=[*ORGANISATION_FIELDS, "updated_at"],
            label="организацию",
        )
    if directions is not None:
        organisation.directions.set(directions)
    audit(by, organisation, AuditAction.UPDATE, before=before, extra_m2m=["directions"])
    return organisation


@transaction.atomic
def rc_status_assign(
    *,
    by,
    organisation: Organisation,
    direction: Direction,
    order_number: str,
    order_date,
    valid_from,
    valid_to=None,
    order_file=None,
    note: str = "",
) -> ResourceCentreStatus:
    """ORG-3: assign resource-centre status by a Department order."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_rc_status(scope))
    locked(organisation)
    status = ResourceCentreStatus(
        organisation=organisation,
        direction=direction,
        order_number=order_number.strip(),
        order_date=order_date,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    if order_file:
        status.order_file = order_file
    status.full_clean()
    overlapping = (
        ResourceCentreStatus.objects.filter(
            organisation=organisation, direction=direction, state=RCStatusState.ACTIVE
        )
        .exclude(valid_to__lt=valid_from)
        .first()
    )
    if overlapping is not None and (valid_to is None or overlapping.valid_from <= valid_to):
        raise DomainError(
            f"У учреждения уже есть действующий статус по направлению «{direction.short_name}» "
            f"(приказ № {overlapping.order_number}). Замените или отмените его."
        )
    status.save()
    organisation.directions.add(direction)
    audit(by, status, AuditAction.CREATE, parent=organisation)
    return status


def _end_status(status, *, state, ended_on, order_number, order_date):
    if status.state != RCStatusState.ACTIVE:
        raise DomainError("Статус уже прекращён.")
    if ended_on < status.valid_from:
        raise DomainError("Дата прекращения раньше начала действия статуса.")
    status.state = state
    status.ended_on = ended_on
    status.end_order_number = order_number.strip()
    status.end_order_date = order_date
    if status.valid_to is None or status.valid_to >= ended_on:
        status.valid_to = ended_on - datetime.timedelta(days=1)
        if status.valid_to < status.valid_from:
            status.valid_to = status.valid_from


@transaction.atomic
def rc_status_repeal(
    *, by, status: ResourceCentreStatus, order_number: str, order_date, effective_on=None
) -> ResourceCentreStatus:
    """ORG-3: repeal a status by a Department order (177-р repealed by 135-р, seed 003)."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_rc_status(scope))
    status = locked(status)
    before = snapshot(status)
    _end_status(
        status,
        state=RCStatusState.REPEALED,
        ended_on=effective_on or order_date,
        order_number=order_number,
        order_date=order_date,
    )
    status.save()
    audit(by, status, AuditAction.UPDATE, before=before, parent=status.organisation)
    return status


@transaction.atomic
def rc_status_replace(
    *,
    by,
    status: ResourceCentreStatus,
    order_number: str,
    order_date,
    valid_from,
    valid_to=None,
    order_file=None,
    note: str = "",
) -> ResourceCentreStatus:
    """ORG-3: replace a status with a new order; the old one ends the day before."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_rc_status(scope))
    status = locked(status)
    before = snapshot(status)
    _end_status(
        status,
        state=RCStatusState.REPLACED,
        ended_on=valid_from,
        order_number=order_number,
        order_date=order_date,
    )
    status.save()
    successor = ResourceCentreStatus(
        organisation=status.organisation,
        direction=status.direction,
        order_number=order_number.strip(),
        order_date=order_date,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    if order_file:
        successor.order_file = order_file
    successor.full_clean()
    successor.save()
    status.replaced_by = successor
    status.save(update_fields=["replaced_by"])
    audit(by, status, AuditAction.UPDATE, before=before, parent=status.organisation)
    audit(by, successor, AuditAction.CREATE, parent=status.organisation)
    return successor


APPOINTMENT_FIELDS = [
    "direction",
    "kind",
    "person_name",
    "position",
    "user",
    "duties",
    "order_number",
    "order_date",
    "valid_from",
    "valid_to",
]


@transaction.atomic
def appointment_create(*, by, organisation: Organisation, **fields) -> Appointment:
    """ORG-4: record a person appointed by an organisation's order."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_own_records(scope, organisation))
    appointment = Appointment(organisation=organisation, **fields)
    appointment.full_clean()
    appointment.save()
    audit(by, appointment, AuditAction.CREATE, parent=organisation)
    return appointment


@transaction.atomic
def appointment_update(
    *, by, appointment: Appointment, expected_version: int | None, **fields
) -> Appointment:
    """ORG-4: correct an appointment or end it (set «по»)."""
    _user, scope, _role = acting(by)
    require(permissions.can_manage_own_records(scope, appointment.organisation))
    before = snapshot(locked(appointment))
    assign(appointment, fields, APPOINTMENT_FIELDS)
    appointment.full_clean()
    save_with_version(
        appointment,
        expected_version=expected_version,
        fields=APPOINTMENT_FIELDS,
        label="назначение",
    )
    audit(by, appointment, AuditAction.UPDATE, before=before, parent=appointment.organisation)
    return appointment


@transaction.atomic
def local_document_create(
    *, by, organisation: Organisation, kind: str, title: str, direction=None, **version
) -> LocalDocument:
    """ORG-5: register a local document with its first version."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_own_records(scope, organisation))
    document = LocalDocument(organisation=organisation, kind=kind, title=title, direction=direction)
    document.full_clean()
    document.save()
    audit(by, document, AuditAction.CREATE, parent=organisation)
    local_document_add_version(by=by, document=document, **version)
    return document


@transaction.atomic
def local_document_add_version(
    *, by, document: LocalDocument, approved_on, file, approval_order: str = "", note: str = ""
) -> LocalDocumentVersion:
    """ORG-5: a new version of a local document; earlier versions stay available."""
    user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_own_records(scope, document.organisation))
    locked(document)
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = LocalDocumentVersion(
        document=document,
        number=last + 1,
        approved_on=approved_on,
        approval_order=approval_order,
        file=file,
        original_name=(getattr(file, "name", "") or "")[-255:],
        note=note,
        uploaded_by=user,
    )
    version.full_clean()
    version.save()
    audit(by, version, AuditAction.CREATE, parent=document.organisation)
    return version


def _save_reference(by, instance, fields: dict):
    """Territories and directions: plain reference rows the directory editors keep."""
    _user, scope, _role = acting(by)
    require(permissions.can_edit_directory(scope))
    before = snapshot(locked(instance)) if instance.pk else None
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    audit(by, instance, AuditAction.UPDATE if before else AuditAction.CREATE, before=before)
    return instance


@transaction.atomic
def territory_save(*, by, territory: Territory, **fields) -> Territory:
    """ORG-1: add or correct a municipality of the region."""
    return _save_reference(by, territory, fields)


@transaction.atomic
def direction_save(*, by, direction: Direction, **fields) -> Direction:
    """ORG-2: directions are data; a region adds its own."""
    return _save_reference(by, direction, fields)
