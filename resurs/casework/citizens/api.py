"""X-4 for the data bank (SOC-3, SOC-4): persons and families, scoped like the pages
(`visible_to`: a record outside the scope is 404), each read of a person written in the
access log (channel «API»). A search for a СНИЛС or a name is a POST with a body — never a
query string — and a person is created under the same duplicate rule as on the page;
updates carry the ``version`` read (optimistic locking).
"""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from resurs.casework.citizens import record_services, selectors, services
from resurs.casework.citizens.accesslog import log_access
from resurs.casework.citizens.models import (
    AccessChannel,
    Consent,
    ConsentPurpose,
    Family,
    PersonalFile,
    Relation,
    Sex,
    Signatory,
    SocialPassport,
)
from resurs.casework.units.models import SocialDistrict, Unit
from resurs.kernel.organisations.api import Page
from resurs.kernel.writes.errors import DomainError

router = Router(tags=["Граждане и семьи"])


class PersonBriefOut(Schema):
    id: int
    last_name: str
    first_name: str
    patronymic: str
    birth_date: date
    district_id: int | None
    unit_id: int


class PersonOut(PersonBriefOut):
    sex: Sex
    snils: str
    document_kind: str
    document_series: str
    document_number: str
    document_issued_by: str
    document_issued_on: date | None
    registration_address: str
    actual_address: str
    phones: str
    organisation_id: int
    specialist_id: int | None
    older_citizen: bool = Field(description="Гражданин пожилого возраста (по полу и возрасту)")
    version: int

    @staticmethod
    def resolve_older_citizen(obj):
        return obj.is_older_citizen()


class SearchIn(Schema):
    snils: str = Field("", description="СНИЛС целиком (11 цифр, с разделителями или без)")
    name: str = Field("", description="Начало фамилии (не короче двух букв)")


class PersonIn(Schema):
    unit_id: int
    district_id: int | None = None
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)
    patronymic: str = Field("", max_length=100)
    sex: Sex
    birth_date: date
    snils: str = Field("", max_length=20)
    document_kind: str = Field("", max_length=120)
    document_series: str = Field("", max_length=20)
    document_number: str = Field("", max_length=30)
    document_issued_by: str = Field("", max_length=500)
    document_issued_on: date | None = None
    registration_address: str = Field("", max_length=500)
    actual_address: str = Field("", max_length=500)
    phones: str = Field("", max_length=200)
    confirm_not_duplicate: bool = Field(
        False, description="Похожие карточки (ФИО и дата рождения) — другие люди"
    )


class PersonUpdateIn(Schema):
    version: int = Field(description="Версия, полученная при чтении (оптимистическая блокировка)")
    last_name: str | None = Field(None, min_length=1, max_length=100)
    first_name: str | None = Field(None, min_length=1, max_length=100)
    patronymic: str | None = Field(None, max_length=100)
    snils: str | None = Field(None, max_length=20)
    registration_address: str | None = Field(None, max_length=500)
    actual_address: str | None = Field(None, max_length=500)
    phones: str | None = Field(None, max_length=200)


class MemberOut(Schema):
    id: int
    person_id: int
    relation: Relation
    is_legal_representative: bool
    joined_on: date | None
    left_on: date | None


class FamilyOut(Schema):
    id: int
    name: str
    actual_address: str
    phones: str
    organisation_id: int
    unit_id: int
    district_id: int | None
    version: int


class FamilyDetailOut(FamilyOut):
    members: list[MemberOut] = Field(alias="member_rows")


class ConsentOut(Schema):
    id: int
    person_id: int
    purpose: ConsentPurpose
    signatory: Signatory
    representative_name: str
    document: str
    signed_on: date
    valid_until: date | None
    withdrawn_on: date | None
    withdrawal_document: str
    valid_today: bool

    @staticmethod
    def resolve_valid_today(obj):
        from django.utils import timezone

        return obj.is_valid_on(timezone.localdate())


