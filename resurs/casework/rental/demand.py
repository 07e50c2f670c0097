"""TSR-7: the annual demand request of the rental point (seed 002 app. 1 §5.1, app. 3).

«С целью планирования закупок ТСР … специалист, ответственный за организацию работы пункта
проката ежегодно до 01 мая представляет в Депсоцразвития Югры заявки о потребности в ТСР на
очередной год (приложение № 3)».

The need of a kind for the year ``Y`` is computed from the institution's own data, on the day
of the computation, as the sum of three parts:

* **waiting** — applications for the kind still in the waiting list: ``WAITING``, and
  ``OFFERED`` too (an offer is not a contract: it may be declined or its item go to repair,
  and the applicant then waits again);
* **refusals for lack of stock** — applications for the kind the citizen withdrew while
  waiting, no item having been offered to them (state ``WITHDRAWN`` with no
  ``offered_item``), accepted in the twelve months before the day of the computation. The
  model keeps an offer only while it stands, so «no item offered» is read at the moment of
  the withdrawal; an application refused on a ground of contract §2.2.3 (``REFUSED``) is a
  refusal for the applicant's own reasons, not for lack of stock, and is not counted. An
  application still waiting is counted once, among the waiting;
* **replacements** — items of the kind whose service life (``Item.service_life_ends_on``)
  ends on or before 31 December of ``Y`` and which are not written off: they are to be
  replaced during the requested year.

The specialist may ask for another quantity than the computed one, with a reason. The
request is sent once; a sent request is read-only. A request sent after 1 May of ``Y − 1``
is accepted and marked «направлено с опозданием».
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from resurs.casework.citizens.permissions import can_work_in
from resurs.casework.rental.models import (
    Application,
    ApplicationState,
    DemandLine,
    DemandRequest,
    DemandState,
    Item,
    ItemKind,
    ItemState,
    RentalPoint,
    Tariff,
)
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.documents import Document, Line
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.workcalendar.periods import add_months
from resurs.kernel.writes import DomainError, acting, audit, locked, require, save_with_version

REFUSALS_WINDOW_MONTHS = 12
NOT_PREPARER = (
    "Заявку о потребности в ТСР готовит специалист, ответственный за организацию работы "
    "пункта проката, или сотрудник отделения, при котором он организован (п. 5.1)."
)
NO_POINT = "В учреждении не заведён пункт проката ТСР: заявку о потребности готовит он (п. 5.1)."
READ_ONLY = "Заявка на {year} год уже направлена в Депсоцразвития Югры: изменить её нельзя."
EXPLANATION = {
    "waiting": "заявления в очереди на получение (в т. ч. с предложенным, но ещё не выданным ТСР)",
    "refusals": (
        "заявления, отозванные гражданами без предложения ТСР (отказ за отсутствием ТСР), "
        "принятые за 12 месяцев до дня расчёта"
    ),
    "replacements": (
        "несписанные предметы, срок службы которых истекает не позднее 31 декабря года потребности"
    ),
}


@dataclass(frozen=True)
class Need:
    kind: ItemKind
    waiting: int
    refusals: int
    replacements: int
    price: Decimal | None

    @property
    def total(self) -> int:
        return self.waiting + self.refusals + self.replacements


def compute(*, organisation_id: int, year: int, as_of: datetime.date) -> list[Need]:
    """TSR-7: every kind of the fund with the parts of its need for ``year`` (module docs),
    counted on ``as_of``. Counts only: nothing about a person leaves this function."""
    applications = Application.all_records.filter(organisation_id=organisation_id)
    waiting = Counter(
        dict(
            applications.filter(state__in=[ApplicationState.WAITING, ApplicationState.OFFERED])
            .values("requested_kind")
            .annotate(n=Count("pk"))
            .values_list("requested_kind", "n")
        )
    )
    since = add_months(as_of, -REFUSALS_WINDOW_MONTHS)
    refusals = Counter(
        dict(
            applications.filter(
                state=ApplicationState.WITHDRAWN,
                offered_item__isnull=True,
                applied_at__date__gt=since,
                applied_at__date__lte=as_of,
            )
            .values("requested_kind")
            .annotate(n=Count("pk"))
            .values_list("requested_kind", "n")
        )
    )
    year_end = datetime.date(year, 12, 31)
    replacements = Counter(
        item.kind_id
        for item in Item.objects.filter(organisation_id=organisation_id)
        .exclude(state=ItemState.WRITTEN_OFF)
        .select_related("kind")
        if item.service_life_ends_on <= year_end
    )
    prices: dict[int, Decimal] = {}
    for tariff in Tariff.objects.filter(valid_from__lte=as_of).order_by("kind", "-valid_from"):
        prices.setdefault(tariff.kind_id, tariff.price)
    return [
        Need(kind, waiting[kind.pk], refusals[kind.pk], replacements[kind.pk], prices.get(kind.pk))
        for kind in ItemKind.objects.all()
    ]


# --- reads -----------------------------------------------------------------------------------


def requests_visible_to(who, *, year: int | None = None, state: str = ""):
    """The requests the user sees: the institution's own; every one for the Department."""
    requests = DemandRequest.objects.visible_to(who).select_related("organisation", "sent_by")
    if year:
        requests = requests.filter(year=year)
    if state:
        requests = requests.filter(state=state)
    return requests.annotate(total=Sum("lines__quantity")).order_by(
        "-year", "organisation__name", "pk"
    )


