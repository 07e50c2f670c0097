"""Writes of events, the training plan, consultations, media plans and publications
(SPEC §5 EVT-1..EVT-4). Views, the API and the demo all call these."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from resurs.coordination.events import permissions
from resurs.coordination.events.models import (
    MASS_MEDIA_CHANNELS,
    Consultation,
    ConsultationAudience,
    Event,
    EventState,
    MediaPlan,
    MediaPlanItem,
    Nomination,
    NominationState,
    Participation,
    ParticipationStatus,
    Publication,
)
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.services import check_direction_tag
from resurs.kernel.writes import acting, assign, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError

# --- events (EVT-1) --------------------------------------------------------------------------

EVENT_FIELDS = [
    "organiser",
    "direction",
    "kind",
    "topic",
    "description",
    "format",
    "starts_at",
    "ends_at",
    "place",
    "link",
    "is_public",
    "state",
    "nominations_open",
    "nomination_deadline",
    "places",
]


def _aware(value, organiser):
    """A naive date and time (an API client's «2026-12-03T10:00») is the organiser's local time."""
    if isinstance(value, datetime.datetime) and timezone.is_naive(value):
        return timezone.make_aware(value, ZoneInfo(organiser.territory.region.timezone))
    return value


def _check_organiser(scope, organiser) -> None:
    if scope is not None and not permissions.chooses_organisation(scope):
        require(
            organiser.pk == scope.organisation_id,
            "Мероприятие, консультацию или публикацию вносит сама организация.",
        )


@transaction.atomic
def event_create(*, by, organiser, **fields) -> Event:
    """EVT-1: record an event (planned or already held) of an organisation."""
    user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_create(scope))
        _check_organiser(scope, organiser)
    for name in fields:
        if name not in EVENT_FIELDS:
            raise DomainError(f"Поле «{name}» нельзя задать.")
    event = Event(organiser=organiser, created_by=user, **fields)
    check_direction_tag(scope, event.direction_id)
    event.starts_at = _aware(event.starts_at, organiser)
    event.ends_at = _aware(event.ends_at, organiser)
    event.full_clean()
    event.save()
    audit(by, event, AuditAction.CREATE)
    return event


@transaction.atomic
def event_update(*, by, event: Event, expected_version: int | None, **fields) -> Event:
    """EVT-1: change an event, mark it held or cancelled; a concurrent edit is refused."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_event(scope, event))
        if "organiser" in fields:
            _check_organiser(scope, fields["organiser"])
    before = snapshot(locked(event))
    stored_direction = event.direction_id
    assign(event, fields, EVENT_FIELDS)
    check_direction_tag(scope, event.direction_id, unchanged_from=stored_direction)
    event.starts_at = _aware(event.starts_at, event.organiser)
    event.ends_at = _aware(event.ends_at, event.organiser)
    event.full_clean()
    save_with_version(
        event,
        expected_version=expected_version,
        fields=[*EVENT_FIELDS, "updated_at"],
        label="мероприятие",
    )
    audit(by, event, AuditAction.UPDATE, before=before)
    return event


PARTICIPATION_FIELDS = [
    "organisation",
    "organisation_name",
    "person_name",
    "position",
    "contact",
    "status",
]


def _check_attendance(participation: Participation) -> None:
    started = participation.event.has_started
    if participation.status != ParticipationStatus.REGISTERED and not started:
        raise DomainError("Присутствие отмечается после начала мероприятия.")


@transaction.atomic
def participation_add(*, by, event: Event, **fields) -> Participation:
    """EVT-1: add a participant — a person or an organisation — to an event."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_event(scope, event))
    participation = Participation(event=event)
    assign(participation, fields, PARTICIPATION_FIELDS)
    participation.person_name = participation.person_name.strip()
    _check_attendance(participation)
    participation.full_clean()
    participation.save()
    audit(by, participation, AuditAction.CREATE, parent=event)
    return participation


@transaction.atomic
def participation_update(*, by, participation: Participation, **fields) -> Participation:
    """EVT-1: correct a participant or record attendance (присутствовал / отсутствовал)."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_event(scope, participation.event))
    before = snapshot(locked(participation))
    assign(participation, fields, PARTICIPATION_FIELDS)
    _check_attendance(participation)
    participation.full_clean()
    participation.save(update_fields=[*fields, "updated_at"])
    audit(by, participation, AuditAction.UPDATE, before=before, parent=participation.event)
    return participation


@transaction.atomic
def participation_remove(*, by, participation: Participation) -> None:
    """EVT-1: remove a participant registered by mistake; a nomination behind it reopens."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_event(scope, participation.event))
    before = snapshot(participation)
    event = participation.event
    for nomination in Nomination.objects.select_for_update().filter(participation=participation):
        nomination_before = snapshot(nomination)
        nomination.state = NominationState.PROPOSED
        nomination.participation = None
        nomination.decided_by = None
        nomination.decided_at = None
        nomination.save(update_fields=["state", "participation", "decided_by", "decided_at"])
        audit(by, nomination, AuditAction.UPDATE, before=nomination_before, parent=event)
    audit(by, participation, AuditAction.DELETE, before=before, parent=event)
    participation.delete()


# --- training plan (EVT-2) -------------------------------------------------------------------


@transaction.atomic
def nomination_create(
    *, by, event: Event, person_name: str, position: str, contact: str = "", organisation=None
):
    """EVT-2: a provider puts a member of its staff forward for an RC's training event
    (001 flowchart «Формирование списка сотрудников»). The nominating organisation is the
    user's; a system job (the demo) names it."""
    user, scope, _role = acting(by)
    if by is not None:
        require(
            scope.role in permissions.NOMINATING_ROLES,
            "Выдвигать сотрудников на обучение может руководство поставщика.",
        )
        organisation = by.organisation
    if organisation.pk == event.organiser_id:
        raise DomainError("Своих сотрудников организатор вносит в список участников сам.")
    if not event.accepts_nominations:
        raise DomainError("Приём заявок на это мероприятие закрыт.")
    person_name = " ".join(person_name.split())
    active = (NominationState.PROPOSED, NominationState.CONFIRMED)
    twins = Nomination.objects.filter(
        event=event, organisation=organisation, state__in=active
    ).values_list("person_name", flat=True)
    if any(name.casefold() == person_name.casefold() for name in twins):
        raise DomainError("Этот сотрудник уже выдвинут на мероприятие.")
    nomination = Nomination(
        event=event,
        organisation=organisation,
        person_name=person_name,
        position=position.strip(),
        contact=contact.strip(),
        nominated_by=user,
    )
    nomination.full_clean()
    nomination.save()
    audit(by, nomination, AuditAction.CREATE, parent=event)
    return nomination


def _locked_proposed(nomination: Nomination) -> Nomination:
    stored = locked(nomination)
    if stored.state != NominationState.PROPOSED:
        raise DomainError(f"Заявка уже рассмотрена: {stored.get_state_display()}.")
    return stored


@transaction.atomic
def nomination_confirm(*, by, nomination: Nomination) -> Nomination:
    """EVT-2: the organiser accepts a nomination; the person becomes a registered participant."""
    user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_decide_nomination(scope, nomination))
    nomination = _locked_proposed(nomination)
    event = locked(nomination.event)
    if event.state == EventState.CANCELLED:
        raise DomainError("Мероприятие отменено.")
    if event.places is not None:
        taken = Participation.objects.filter(event=event).people().count()
        if taken >= event.places:
            raise DomainError(f"Все места заняты ({event.places}).")
    before = snapshot(nomination)
    participation = participation_add(
        by=by,
        event=event,
        organisation=nomination.organisation,
        person_name=nomination.person_name,
        position=nomination.position,
        contact=nomination.contact,
    )
    nomination.state = NominationState.CONFIRMED
    nomination.participation = participation
    nomination.decided_by = user
    nomination.decided_at = timezone.now()
    nomination.save(update_fields=["state", "participation", "decided_by", "decided_at"])
    audit(by, nomination, AuditAction.UPDATE, before=before, parent=event)
    return nomination


