"""Demo ЕГИССО exports of БУ «Пыть-Яхский КЦСОН» (issue 14 item 8): the export of a closed
month (the latest closed month with facts, else the latest past month with facts) with one
fact rejected by ЕГИССО, corrected by a reversal and a new fact, and the new fact sent again
in the next export. Built on whatever facts the social services demo made: nothing happens
without facts, and loading twice changes nothing.

The demo gives the institution its requisites, a measure code to the services that have none
(a name-based uuid, stable across loads) and a ЕГИССО consent to every recipient of the month
but one — who is then listed as left out.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens.models import Consent, ConsentPurpose, Signatory
from resurs.casework.egisso import services
from resurs.casework.egisso.models import Export, ExportFact, FactState, Participant
from resurs.casework.socialservices.models import MonthClosure, Service, ServiceFact
from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON
from resurs.kernel.organisations.models import Organisation

DEMO_NAMESPACE = uuid.UUID("6f1d3c1e-4a8b-4e0f-9d35-1b2a6c7e9f10")
OSZ_CODE = "8601.000001"
REJECTION = "Правило 015: СНИЛС получателя не найден в ФРИ; проверьте дату и количество услуги."


def _month(organisation: Organisation, facts) -> datetime.date | None:
    today = timezone.localdate().replace(day=1)
    with_facts = facts.filter(period__lt=today).order_by("-period")
    closed = MonthClosure.objects.filter(unit__organisation=organisation).values("month")
    month = with_facts.filter(period__in=closed).values_list("period", flat=True).first()
    return month or with_facts.values_list("period", flat=True).first()


@transaction.atomic
def load_demo_data() -> None:
    organisation = Organisation.objects.filter(name=PYT_YAKH_KCSON).first()
    if organisation is None or Export.all_records.filter(organisation=organisation).exists():
        return
    facts = ServiceFact.objects.unscoped(reason="the demo's export of the demo institution").filter(
        organisation=organisation, person__isnull=False, reverses__isnull=True
    )
    month = _month(organisation, facts)
    if month is None:
        return
    Participant.objects.get_or_create(
        organisation=organisation,
        defaults={"osz_code": OSZ_CODE, "category_id": str(uuid.uuid5(DEMO_NAMESPACE, "category"))},
    )
    month_facts = facts.filter(period=month)
    for service in Service.objects.filter(egisso_code="", pk__in=month_facts.values("service_id")):
        service.egisso_code = str(uuid.uuid5(DEMO_NAMESPACE, service.code))
        service.save(update_fields=["egisso_code"])
    person_ids = sorted(set(month_facts.values_list("person_id", flat=True)))
    consented = set(
        Consent.all_records.filter(
            person_id__in=person_ids, purpose=ConsentPurpose.EGISSO, withdrawn_on__isnull=True
        ).values_list("person_id", flat=True)
    )
    Consent.all_records.bulk_create(
        Consent(
            person_id=person_id,
            purpose=ConsentPurpose.EGISSO,
            signatory=Signatory.SELF,
            document=f"Согласие на передачу сведений в ЕГИССО от {month:%d.%m.%Y} б/н",
            signed_on=month,
        )
        for person_id in person_ids[1:]
        if person_id not in consented
    )
    # The institution's provider role does it, as in life (a fact is recorded by somebody).
    by = (
        Membership.objects.filter(organisation=organisation, role=Role.PROVIDER, is_active=True)
        .order_by("id")
        .first()
    )
    if by is None:
        return
    first = services.export_create(by=by, organisation=organisation, period=month)
    if not first.facts_count:
        return
    services.export_mark_sent(by=by, export=first)
    rejected = (
        ExportFact.all_records.filter(export=first, state=FactState.SENT).order_by("id").first()
    )
    if rejected is None:
        return
    services.fact_answer(by=by, item=rejected, accepted=False, reason=REJECTION)
    services.export_accept_rest(by=by, export=first)
    fact = ServiceFact.all_records.get(pk=rejected.fact_id)
    _reversal, corrected = services.rejected_fact_correct(
        by=by,
        item=ExportFact.all_records.get(pk=rejected.pk),
        reason="Исправлено по ответу ЕГИССО: количество услуг",
        quantity=fact.quantity + 1 if fact.quantity < 1000 else 1,
        provided_on=fact.provided_on,
    )
    again = services.export_create(by=by, organisation=organisation, period=corrected.period)
    if again.facts_count:
        services.export_mark_sent(by=by, export=again)
        services.export_accept_rest(by=by, export=again)
