"""«Выгрузить данные для передачи»: a person's card as XLSX for a partner or another agency —
only under a valid consent for the exchange (152-FZ art. 9; 004 app. 2 §5.1)."""

from __future__ import annotations

from resurs.casework.citizens.accesslog import log_access
from resurs.casework.citizens.consent import require_consent
from resurs.casework.citizens.models import AccessChannel, ConsentPurpose, Person
from resurs.kernel.documents import Document, Line
from resurs.kernel.writes import acting


def _value(value) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def person_export(*, by, person: Person, purpose: str = ConsentPurpose.EXCHANGE) -> Document:
    """The card's data for transfer, refused with `ConsentMissing` without a valid consent
    for ``purpose``; the transfer is written in the access log (channel «выгрузка»)."""
    acting(by)
    person = Person.objects.visible_to(by).get(pk=person.pk)
    consent = require_consent(person, purpose)
    log_access(by, person, channel=AccessChannel.EXPORT)
    fields = [
        ("Фамилия", person.last_name),
        ("Имя", person.first_name),
        ("Отчество", person.patronymic),
        ("Пол", person.get_sex_display()),
        ("Дата рождения", person.birth_date),
        ("СНИЛС", person.snils_display),
        ("Документ", person.document_kind),
        ("Серия, номер", f"{person.document_series} {person.document_number}".strip()),
        ("Кем выдан", person.document_issued_by),
        ("Дата выдачи", person.document_issued_on),
        ("Адрес регистрации", person.registration_address),
        ("Адрес проживания", person.actual_address),
        ("Телефоны", person.phones),
        ("Согласие на передачу", f"{consent.document}, от {consent.signed_on:%d.%m.%Y}"),
    ]
    lines = [Line([f"Сведения о гражданине (карточка № {person.pk})"], "title")]
    lines += [Line([label, _value(value)], "field") for label, value in fields]
    return Document(
        filename=f"grazhdanin-{person.pk}",
        title="Сведения о гражданине",
        columns=[("", 28), ("", 60)],
        lines=lines,
    )