@transaction.atomic
def nomination_decline(*, by, nomination: Nomination, reason: str) -> Nomination:
    """EVT-2: the organiser declines a nomination, saying why."""
    user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_decide_nomination(scope, nomination))
    reason = reason.strip()
    if not reason:
        raise DomainError("Укажите причину отказа.")
    nomination = _locked_proposed(nomination)
    before = snapshot(nomination)
    nomination.state = NominationState.DECLINED
    nomination.decline_reason = reason[:500]
    nomination.decided_by = user
    nomination.decided_at = timezone.now()
    nomination.save(update_fields=["state", "decline_reason", "decided_by", "decided_at"])
    audit(by, nomination, AuditAction.UPDATE, before=before, parent=nomination.event)
    return nomination


@transaction.atomic
def nomination_withdraw(*, by, nomination: Nomination) -> Nomination:
    """EVT-2: the provider takes back a nomination the organiser has not decided yet."""
    _user, scope, _role = acting(by)
    require(permissions.can_withdraw_nomination(scope, nomination))
    nomination = _locked_proposed(nomination)
    before = snapshot(nomination)
    nomination.state = NominationState.WITHDRAWN
    nomination.save(update_fields=["state"])
    audit(by, nomination, AuditAction.UPDATE, before=before, parent=nomination.event)
    return nomination