def request_for(who, pk: int) -> DemandRequest:
    """One request the user may see; another institution's is «not found» (404)."""
    visible = DemandRequest.objects.visible_to(who).select_related("organisation", "sent_by")
    return get_object_or_404(visible, pk=pk)


def lines_of(request: DemandRequest) -> list[DemandLine]:
    return list(request.lines.select_related("kind"))


@dataclass(frozen=True)
class Total:
    kind: ItemKind
    quantity: int
    computed: int
    requests: int


def totals(who, *, year: int, state: str = "") -> list[Total]:
    """The total per kind over the requests of ``year`` the user sees: for the Department,
    the region's total (in the order of app. 3)."""
    lines = DemandLine.objects.visible_to(who).filter(request__year=year)
    if state:
        lines = lines.filter(request__state=state)
    rows = {
        row["kind"]: row
        for row in lines.order_by()
        .values("kind")
        .annotate(
            asked=Sum("quantity"),
            by_computation=Sum("computed"),
            asking=Count("request", filter=Q(quantity__gt=0), distinct=True),
        )
    }
    return [
        Total(
            kind, rows[kind.pk]["asked"], rows[kind.pk]["by_computation"], rows[kind.pk]["asking"]
        )
        for kind in ItemKind.objects.filter(pk__in=rows)
    ]


def can_prepare(who_membership, organisation_id: int) -> bool:
    """§5.1: the rental point's responsible, or staff of the unit it is organised at."""
    if who_membership is None:
        return False
    scope = who_membership.scope
    points = RentalPoint.objects.filter(organisation_id=organisation_id).select_related("unit")
    return any(
        point.responsible_id == who_membership.pk or can_work_in(scope, point.unit)
        for point in points
    )


# --- writes ----------------------------------------------------------------------------------


def _require_preparer(by, organisation_id: int) -> None:
    acting(by)
    if by is None:
        return
    if not RentalPoint.objects.filter(organisation_id=organisation_id).exists():
        raise DomainError(NO_POINT)
    require(can_prepare(by, organisation_id), NOT_PREPARER)


def _require_draft(request: DemandRequest) -> None:
    if request.state != DemandState.DRAFT:
        raise DomainError(READ_ONLY.format(year=request.year))


def _check_year(year: int, today: datetime.date) -> None:
    if not today.year <= year <= today.year + 1:
        raise DomainError(
            f"Заявка составляется на очередной год (п. 5.1): укажите {today.year + 1} год "
            f"или, если заявка текущего года не была направлена, {today.year}."
        )


@transaction.atomic
def demand_compute(
    *, by, organisation: Organisation, year: int, today: datetime.date | None = None
) -> DemandRequest:
    """TSR-7: the draft of the request for ``year`` computed from the data (module docs); a
    draft computed before is recomputed, keeping each quantity asked for with its reason."""
    today = today or timezone.localdate()
    _require_preparer(by, organisation.pk)
    _check_year(year, today)
    # The institution's row first: two people creating the same year's draft queue up.
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values("pk"))
    request = DemandRequest.objects.filter(organisation=organisation, year=year).first()
    if request is None:
        request = DemandRequest(organisation=organisation, year=year, computed_on=today)
        request.full_clean()
        request.save()
        audit(by, request, AuditAction.CREATE)
    else:
        request = locked(request)
        _require_draft(request)
        before = snapshot(request)
        request.computed_on = today
        request.version += 1
        request.save(update_fields=["computed_on", "version", "updated_at"])
        audit(by, request, AuditAction.UPDATE, before=before)
    existing = {line.kind_id: line for line in request.lines.all()}
    for need in compute(organisation_id=organisation.pk, year=year, as_of=today):
        line = existing.get(need.kind.pk) or DemandLine(request=request, kind=need.kind)
        line_before = snapshot(line) if line.pk else None
        line.waiting, line.refusals = need.waiting, need.refusals
        line.replacements, line.computed = need.replacements, need.total
        line.price = need.price
        if not line.adjustment_reason:
            line.quantity = need.total
        line.full_clean()
        line.save()
        audit(
            by, line, AuditAction.UPDATE if line_before else AuditAction.CREATE,
            before=line_before, parent=request,
        )  # fmt: skip
    return request