class ConsentIn(Schema):
    purpose: ConsentPurpose
    signatory: Signatory
    document: str = Field(min_length=1, max_length=300)
    signed_on: date
    valid_until: date | None = None
    representative_name: str = Field("", max_length=300)
    representative_basis: str = Field("", max_length=300)


class PassportOut(Schema):
    id: int
    person_id: int | None
    family_id: int | None
    edition: int
    compiled_on: date
    living_conditions: str
    income: str
    health: str
    education: str
    problems: str
    resources: str


class PersonalFileOut(Schema):
    id: int
    person_id: int | None
    family_id: int | None
    unit_id: int
    number: str
    opened_on: date
    closed_on: date | None
    kept_at: str


def _person(request, pk: int):
    person = selectors.person_for(request, pk)
    log_access(request, person, channel=AccessChannel.API)
    return person


@router.post("/persons/search", response=list[PersonBriefOut], summary="Поиск гражданина")
def person_search(request, payload: SearchIn):
    if payload.snils.strip():
        return list(selectors.search(request, payload.snils))
    if len(payload.name.strip()) < 2:
        raise DomainError("Укажите СНИЛС целиком или не менее двух первых букв фамилии.")
    return list(selectors.search(request, payload.name))


@router.get("/persons/{int:pk}", response=PersonOut, summary="Карточка гражданина")
def person_detail(request, pk: int):
    return _person(request, pk)


@router.post("/persons", response={201: PersonOut}, summary="Внести гражданина")
def person_create(request, payload: PersonIn):
    data = payload.dict()
    unit = get_object_or_404(Unit.objects.visible_to(request), pk=data.pop("unit_id"))
    district_id = data.pop("district_id")
    district = (
        get_object_or_404(SocialDistrict.objects.visible_to(request), pk=district_id)
        if district_id
        else None
    )
    person = services.person_create(by=request.membership, unit=unit, district=district, **data)
    return Status(201, _person(request, person.pk))


@router.post("/persons/{int:pk}", response=PersonOut, summary="Изменить карточку гражданина")
def person_update(request, pk: int, payload: PersonUpdateIn):
    person = selectors.person_for(request, pk)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    version = data.pop("version")
    services.person_update(by=request.membership, person=person, expected_version=version, **data)
    return _person(request, pk)


@router.get("/families", response=list[FamilyOut], summary="Семьи")
@paginate(Page)
def family_list(request):
    return selectors.families(request)


@router.get("/families/{int:pk}", response=FamilyDetailOut, summary="Семья и её состав")
def family_detail(request, pk: int):
    family: Family = selectors.family_for(request, pk)
    log_access(request, family, channel=AccessChannel.API)
    family.member_rows = list(selectors.members_of(request, family))  # type: ignore[attr-defined]
    return family


@router.get("/persons/{int:pk}/consents", response=list[ConsentOut], summary="Согласия гражданина")
def consent_list(request, pk: int):
    person = selectors.person_for(request, pk)
    return list(Consent.objects.visible_to(request).filter(person=person))


@router.post(
    "/persons/{int:pk}/consents", response={201: ConsentOut}, summary="Внести согласие в реестр"
)
def consent_create(request, pk: int, payload: ConsentIn):
    person = selectors.person_for(request, pk)
    consent = record_services.consent_record(by=request.membership, person=person, **payload.dict())
    return Status(201, consent)


@router.get("/consents/{int:pk}", response=ConsentOut, summary="Согласие")
def consent_detail(request, pk: int):
    return get_object_or_404(Consent.objects.visible_to(request), pk=pk)


@router.get("/passports/{int:pk}", response=PassportOut, summary="Социальный паспорт (редакция)")
def passport_detail(request, pk: int):
    return get_object_or_404(SocialPassport.objects.visible_to(request), pk=pk)


@router.get("/personal-files/{int:pk}", response=PersonalFileOut, summary="Личное дело")
def personal_file_detail(request, pk: int):
    personal_file = get_object_or_404(PersonalFile.objects.visible_to(request), pk=pk)
    log_access(request, personal_file, channel=AccessChannel.API)
    return personal_file