# --- consultations (EVT-3) -------------------------------------------------------------------

CONSULTATION_FIELDS = [
    "organisation",
    "direction",
    "audience",
    "people_count",
    "form",
    "mode",
    "held_on",
    "topic",
    "specialist_name",
    "specialist",
]


def _check_consulted(consultation: Consultation, consulted) -> None:
    if consultation.audience == ConsultationAudience.ORGANISATIONS and not consulted:
        raise DomainError("Укажите организации, получившие консультационно-методическую поддержку.")
    if consultation.audience == ConsultationAudience.FAMILIES and consulted:
        raise DomainError("Консультация семей не связывается с организациями.")
    if any(o.pk == consultation.organisation_id for o in consulted):
        raise DomainError("Организация не может консультировать сама себя.")
    if consultation.specialist_id and not (
        consultation.specialist.memberships.filter(
            organisation_id=consultation.organisation_id, is_active=True
        ).exists()
    ):
        raise DomainError("Консультант — сотрудник организации, давшей консультацию.")
    if consultation.held_on and consultation.held_on > timezone.localdate():
        raise DomainError("Дата консультации ещё не наступила: вносите проведённые консультации.")


@transaction.atomic
def consultation_create(*, by, organisation, consulted_organisations=(), **fields) -> Consultation:
    """EVT-3: record a consultation given by an organisation (003:4 «формы работы»)."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_create(scope, permissions.CONSULTATION_KEEPER_ROLES))
        _check_organiser(scope, organisation)
    consultation = Consultation(organisation=organisation)
    assign(consultation, fields, CONSULTATION_FIELDS)
    check_direction_tag(scope, consultation.direction_id)
    consulted = list(consulted_organisations)
    consultation.full_clean()
    _check_consulted(consultation, consulted)
    consultation.save()
    consultation.consulted_organisations.set(consulted)
    audit(by, consultation, AuditAction.CREATE, extra_m2m=["consulted_organisations"])
    return consultation


@transaction.atomic
def consultation_update(
    *,
    by,
    consultation: Consultation,
    expected_version: int | None,
    consulted_organisations=None,
    **fields,
) -> Consultation:
    """EVT-3: correct a consultation."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_consultation(scope, consultation))
        if "organisation" in fields:
            _check_organiser(scope, fields["organisation"])
    stored = locked(consultation)
    before = snapshot(stored, extra_m2m=["consulted_organisations"])
    stored_direction = consultation.direction_id
    assign(consultation, fields, CONSULTATION_FIELDS)
    check_direction_tag(scope, consultation.direction_id, unchanged_from=stored_direction)
    consulted = (
        list(consulted_organisations)
        if consulted_organisations is not None
        else list(stored.consulted_organisations.all())
    )
    consultation.full_clean()
    _check_consulted(consultation, consulted)
    save_with_version(
        consultation,
        expected_version=expected_version,
        fields=[*CONSULTATION_FIELDS, "updated_at"],
        label="консультацию",
    )
    consultation.consulted_organisations.set(consulted)
    audit(
        by,
        consultation,
        AuditAction.UPDATE,
        before=before,
        extra_m2m=["consulted_organisations"],
    )
    return consultation


# --- media plans and publications (EVT-4) ----------------------------------------------------

MEDIA_PLAN_FIELDS = ["organisation", "direction", "year", "title", "approved_on", "approval_order"]
MEDIA_PLAN_ITEM_FIELDS = [
    "number",
    "topic",
    "channel",
    "timeframe",
    "deadline",
    "responsible_appointment",
    "responsible_text",
]
PUBLICATION_FIELDS = [
    "organisation",
    "direction",
    "channel",
    "published_on",
    "title",
    "link",
    "outlet",
    "is_mass_media",
    "plan_item",
    "event",
]


