"""The data bank's writes: СНИЛС checksum, the duplicate rule at entry, likely duplicates and
the head's queue, families, records about a person, consent validity and enforcement."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from resurs.casework.citizens import duplicates, exports, record_services, services
from resurs.casework.citizens.consent import ConsentMissing, valid_consent
from resurs.casework.citizens.identity import is_valid_snils, name_key, normalise_snils
from resurs.casework.citizens.models import (
    AccessLogEntry,
    ConsentPurpose,
    DuplicateDecision,
    Family,
    Person,
    Relation,
    RemovalReason,
    Signatory,
    TargetGroup,
)
from resurs.casework.citizens.tests.conftest import VALID_SNILS, person_fields
from resurs.casework.conftest import make_person
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.writes import DomainError, StaleVersion

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("112-233-445 95", True),
        ("11223344595", True),
        ("11223344596", False),  # a wrong check number
        ("123-456-789 64", True),
        ("123-456-789 65", False),
        ("920-000-003 00", True),  # the sum is 100: check number 00
        ("920-001-000 00", True),  # the sum is 101: check number 00
        ("001-001-998 77", True),  # issued before the check number existed
        ("1122334459", False),  # ten digits
        ("1122334459a", False),
        ("", False),
    ],
)
def test_snils_checksum(value, valid):
    assert is_valid_snils(value) is valid


def test_snils_is_normalised_on_entry(casework):
    person = services.person_create(
        by=casework.specialist,
        unit=casework.a.support,
        district=casework.a.districts[0],
        **person_fields(snils="112 233-445 95"),
    )
    assert person.snils == VALID_SNILS
    assert person.specialist_id == casework.specialist.user_id
    with pytest.raises(ValidationError) as refused:
        services.person_create(
            by=casework.specialist,
            unit=casework.a.support,
            **person_fields(last_name="Другой", snils="11223344596"),
        )
    assert "контрольного числа" in str(refused.value)
    assert normalise_snils("112-233-445 95") == VALID_SNILS


def test_known_snils_in_own_scope_links_to_the_card(casework):
    Person.all_records.filter(pk=casework.person.pk).update(snils=VALID_SNILS)
    with pytest.raises(services.SnilsAlreadyRegistered) as refused:
        services.person_create(
            by=casework.specialist,
            unit=casework.a.support,
            **person_fields(snils=VALID_SNILS),
        )
    assert refused.value.person == casework.person
    assert f"карточка № {casework.person.pk}" in str(refused.value)


def test_known_snils_in_another_institution_names_it_without_the_record(casework):
    Person.all_records.filter(pk=casework.person.pk).update(snils=VALID_SNILS)
    with pytest.raises(services.SnilsAlreadyRegistered) as refused:
        services.person_create(
            by=casework.other_specialist,
            unit=casework.b.support,
            **person_fields(snils="112-233-445 95"),
        )
    message = str(refused.value)
    assert refused.value.person is None
    assert message == (
        "Гражданин с таким СНИЛС уже зарегистрирован в КЦСОН А, "
        "обратитесь в Отделение социального сопровождения граждан."
    )
    assert "Смирнова" not in message


def test_likely_duplicates_are_offered_before_saving(casework):
    fields = person_fields(last_name="смирнова", first_name="ольга", patronymic="ИВАНОВНА")
    fields.update(sex="female", birth_date=casework.person.birth_date)
    with pytest.raises(services.LikelyDuplicates) as asked:
        services.person_create(by=casework.specialist, unit=casework.a.support, **fields)
    assert asked.value.candidates == [casework.person]
    assert "Похожие карточки" in str(asked.value)
    assert "это другой человек?" in str(asked.value)
    other = services.person_create(
        by=casework.specialist, unit=casework.a.support, confirm_not_duplicate=True, **fields
    )
    assert other.name_key == casework.person.name_key


def test_name_key_folds_case_yo_hyphens_and_spaces():
    assert name_key("Петрова-Водкина", " Алёна ") == name_key("петрова водкина", "алена")


def test_an_outsider_does_not_see_likely_duplicates_of_another_institution(casework):
    fields = person_fields(last_name="Смирнова", first_name="Ольга", patronymic="Ивановна")
    fields.update(sex="female", birth_date=casework.person.birth_date)
    person = services.person_create(by=casework.other_specialist, unit=casework.b.support, **fields)
    assert person.organisation == casework.b.organisation


def test_a_specialist_cannot_register_in_another_unit(casework):
    with pytest.raises(PermissionDenied):
        services.person_create(by=casework.specialist, unit=casework.b.support, **person_fields())
    with pytest.raises(PermissionDenied):
        services.person_create(by=casework.uszn, unit=casework.a.support, **person_fields())


def test_update_is_versioned_and_audited_without_personal_data(casework):
    person = casework.person
    services.person_update(
        by=casework.specialist, person=person, expected_version=1, phones="+7 900 000-00-00"
    )
    assert person.version == 2
    with pytest.raises(StaleVersion):
        services.person_update(
            by=casework.specialist, person=person, expected_version=1, phones="1"
        )
    entry = AuditEntry.objects.filter(object_id=str(person.pk)).latest("pk")
    # What the trail keeps of the entry (its time aside: microseconds may hold any digits).
    kept = str({k: v for k, v in entry.__dict__.items() if k not in {"at", "_state"}})
    assert "000-00-00" not in kept and "900 000" not in kept
    assert "Смирнова" not in kept


def test_family_members_join_and_leave(casework):
    family = services.family_create(
        by=casework.specialist, unit=casework.a.support, name="Семья Кузнецовых"
    )
    child = make_person(
        casework.a.support,
        casework.a.districts[0],
        first_name="Анна",
        birth_date=datetime.date(2015, 1, 1),
    )
    member = services.member_add(
        by=casework.specialist, family=family, person=child, relation=Relation.CHILD
    )
    with pytest.raises(DomainError):
        services.member_add(
            by=casework.specialist, family=family, person=child, relation=Relation.CHILD
        )
    services.member_remove(by=casework.specialist, member=member)
    member.refresh_from_db()
    assert member.left_on is not None
    services.family_update(by=casework.specialist, family=family, expected_version=1, phones="123")
    with pytest.raises(Family.DoesNotExist):
        services.member_add(
            by=casework.other_specialist, family=family, person=child, relation=Relation.CHILD
        )


def test_target_groups_older_citizens_are_derived(casework):
    older = TargetGroup.objects.get(derived=True)
    with pytest.raises(DomainError):
        record_services.group_add(
            by=casework.specialist,
            group=older,
            person=casework.person,
            starts_on=datetime.date(2026, 1, 1),
        )
    group = TargetGroup.objects.filter(derived=False, applies_to="person").first()
    row = record_services.group_add(
        by=casework.specialist,
        group=group,
        person=casework.person,
        starts_on=datetime.date(2026, 1, 1),
    )
    record_services.group_end(by=casework.specialist, membership=row)
    row.refresh_from_db()
    assert row.ends_on is not None
    woman = make_person(casework.a.support, birth_date=datetime.date(1960, 1, 1))
    man = make_person(casework.a.support, sex="male", birth_date=datetime.date(1970, 1, 1))
    assert woman.is_older_citizen(datetime.date(2026, 1, 1))
    assert not man.is_older_citizen(datetime.date(2026, 1, 1))


def test_passport_editions_increment_and_age(casework):
    first = record_services.passport_new_edition(
        by=casework.specialist, person=casework.person, compiled_on=datetime.date(2025, 1, 10)
    )
    second = record_services.passport_new_edition(
        by=casework.specialist, person=casework.person, compiled_on=datetime.date(2025, 6, 1)
    )
    assert (first.edition, second.edition) == (1, 2)
    assert second.is_outdated(datetime.date(2025, 12, 2))
    assert not second.is_outdated(datetime.date(2025, 11, 30))


def test_preventive_registration_needs_grounds_and_a_removal_reason(casework):
    with pytest.raises(ValidationError):
        record_services.registration_register(
            by=casework.specialist,
            person=casework.person,
            registered_on=datetime.date(2026, 1, 1),
            grounds=" ",
        )
    row = record_services.registration_register(
        by=casework.specialist,
        person=casework.person,
        registered_on=datetime.date(2026, 1, 1),
        grounds="Трудная жизненная ситуация",
    )
    with pytest.raises(ValidationError):
        record_services.registration_remove(
            by=casework.specialist,
            registration=row,
            removed_on=datetime.date(2026, 2, 1),
            reason="",
        )
    record_services.registration_remove(
        by=casework.specialist,
        registration=row,
        removed_on=datetime.date(2026, 2, 1),
        reason=RemovalReason.IMPROVED,
    )
    assert row.removed_on == datetime.date(2026, 2, 1)


def test_personal_file_open_and_close(casework):
    row = record_services.personal_file_open(
        by=casework.specialist,
        person=casework.person,
        number="12",
        opened_on=datetime.date(2026, 1, 1),
    )
    with pytest.raises(DomainError):
        record_services.personal_file_open(
            by=casework.specialist,
            person=casework.person,
            number="13",
            opened_on=datetime.date(2026, 1, 1),
        )
    record_services.personal_file_close(
        by=casework.specialist, personal_file=row, closed_on=datetime.date(2026, 3, 1)
    )
    assert row.closed_on == datetime.date(2026, 3, 1)


def _consent(casework, **changes):
    values = {
        "by": casework.specialist,
        "person": casework.person,
        "purpose": ConsentPurpose.EXCHANGE,
        "signatory": Signatory.SELF,
        "document": "Согласие б/н",
        "signed_on": datetime.date(2025, 1, 1),
    }
    values.update(changes)
    return record_services.consent_record(**values)


def test_consent_validity_and_withdrawal(casework):
    consent = _consent(casework, valid_until=datetime.date(2025, 12, 31))
    assert valid_consent(casework.person, "exchange", datetime.date(2025, 6, 1)) == consent
    assert valid_consent(casework.person, "exchange", datetime.date(2026, 1, 1)) is None
    assert valid_consent(casework.person, "egisso", datetime.date(2025, 6, 1)) is None
    record_services.consent_withdraw(
        by=casework.specialist,
        consent=consent,
        withdrawn_on=datetime.date(2025, 3, 1),
        document="Заявление",
    )
    assert valid_consent(casework.person, "exchange", datetime.date(2025, 6, 1)) is None
    with pytest.raises(ValidationError):
        _consent(casework, signatory=Signatory.REPRESENTATIVE)


def test_export_is_refused_without_a_valid_consent(casework):
    with pytest.raises(ConsentMissing) as refused:
        exports.person_export(by=casework.specialist, person=casework.person)
    assert "Нет действующего согласия" in str(refused.value)
    _consent(casework)
    document = exports.person_export(by=casework.specialist, person=casework.person)
    assert "Смирнова" in str(document.as_lines())
    assert AccessLogEntry.objects.filter(person=casework.person, channel="export").count() == 1


def test_duplicate_queue_link_distinct_and_undo(casework):
    twin = make_person(casework.a.support, casework.a.districts[1], first_name="ольга")
    pairs = duplicates.queue(casework.head)
    assert [(p.first, p.second) for p in pairs] == [(casework.person, twin)]
    assert duplicates.queue(casework.other_head) == []
    with pytest.raises(PermissionDenied):
        duplicates.decide(
            by=casework.specialist,
            first=casework.person,
            second=twin,
            decision=DuplicateDecision.LINKED,
        )
    link = duplicates.decide(
        by=casework.head, first=twin, second=casework.person, decision=DuplicateDecision.LINKED
    )
    assert (link.first, link.second) == (casework.person, twin)
    assert duplicates.queue(casework.head) == []
    duplicates.undo(by=casework.head, link=link)
    assert len(duplicates.queue(casework.head)) == 1
    assert Person.all_records.filter(pk__in=[casework.person.pk, twin.pk]).count() == 2
    duplicates.decide(
        by=casework.head, first=casework.person, second=twin, decision=DuplicateDecision.DISTINCT
    )
    assert duplicates.queue(casework.head) == []
