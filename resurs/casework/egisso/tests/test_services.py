"""The export of a month: consented facts in a conforming file, the rest left out and
listed; states per fact; nothing sent twice (the code and the database); a rejected fact
corrected by a reversal and a new fact that goes into the next export; ЕГИССО's protocol;
the access log of every exported fact; who may export."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from resurs.casework.citizens.models import AccessChannel, AccessLogEntry, ConsentPurpose
from resurs.casework.egisso import services
from resurs.casework.egisso.demo import load_demo_data
from resurs.casework.egisso.models import Export, ExportFact, ExportStatus, FactState, LeftOut
from resurs.casework.egisso.schema import validate
from resurs.casework.egisso.tests.conftest import consent
from resurs.kernel.writes.errors import DomainError

pytestmark = pytest.mark.django_db


def create(world, by=None):
    return services.export_create(
        by=by or world.provider, organisation=world.a.organisation, period=world.month
    )


def states(export):
    return dict(ExportFact.all_records.filter(export=export).values_list("fact_id", "state"))


def test_consented_facts_go_in_and_the_rest_are_left_out_with_why(egisso):
    export = create(egisso)
    visit, talk, other = egisso.facts
    assert states(export) == {
        visit.pk: FactState.PREPARED,
        talk.pk: FactState.PREPARED,
        other.pk: FactState.LEFT_OUT,
    }
    assert ExportFact.all_records.get(fact=other).left_out == LeftOut.NO_CONSENT
    assert (export.facts_count, export.left_out_count) == (2, 1)


def test_the_file_conforms_to_the_schema_and_carries_the_facts(egisso):
    export = create(egisso)
    content = export.file.read()
    assert validate(io.BytesIO(content)) == []
    text = content.decode()
    assert text.count("<pac:fact>") == 2
    assert "<prsn:SNILS>11223344595</prsn:SNILS>" in text
    assert "<af:amount>2</af:amount>" in text and "<af:measuryCode>03</af:measuryCode>" in text
    assert "Петров" not in text
    assert "Смирнова" not in export.file.name and str(export.pk) in export.file.name


def test_a_person_without_snils_or_a_service_without_code_is_left_out(egisso):
    consent(egisso.other)
    egisso.talk.egisso_code = ""
    egisso.talk.save()
    export = create(egisso)
    left = dict(ExportFact.all_records.filter(export=export).values_list("fact_id", "left_out"))
    assert left[egisso.facts[2].pk] == LeftOut.NO_SNILS
    assert left[egisso.facts[1].pk] == LeftOut.NO_MEASURE


def test_a_withdrawn_consent_is_no_consent(egisso):
    given = egisso.person.consents.get(purpose=ConsentPurpose.EGISSO)
    given.withdrawn_on = given.signed_on
    given.save()
    export = create(egisso)
    assert (export.facts_count, export.left_out_count) == (0, 3)
    assert not export.file
    assert set(ExportFact.all_records.values_list("left_out", flat=True)) == {LeftOut.NO_CONSENT}


def test_nothing_is_exported_twice(egisso):
    first = create(egisso)
    second = create(egisso)  # the left-out fact is considered again, the others are not
    assert set(states(second)) == {egisso.facts[2].pk}
    assert second.facts_count == 0
    with pytest.raises(DomainError, match="нет фактов"):
        services.export_mark_sent(by=egisso.provider, export=second)
    item = ExportFact.all_records.filter(export=first, state=FactState.PREPARED).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ExportFact.all_records.create(export=second, fact_id=item.fact_id, state=FactState.SENT)


def test_a_withdrawn_export_frees_its_facts_for_the_next_one(egisso):
    first = create(egisso)
    in_first = {pk for pk, state in states(first).items() if state == FactState.PREPARED}
    assert in_first
    with pytest.raises(PermissionDenied):
        services.export_withdraw(by=egisso.specialist, export=first)
    services.export_withdraw(by=egisso.provider, export=first)
    first.refresh_from_db()
    assert first.status == ExportStatus.WITHDRAWN
    assert set(states(first).values()) <= {FactState.WITHDRAWN, FactState.LEFT_OUT}
    second = create(egisso)
    assert {pk for pk, state in states(second).items() if state == FactState.PREPARED} == in_first
    services.export_mark_sent(by=egisso.provider, export=second)
    with pytest.raises(DomainError, match="Отправленную выгрузку отозвать нельзя"):
        services.export_withdraw(by=egisso.provider, export=second)


def test_a_rejected_fact_is_corrected_and_sent_in_the_next_export(egisso):
    first = create(egisso)
    services.export_mark_sent(by=egisso.head, export=first)
    sent = ExportFact.all_records.filter(export=first, state=FactState.SENT).order_by("id")
    rejected, accepted = sent[0], sent[1]
    services.fact_answer(by=egisso.head, item=accepted, accepted=True)
    services.fact_answer(by=egisso.head, item=rejected, accepted=False, reason="Правило 015")
    first.refresh_from_db()
    assert first.status == ExportStatus.ANSWERED
    with pytest.raises(DomainError):
        services.fact_answer(by=egisso.head, item=rejected, accepted=True)
    reversal, corrected = services.rejected_fact_correct(
        by=egisso.head,
        item=ExportFact.all_records.get(pk=rejected.pk),
        reason="Неверное количество",
        quantity=3,
        provided_on=rejected.fact.provided_on,
    )
    assert reversal.reverses_id == rejected.fact_id
    again = services.export_create(
        by=egisso.provider, organisation=egisso.a.organisation, period=corrected.period
    )
    assert states(again).get(corrected.pk) == FactState.PREPARED
    assert rejected.fact_id not in states(again) and reversal.pk not in states(again)
    assert "<af:amount>3</af:amount>" in again.file.read().decode()


def test_the_protocol_of_egisso_sets_the_states(egisso):
    export = create(egisso)
    services.export_mark_sent(by=egisso.provider, export=export)
    ok, bad = ExportFact.all_records.filter(export=export, state=FactState.SENT).order_by("id")
    protocol = f"""<?xml version="1.0" encoding="UTF-8"?>