@transaction.atomic
def demand_adjust(
    *, by, line: DemandLine, quantity: int, reason: str, expected_version: int | None
) -> DemandLine:
    """TSR-7: the quantity asked for differs from the computed one only with a reason."""
    request = locked(line.request)
    _require_preparer(by, request.organisation_id)
    _require_draft(request)
    stored = locked(line)
    if quantity < 0:
        raise DomainError("Количество не может быть отрицательным.")
    before = snapshot(stored)
    stored.quantity = quantity
    stored.adjustment_reason = (reason or "").strip() if quantity != stored.computed else ""
    stored.full_clean()
    save_with_version(
        request, expected_version=expected_version, fields=["updated_at"], label="заявку"
    )
    stored.save(update_fields=["quantity", "adjustment_reason"])
    audit(by, stored, AuditAction.UPDATE, before=before, parent=request)
    return stored


@transaction.atomic
def demand_send(
    *,
    by,
    request: DemandRequest,
    expected_version: int | None,
    now: datetime.datetime | None = None,
) -> DemandRequest:
    """TSR-7: the request goes to the Department and becomes read-only; after 1 May of the
    year before the requested one it is still sent, and marked late (§5.1)."""
    stored = locked(request)
    _require_preparer(by, stored.organisation_id)
    _require_draft(stored)
    user, _scope, _role = acting(by)
    now = now or timezone.now()
    before = snapshot(stored)
    stored.state = DemandState.SENT
    stored.sent_at = now
    stored.sent_by = user
    stored.sent_late = timezone.localdate(now) > stored.due_on
    save_with_version(
        stored, expected_version=expected_version,
        fields=["state", "sent_at", "sent_by", "sent_late", "updated_at"], label="заявку",
    )  # fmt: skip
    audit(by, stored, AuditAction.UPDATE, before=before)
    return stored


# --- the document (app. 3) -------------------------------------------------------------------

COLUMNS = (
    ("№ п/п", 6),
    ("Наименование ТСР", 44),
    ("Цена (тариф) за 1 ед. изм., руб.", 14),
    ("Потребность, ед.", 12),
    ("в т. ч. очередь", 10),
    ("в т. ч. отказы за отсутствием ТСР", 14),
    ("в т. ч. замена по сроку службы", 14),
    ("Обоснование корректировки", 36),
)


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",")


def demand_document(request: DemandRequest, lines: list[DemandLine]) -> Document:
    """App. 3 as a document: the kinds in the order of the list, the price (tariff) and the
    quantity asked for, with the computed parts beside it."""
    state = request.get_state_display()
    if request.sent_at:
        state += f" {timezone.localtime(request.sent_at):%d.%m.%Y}"
    if request.sent_late:
        state += f", {request.late_note}"
    rows = [
        Line([
            number, line.kind.name, _money(line.price), line.quantity, line.waiting,
            line.refusals, line.replacements, line.adjustment_reason,
        ])
        for number, line in enumerate(lines, start=1)
    ]  # fmt: skip
    document_lines = [
        Line(["Приложение 3 к положению о пункте проката технических средств реабилитации"]),
        Line([f"Заявка о потребности в ТСР на {request.year} год"], "title"),
        Line(["Учреждение", request.organisation.name], "field"),
        Line(
            [
                "Основание",
                f"п. 5.1 положения о пункте проката ТСР (срок — до {request.due_on:%d.%m.%Y})",
            ],
            "field",
        ),  # fmt: skip
        Line(["Рассчитана на", f"{request.computed_on:%d.%m.%Y}"], "field"),
        Line(["Состояние", state], "field"),
        Line(),
        Line([title for title, _width in COLUMNS], "header"),
        *rows,
        Line(
            [
                "",
                "Итого",
                "",
                sum(line.quantity for line in lines),
                sum(line.waiting for line in lines),
                sum(line.refusals for line in lines),
                sum(line.replacements for line in lines),
                "",
            ]
        ),  # fmt: skip
    ]
    return Document(
        filename=f"zayavka-tsr-{request.year}-{request.organisation_id}",
        title=f"Заявка ТСР {request.year}",
        columns=COLUMNS,
        lines=document_lines,
        label_span=2,
        landscape=True,
    )
