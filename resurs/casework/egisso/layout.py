"""The ЕГИССО file of «факт назначения» records (issue 14 item 6): its layout and its writer.

Version targeted
----------------
The message «10.06.S — Реестр фактов назначений МСЗ(П)» of ЕГИССО in the namespace set

* ``urn://egisso-ru/msg/10.06.S/1.0.2`` — the message (root element ``data``);
* ``urn://egisso-ru/types/package-RAF/1.0.3`` — the package (``package``, ``packageID``,
  ``elements``, ``fact``, ``lastChanging``);
* ``urn://egisso-ru/types/assignment-fact/1.0.3`` — the assignment fact;
* ``urn://egisso-ru/types/prsn-info/1.0.3`` — a person's data (``SNILS``, ``Gender``,
  ``BirthDate``);
* ``urn://x-artefacts-smev-gov-ru/supplementary/commons/1.0.1`` — СМЭВ's common types
  (``FamilyName``, ``FirstName``, ``Patronymic``).

The XSD files themselves (``10.06.S-1.0.2.xsd`` and its imports) are published by ЕГИССО to
registered information providers and were not found in a public source. The layout below is
modelled from two public sources that follow that schema version: the JAXB bindings of an
УСЗН adapter (github.com/SSIvin/manager, ``smevAdapterUszn/.../Egisso/Elements/ElementsNazn``:
``Namespaces.java`` with exactly the namespace set above, ``PackageFACT.java``, ``Fact.java``,
``MSZ_receiver.java``, ``ServiceForm.java``) for the element names and order, and the element
table of ЕГИССО's format description («1.1 ID … 1.12.4 serviceForm») as quoted, with types,
lengths and multiplicities, in a public provider's exporter (the comments of a Yii ``Sout``
model). Where those sources are silent the choice is ours and marked «(наше)» below; the
project's validator (`schema`) checks exactly this table.

Layout (element — type — occurs)
--------------------------------
::

    data (msg)                                          1
      package (pac)                                     1
        packageID (pac)          uuid                   1
        elements (pac)                                  1
          fact (pac)                                    1..*
            ID (af)              uuid                   1   the record's id (ExportFact.record_id)
            OSZCode (af)         string(1..11)          1   code of the body (Participant.osz_code)
            MSZ_receiver (af)                           1
              SNILS (prsn)       11 digits              1
              FamilyName (smev)  string(1..100)         1
              FirstName (smev)   string(1..100)         1
              Patronymic (smev)  string(1..100)         0..1
              Gender (prsn)      Male | Female          1
              BirthDate (prsn)   date                   1
            LMSZID (af)          uuid                   1   Service.egisso_code (measure's code)
            categoryID (af)      uuid                   1   local category (Participant.category_id)
            decision_date (af)   date                   1   the ИППСУ's approval, else the day given
            dateStart (af)       date                   1   the day the service was given
            dateFinish (af)      date                   0..1  the same day (a service is one act)
            needsCriteria (af)                          1
              usingSign (af)     boolean                1   false: not means-tested (наше)
            assignment_info (af)                        1
              serviceForm (af)                          1   the form «услуга» (1.12.4)
                amount (af)      decimal, > 0           1   the quantity of the fact
                measuryCode (af) code list              1   ЕГИССО's units: 01 рубль, 02 тыс.
                                                             рублей, 03 штука, 04 упаковка, 05
                                                             процент, 06 …, 07 кг; a service: 03
                content (af)     string(1..200)         0..1  the service's name
                equivalentAmount (af) decimal(2)        0..1  its cost at the tariff, when priced
            lastChanging (pac)   dateTime               0..1  when the fact was last changed

The file is written as a stream (`package_chunks` is a generator over the facts read with
``.iterator(chunk_size=…)``), so its memory does not grow with the number of facts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

MSG = "urn://egisso-ru/msg/10.06.S/1.0.2"
PAC = "urn://egisso-ru/types/package-RAF/1.0.3"
AF = "urn://egisso-ru/types/assignment-fact/1.0.3"
PRSN = "urn://egisso-ru/types/prsn-info/1.0.3"
SMEV = "urn://x-artefacts-smev-gov-ru/supplementary/commons/1.0.1"
SCHEMA_VERSION = "10.06.S-1.0.2"

# ЕГИССО's units of measure (справочник единиц измерения, by its code).
MEASURE_UNITS = {
    "01": "рубль",
    "02": "тысяча рублей",
    "03": "штука",
    "04": "упаковка",
    "05": "процент",
    "06": "биологически активная единица",
    "07": "килограмм",
}
SERVICE_UNIT = "03"
GENDERS = {"male": "Male", "female": "Female"}
CONTENT_MAX = 200


@dataclass(frozen=True)
class FactRecord:
    """One «факт назначения», as the writer needs it (built from a service fact)."""

    record_id: str
    osz_code: str
    snils: str
    last_name: str
    first_name: str
    patronymic: str
    sex: str
    birth_date: datetime.date
    measure_id: str
    category_id: str
    decision_date: datetime.date
    provided_on: datetime.date
    quantity: int
    content: str
    cost: Decimal
    changed_at: datetime.datetime | None


def _el(prefix: str, name: str, value) -> str:
    return f"<{prefix}:{name}>{escape(str(value))}</{prefix}:{name}>"


def fact_xml(record: FactRecord) -> str:
    """The ``pac:fact`` element of one record, in the layout's order."""
    parts = [
        "<pac:fact>",
        _el("af", "ID", record.record_id),
        _el("af", "OSZCode", record.osz_code),
        "<af:MSZ_receiver>",
        _el("prsn", "SNILS", record.snils),
        _el("smev", "FamilyName", record.last_name),
        _el("smev", "FirstName", record.first_name),
    ]
    if record.patronymic:
        parts.append(_el("smev", "Patronymic", record.patronymic))
    parts += [
        _el("prsn", "Gender", GENDERS[record.sex]),
        _el("prsn", "BirthDate", record.birth_date.isoformat()),
        "</af:MSZ_receiver>",
        _el("af", "LMSZID", record.measure_id),
        _el("af", "categoryID", record.category_id),
        _el("af", "decision_date", record.decision_date.isoformat()),
        _el("af", "dateStart", record.provided_on.isoformat()),
        _el("af", "dateFinish", record.provided_on.isoformat()),
        "<af:needsCriteria>",
        _el("af", "usingSign", "false"),
        "</af:needsCriteria>",
        "<af:assignment_info><af:serviceForm>",
        _el("af", "amount", record.quantity),
        _el("af", "measuryCode", SERVICE_UNIT),
    ]
    if record.content:
        parts.append(_el("af", "content", record.content[:CONTENT_MAX]))
    if record.cost > 0:
        parts.append(_el("af", "equivalentAmount", f"{record.cost:.2f}"))
    parts.append("</af:serviceForm></af:assignment_info>")
    if record.changed_at is not None:
        parts.append(_el("pac", "lastChanging", record.changed_at.isoformat(timespec="seconds")))
    parts.append("</pac:fact>")
    return "".join(parts)


def package_chunks(package_id: str, records: Iterable[FactRecord]) -> Iterator[str]:
    """The whole file, a fact at a time."""
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<data xmlns="{MSG}" xmlns:pac="{PAC}" xmlns:af="{AF}" '
        f'xmlns:prsn="{PRSN}" xmlns:smev="{SMEV}">'
        f"<pac:package>{_el('pac', 'packageID', package_id)}<pac:elements>"
    )
    for record in records:
        yield fact_xml(record)
    yield "</pac:elements></pac:package></data>\n"
