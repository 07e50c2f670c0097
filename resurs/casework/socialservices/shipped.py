"""The demo catalogue of social services for Yugra (SOC-11), shipped as data.

The names are the services of the seed's department (seed 002 §IV: social support under the
ИППСУ; §III 3.3–3.4: the psychologist's and the legal adviser's services; §3.2.11:
prevention), the urgent services the mobile service gives (seed 002 app. 3 §3.6), the rental
point's technical means of rehabilitation with their tariffs (seed 002 app. 1, its app. 3)
and the consultations of the helpline «Помощь» (seed 002 app. 4; the «код услуги» of its
call journal), which may be anonymous.

The codes follow one scheme, a prefix by kind and a number: СБ- social-household, СМ-
social-medical, СП- social-psychological, СПД- social-pedagogical, СТ- social-labour, СПР-
social-legal, КП- communication skills, СР- urgent, МСС- the mobile service, ПР- the rental
point, ТЛ- the helpline. A region replaces this list with its own by the import from Excel.

``load_catalogue()`` creates or updates the list idempotently through the services: a second
call changes nothing; a tariff already set on a date is never rewritten.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from resurs.casework.socialservices.models import (
    Service,
    ServiceForm,
    ServiceKind,
    Tariff,
)
from resurs.casework.socialservices.services_catalogue import (
    service_create,
    service_update,
    tariff_set,
)

K = ServiceKind
F = ServiceForm
# The rental point's tariffs are set by the director's order (seed 002 app. 1 §4.4); the
# demo has them in force from the start of its data.
RENTAL_SINCE = datetime.date(2024, 1, 1)
RENTAL_ORDER = "Приказ директора учреждения (положение о пункте проката, п. 4.4)"
# The seed gives the price «за 1 ед. изм.» without naming the unit; a day of rental is
# the usual unit of the region's rental points.
RENTAL_UNIT = "сутки проката"


@dataclass(frozen=True)
class ShippedService:
    code: str
    name: str
    kind: str
    form: str
    measure_unit: str = "услуга"
    is_paid: bool = False
    allows_anonymous: bool = False
    tariffs: tuple[tuple[datetime.date, Decimal], ...] = ()
    order_ref: str = ""


def _rental(number: int, name: str, price: str) -> ShippedService:
    return ShippedService(
        f"ПР-{number:02d}",
        f"Предоставление во временное пользование (прокат): {name}",
        K.ADDITIONAL,
        F.ADDITIONAL,
        RENTAL_UNIT,
        is_paid=True,
        tariffs=((RENTAL_SINCE, Decimal(price)),),
        order_ref=RENTAL_ORDER,
    )


SEMI = F.SEMI_STATIONARY
SERVICES: tuple[ShippedService, ...] = (
    # seed 002 §IV: social support under the ИППСУ recommendations
    ShippedService(
        "СБ-01",
        "Содействие в обеспечении техническими средствами реабилитации и средствами ухода",
        K.HOUSEHOLD,
        SEMI,
    ),
    ShippedService(
        "СМ-01",
        "Содействие в прохождении медико-социальной экспертизы (сопровождение в медицинские "
        "организации и бюро медико-социальной экспертизы в пределах населённого пункта, "
        "помощь в оформлении документов для установления инвалидности)",
        K.MEDICAL,
        SEMI,
    ),
    ShippedService(
        "СМ-02",
        "Обучение родственников практическим навыкам общего ухода за тяжелобольными "
        "получателями социальных услуг, получателями социальных услуг, имеющими ограничения "
        "жизнедеятельности, в том числе детьми-инвалидами",
        K.MEDICAL,
        SEMI,
    ),
    # seed 002 §3.3: the psychologist
    ShippedService(
        "СП-01",
        "Предоставление психологических услуг и помощи гражданам, семьям, в том числе при "
        "проведении подомового обхода",
        K.PSYCHOLOGICAL,
        SEMI,
    ),
    ShippedService(
        "СП-02",
        "Профилактика и психологическая коррекция негативных социальных проявлений в "
        "поведении (асоциальное и конфликтное поведение, социальное сиротство)",
        K.PSYCHOLOGICAL,
        SEMI,
    ),
    # seed 002 §3.2.11 and §IV
    ShippedService(
        "СПД-01",
        "Индивидуальная профилактическая работа по предупреждению семейного неблагополучия, "
        "социального сиротства, безнадзорности и правонарушений несовершеннолетних",
        K.PEDAGOGICAL,
        SEMI,
    ),
    ShippedService(
        "СПД-02",
        "Оказание помощи в получении образования и (или) квалификации инвалидами "
        "(детьми-инвалидами) в соответствии с их способностями",
        K.PEDAGOGICAL,
        SEMI,
    ),
    ShippedService(
        "СТ-01",
        "Содействие в трудоустройстве (помощь в оформлении документов)",
        K.LABOUR,
        SEMI,
    ),
    # seed 002 §IV and §3.4: the legal adviser
    ShippedService(
        "СПР-01",
        "Оказание помощи в защите прав и законных интересов получателей социальных услуг",
        K.LEGAL,
        SEMI,
    ),
    ShippedService(
        "СПР-02",
        "Содействие в получении юридических услуг, в том числе бесплатно",
        K.LEGAL,
        SEMI,
    ),
    ShippedService(
        "СПР-03",
        "Оказание помощи в подготовке необходимых запросов, оформлении и восстановлении "
        "документов получателя социальных услуг",
        K.LEGAL,
        SEMI,
    ),
    ShippedService("СПР-04", "Консультирование граждан по правовым вопросам", K.LEGAL, SEMI),
    ShippedService(
        "КП-01",
        "Оказание помощи родителям или законным представителям детей-инвалидов, "
        "воспитываемых дома, в обучении таких детей навыкам самообслуживания, общения и "
        "контроля, направленным на развитие личности",
        K.COMMUNICATION,
        SEMI,
    ),
    # Urgent services of the department (442-FZ art. 21; seed 002 §3.2.4)
    ShippedService(
        "СР-01",
        "Обеспечение бесплатным горячим питанием или наборами продуктов",
        K.URGENT,
        F.URGENT,
    ),
    ShippedService(
        "СР-02",
        "Обеспечение одеждой, обувью и другими предметами первой необходимости",
        K.URGENT,
        F.URGENT,
    ),
    ShippedService(
        "СР-03", "Содействие в получении временного жилого помещения", K.URGENT, F.URGENT
    ),
    ShippedService(
        "СР-04",
        "Содействие в получении юридической помощи в целях защиты прав и законных интересов "
        "получателей социальных услуг",
        K.URGENT,
        F.URGENT,
    ),
    ShippedService(
        "СР-05",
        "Содействие в получении экстренной психологической помощи с привлечением к этой "
        "работе психологов и священнослужителей",
        K.URGENT,
        F.URGENT,
    ),
    # seed 002 app. 3 §3.6: the mobile social service, on trips to remote districts
    ShippedService(
        "МСС-01",
        "Мобильная служба: обеспечение бесплатным горячим питанием или наборами продуктов",
        K.URGENT,
        F.URGENT,
    ),
    ShippedService(
        "МСС-02",
        "Мобильная служба: обеспечение одеждой, обувью и другими предметами первой необходимости",
        K.URGENT,
        F.URGENT,
    ),
    ShippedService(
        "МСС-03",
        "Мобильная служба: содействие в получении временного жилого помещения",
        K.URGENT,
        F.URGENT,
    ),
    ShippedService(
        "МСС-04",
        "Мобильная служба: содействие в получении экстренной психологической помощи с "
        "привлечением к этой работе психологов и священнослужителей",
        K.URGENT,
        F.URGENT,
    ),
    ShippedService(
        "МСС-05",
        "Мобильная служба: содействие в получении юридической помощи в целях защиты прав и "
        "законных интересов получателей социальных услуг",
        K.URGENT,
        F.URGENT,
    ),
    ShippedService(
        "МСС-06",
        "Мобильная служба: прокат технических средств реабилитации (доставка на дом)",
        K.ADDITIONAL,
        F.ADDITIONAL,
    ),
    # seed 002 app. 1, its app. 3: the rental point's list with the tariffs, руб. per unit
    _rental(1, "пандус телескопический 3-х секционный", "35.55"),
    _rental(2, "пандус телескопический 2-х секционный", "43.37"),
    _rental(3, "многофункциональная кровать 4-х секционная с электроприводом", "43.24"),
    _rental(4, "кресло-коляска прогулочная с ручным приводом", "32.41"),
    _rental(5, "столик прикроватный", "30.88"),
    _rental(6, "ходунки складные", "30.95"),
    _rental(7, "кровать многофункциональная с электроприводом", "44.89"),
    _rental(8, "костыли", "30.91"),
    # seed 002 app. 4: the helpline «Помощь» (§3.2, §3.4); a call may be anonymous (§1.3)
    ShippedService(
        "ТЛ-01",
        "Информирование по телефону службы «Помощь» о правах на социальное обслуживание, "
        "учреждениях, перечне социальных услуг, телефонах доверия и органах социальной защиты",
        K.URGENT,
        F.URGENT,
        "консультация",
        allows_anonymous=True,
    ),
    ShippedService(
        "ТЛ-02",
        "Консультирование по правовым вопросам по телефону службы «Помощь»",
        K.LEGAL,
        F.URGENT,
        "консультация",
        allows_anonymous=True,
    ),
    ShippedService(
        "ТЛ-03",
        "Социально-психологическое консультирование по телефону службы «Помощь»",
        K.PSYCHOLOGICAL,
        F.URGENT,
        "консультация",
        allows_anonymous=True,
    ),
)

FIELDS = ("name", "kind", "form", "measure_unit", "is_paid", "allows_anonymous", "order_ref")


@transaction.atomic
def load_catalogue(by=None) -> dict[str, int]:
    """The shipped list created or brought up to date (idempotent): returns how many
    services were added and updated and how many tariffs were set. ``by`` None is the
    system (the demo); a membership must be one that keeps the catalogue."""
    counts = {"added": 0, "updated": 0, "tariffs": 0}
    stored = {s.code: s for s in Service.objects.filter(code__in=[x.code for x in SERVICES])}
    dates = set(
        Tariff.objects.filter(service__in=stored.values()).values_list("service_id", "valid_from")
    )
    for item in SERVICES:
        service = stored.get(item.code)
        values = {name: getattr(item, name) for name in FIELDS}
        if service is None:
            service = service_create(by=by, code=item.code, **values)
            counts["added"] += 1
        else:
            changed = {k: v for k, v in values.items() if getattr(service, k) != v}
            if changed:
                service_update(by=by, service=service, expected_version=None, **changed)
                counts["updated"] += 1
        for valid_from, price in item.tariffs:
            if (service.pk, valid_from) in dates:
                continue  # set already: a tariff is never rewritten
            tariff_set(
                by=by, service=service, valid_from=valid_from, price=price, order_ref=item.order_ref
            )
            counts["tariffs"] += 1
    return counts