@transaction.atomic
def media_plan_create(*, by, organisation, **fields) -> MediaPlan:
    """EVT-4: a media plan of information support for a year (004 appendix 1)."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_keep_records(scope, organisation.pk))
    plan = MediaPlan(organisation=organisation)
    assign(plan, fields, MEDIA_PLAN_FIELDS)
    check_direction_tag(scope, plan.direction_id)
    plan.full_clean()
    plan.save()
    audit(by, plan, AuditAction.CREATE)
    return plan


@transaction.atomic
def media_plan_update(*, by, plan: MediaPlan, expected_version: int | None, **fields) -> MediaPlan:
    """EVT-4: correct a media plan's heading (its items are edited one by one)."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_keep_records(scope, plan.organisation_id))
        if "organisation" in fields:
            require(permissions.can_keep_records(scope, fields["organisation"].pk))
    before = snapshot(locked(plan))
    stored_direction = plan.direction_id
    assign(plan, fields, MEDIA_PLAN_FIELDS)
    check_direction_tag(scope, plan.direction_id, unchanged_from=stored_direction)
    plan.full_clean()
    save_with_version(
        plan,
        expected_version=expected_version,
        fields=[*MEDIA_PLAN_FIELDS, "updated_at"],
        label="медиаплан",
    )
    audit(by, plan, AuditAction.UPDATE, before=before)
    return plan


def _check_responsible(item: MediaPlanItem) -> None:
    appointment = item.responsible_appointment
    if appointment is not None and appointment.organisation_id != item.plan.organisation_id:
        raise DomainError("Ответственный назначается приказом организации, чей это медиаплан.")


@transaction.atomic
def media_plan_item_create(*, by, plan: MediaPlan, number: int | None = None, **fields):
    """EVT-4: add an item with its deadline and responsible to a media plan."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_keep_records(scope, plan.organisation_id))
    locked(plan)
    if number is None:
        last = plan.items.order_by("-number").values_list("number", flat=True).first() or 0
        number = last + 1
    item = MediaPlanItem(plan=plan, number=number)
    assign(item, fields, MEDIA_PLAN_ITEM_FIELDS)
    item.full_clean()
    _check_responsible(item)
    item.save()
    audit(by, item, AuditAction.CREATE, parent=plan)
    return item


@transaction.atomic
def media_plan_item_update(*, by, item: MediaPlanItem, **fields) -> MediaPlanItem:
    """EVT-4: change an item's topic, deadline or responsible."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_keep_records(scope, item.plan.organisation_id))
    before = snapshot(locked(item))
    assign(item, fields, MEDIA_PLAN_ITEM_FIELDS)
    item.full_clean()
    _check_responsible(item)
    item.save(update_fields=list(fields))
    audit(by, item, AuditAction.UPDATE, before=before, parent=item.plan)
    return item


def _check_publication(publication: Publication, scope) -> None:
    if publication.published_on and publication.published_on > timezone.localdate():
        raise DomainError("Дата публикации ещё не наступила: вносите вышедшие публикации.")
    if scope is None:
        return
    # The item and the event are chosen among what the author sees (their selectors), and
    # checked again here for API clients that send bare ids.
    if publication.plan_item_id and not (
        MediaPlanItem.objects.visible_to(scope).filter(pk=publication.plan_item_id).exists()
    ):
        raise DomainError("Пункт медиаплана не найден.")
    if publication.event_id and not (
        Event.objects.visible_to(scope).filter(pk=publication.event_id).exists()
    ):
        raise DomainError("Мероприятие не найдено.")


@transaction.atomic
def publication_create(*, by, organisation, is_mass_media: bool | None = None, **fields):
    """EVT-4: record a publication (KPI 6.4); it may fulfil an item of a media plan.

    Whether it is mass media defaults from the channel (a newspaper is, a website is not).
    """
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_keep_records(scope, organisation.pk))
    publication = Publication(organisation=organisation)
    assign(publication, fields, PUBLICATION_FIELDS)
    check_direction_tag(scope, publication.direction_id)
    publication.is_mass_media = (
        publication.channel in MASS_MEDIA_CHANNELS if is_mass_media is None else is_mass_media
    )
    publication.full_clean()
    _check_publication(publication, scope)
    publication.save()
    audit(by, publication, AuditAction.CREATE, parent=publication.plan_item)
    return publication


@transaction.atomic
def publication_update(
    *, by, publication: Publication, expected_version: int | None, **fields
) -> Publication:
    """EVT-4: correct a publication or link it to the media-plan item it fulfils."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_keep_records(scope, publication.organisation_id))
        if "organisation" in fields:
            require(permissions.can_keep_records(scope, fields["organisation"].pk))
    before = snapshot(locked(publication))
    stored_direction = publication.direction_id
    assign(publication, fields, PUBLICATION_FIELDS)
    check_direction_tag(scope, publication.direction_id, unchanged_from=stored_direction)
    publication.full_clean()
    _check_publication(publication, scope)
    save_with_version(
        publication,
        expected_version=expected_version,
        fields=[*PUBLICATION_FIELDS, "updated_at"],
        label="публикацию",
    )
    audit(by, publication, AuditAction.UPDATE, before=before, parent=publication.plan_item)
    return publication