<response xmlns="urn://egisso-ru/msg/10.10.I/1.0.3" xmlns:r="urn://egisso-ru/types/record-result/1.0.3">
 <r:recordResult><r:recID>{ok.record_id}</r:recID><r:recordOK>true</r:recordOK></r:recordResult>
 <r:recordResult><r:recID>{bad.record_id}</r:recID><r:recordOK>false</r:recordOK>
  <r:messages><r:report>Неверная дата решения</r:report></r:messages>
 </r:recordResult>
 <r:recordResult><r:recID>00000000-0000-4000-8000-000000000000</r:recID><r:recordOK>true</r:recordOK></r:recordResult>
</response>"""
    result = services.export_load_protocol(
        by=egisso.provider, export=export, source=io.BytesIO(protocol.encode())
    )
    assert result == (1, 1, 1)
    bad.refresh_from_db()
    assert (bad.state, bad.reason) == (FactState.REJECTED, "Неверная дата решения")
    with pytest.raises(DomainError):
        services.export_load_protocol(by=egisso.provider, export=export, source=io.BytesIO(b"<x"))


def test_every_exported_fact_is_in_the_access_log(egisso):
    create(egisso, by=egisso.head)
    logged = AccessLogEntry.objects.filter(channel=AccessChannel.EXPORT)
    assert sorted(logged.values_list("record_id", flat=True)) == sorted(
        f.pk for f in egisso.facts[:2]
    )
    assert set(logged.values_list("person_id", flat=True)) == {egisso.person.pk}
    assert "Смирнова" not in "".join(logged.values_list("record_label", flat=True))


@pytest.mark.parametrize("who", ["specialist", "uszn", "other_provider", "department"])
def test_only_the_institutions_provider_and_heads_export(egisso, who):
    with pytest.raises(PermissionDenied):
        create(egisso, by=getattr(egisso, who))


def test_a_future_month_or_missing_requisites_are_refused(egisso):
    import datetime

    with pytest.raises(DomainError, match="не наступил"):
        services.export_create(
            by=egisso.provider,
            organisation=egisso.a.organisation,
            period=datetime.date(2100, 1, 1),
        )
    egisso.participant.delete()
    with pytest.raises(DomainError, match="реквизиты"):
        create(egisso)


def test_the_demo_export_has_a_rejected_fact_corrected_and_sent_again(egisso, monkeypatch):
    from resurs.casework.egisso import demo

    monkeypatch.setattr(demo, "PYT_YAKH_KCSON", egisso.a.organisation.name)
    load_demo_data()
    load_demo_data()  # idempotent
    exports = list(Export.all_records.order_by("id"))
    assert len(exports) == 2
    rejected = ExportFact.all_records.get(export=exports[0], state=FactState.REJECTED)
    corrected = ExportFact.all_records.get(export=exports[1], state=FactState.ACCEPTED)
    assert corrected.fact.note.startswith(f"Исправление факта № {rejected.fact_id}")


def test_the_demo_does_nothing_without_facts(casework, monkeypatch):
    from resurs.casework.egisso import demo

    monkeypatch.setattr(demo, "PYT_YAKH_KCSON", casework.a.organisation.name)
    load_demo_data()
    assert not Export.all_records.exists()
