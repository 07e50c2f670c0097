"""Pages of the service facts (SOC-10): the list with filters (the statistics drill down to
it), the card with its reversal, recording a fact (from the case, from a plan line, or on
its own), correcting it while its month is open, the reversal after, and the months a head
closes. Reads from `selectors`, writes from `services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from resurs.casework.cases.models import Case
from resurs.casework.cases.selectors import case_for
from resurs.casework.citizens.accesslog import log_access
from resurs.casework.plans.selectors import line_for
from resurs.casework.socialservices import forms, permissions, selectors, services
from resurs.casework.socialservices.models import Basis, month_start
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.ui.pages import apply_domain_error, submit
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
LIST_CRUMB = ("Оказанные услуги", "/services/facts/")


@login_required
def fact_list(request):
    """SOC-10: the facts the user sees, by month, unit, district, kind, form, payment."""
    form = forms.FactFilterForm(request.GET or None, who=request)
    facts = selectors.facts_visible_to(request, form.filters())
    page = Paginator(facts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": LIST_CRUMB[0],
        "breadcrumbs": [(LIST_CRUMB[0], None)],
        "filter_form": form,
        "page_obj": page,
        "can_record": selectors.work_units(request).exists(),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "socialservices/fact_list.html#results", context)
    return render(request, "socialservices/fact_list.html", context)


@login_required
def fact_detail(request, pk):
    fact = selectors.fact_for(request, pk)
    if fact.person_id:
        log_access(request, fact)
    scope = scope_of(request)
    can_work = permissions.can_work_in(scope, fact.unit)
    reversal = selectors.reversal_of(fact)
    closed = services.is_closed(fact.unit_id, fact.period)
    return render(
        request,
        "socialservices/fact_detail.html",
        {
            "fact": fact,
            "title": f"Факт оказания услуги № {fact.pk}",
            "breadcrumbs": [LIST_CRUMB, (f"№ {fact.pk}", None)],
            "reversal": reversal,
            "closed": closed,
            "can_edit": can_work and not closed and not fact.is_reversal and reversal is None,
            "can_reverse": can_work and not fact.is_reversal and reversal is None,
            "reversal_form": forms.ReversalForm(),
        },
    )


def _context_of(request):
    """The case or plan line a fact is recorded from (``?case=`` / ``?line=``): its
    person and basis are fixed; an unknown or unseen one is a 404."""
    case = line = None
    number = request.GET.get("case") or request.POST.get("case")
    if number and number.isdigit():
        case = case_for(request, int(number))
    number = request.GET.get("line") or request.POST.get("line")
    if number and number.isdigit():
        line = line_for(request, int(number))
        if case is None:
            case = Case.objects.visible_to(request).filter(plan_id=line.plan_id).first()
    return case, line


@login_required
@require_http_methods(["GET", "POST"])
def fact_create(request):
    if not selectors.work_units(request).exists():
        raise PermissionDenied
    case, line = _context_of(request)
    fixed_person = None
    if line is not None and line.plan.person_id:
        fixed_person = line.plan.person
    elif case is not None and case.person_id:
        fixed_person = case.person
    initial = {}
    if case is not None and case.unit_id:
        initial["unit"] = case.unit_id
    form = forms.FactForm(
        request.POST or None,
        who=request,
        fixed_person=fixed_person,
        fixed_basis=line is not None,
        initial=initial,
    )

    def write(data):
        person = fixed_person if fixed_person is not None else data.get("person")
        basis = data.pop("basis", None) or (Basis.PLAN_LINE if line else Basis.URGENT)
        return services.fact_record(
            by=request.membership,
            person=person,
            basis=basis,
            plan_line=line,
            case=case,
            **{k: v for k, v in data.items() if k != "person"},
        )

    def target(fact):
        if case is not None:
            return reverse("cases:case", args=[case.pk])
        return reverse("socialservices:fact_detail", args=[fact.pk])

    done = submit(request, form, write, success="Услуга внесена.", target=target)
    if done:
        return done
    cancel = reverse("cases:case", args=[case.pk]) if case else LIST_CRUMB[1]
    return render(
        request,
        "socialservices/fact_form.html",
        {
            "form": form,
            "title": "Внести оказанную услугу",
            "breadcrumbs": [LIST_CRUMB, ("Новая услуга", None)],
            "cancel_url": cancel,
            "case": case,
            "line": line,
            "fixed_person": fixed_person,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def person_search(request):
    """The recipient picker: persons the user sees whose surname starts with what was typed
    (POST: a name never goes into a URL or a log line)."""
    text = request.POST.get("person_q", "")
    return render(
        request,
        "socialservices/_person_results.html",
        {
            "found": selectors.person_search(request, text),
            "searched": len(text.strip()) >= 2,
            "field": request.POST.get("field") or "person",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def fact_edit(request, pk):
    fact = selectors.fact_for(request, pk)
    if not permissions.can_work_in(scope_of(request), fact.unit):
        raise PermissionDenied
    form = forms.FactForm(
        request.POST or None,
        who=request,
        fixed_person=fact.person,
        initial={
            "unit": fact.unit_id,
            "service": fact.service_id,
            "provided_on": fact.provided_on,
            "quantity": fact.quantity,
            "payment": fact.payment,
            "amount": fact.amount,
            "note": fact.note,
        },
    )
    form.fields["unit"].disabled = True
    form.fields["service"].disabled = True
    version = request.POST.get("version") if request.method == "POST" else None

    def write(data):
        return services.fact_update(
            by=request.membership,
            fact=fact,
            expected_version=int(version) if version and version.isdigit() else fact.version,
            provided_on=data["provided_on"],
            quantity=data["quantity"],
            payment=data.get("payment") or fact.payment,
            amount=data.get("amount"),
            note=data.get("note") or "",
        )

    done = submit(
        request,
        form,
        write,
        success="Факт исправлен.",
        target=lambda saved: reverse("socialservices:fact_detail", args=[saved.pk]),
    )
    return done or render(
        request,
        "socialservices/fact_form.html",
        {
            "form": form,
            "title": f"Исправить факт № {fact.pk}",
            "breadcrumbs": [LIST_CRUMB, (f"№ {fact.pk}", None)],
            "cancel_url": reverse("socialservices:fact_detail", args=[fact.pk]),
            "fixed_person": fact.person,
            "version": fact.version,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def fact_delete(request, pk):
    fact = selectors.fact_for(request, pk)
    try:
        services.fact_delete(by=request.membership, fact=fact)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("socialservices:fact_detail", pk=fact.pk)
    messages.success(request, "Факт удалён.")
    return redirect("socialservices:fact_list")


@login_required
@require_POST
def fact_reverse(request, pk):
    """«Сторно», and with it the right fact when the correct quantity is given."""
    fact = selectors.fact_for(request, pk)
    form = forms.ReversalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("corrected_quantity"):
                _reversal, corrected = services.fact_correct(
                    by=request.membership,
                    fact=fact,
                    reason=data["reason"],
                    quantity=data["corrected_quantity"],
                    provided_on=data.get("corrected_on") or fact.provided_on,
                )
                messages.success(request, "Факт сторнирован, верный факт внесён.")
                return redirect("socialservices:fact_detail", pk=corrected.pk)
            services.fact_reverse(by=request.membership, fact=fact, reason=data["reason"])
        except (DomainError, PermissionDenied) as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Факт сторнирован.")
            return redirect("socialservices:fact_detail", pk=fact.pk)
    return render(
        request,
        "socialservices/fact_detail.html",
        {
            "fact": fact,
            "title": f"Факт оказания услуги № {fact.pk}",
            "breadcrumbs": [LIST_CRUMB, (f"№ {fact.pk}", None)],
            "reversal": None,
            "closed": services.is_closed(fact.unit_id, fact.period),
            "can_reverse": True,
            "reversal_form": form,
        },
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def months(request):
    """The months of the units: which are closed, by whom; a head closes a past month."""
    units = selectors.closing_units(request)
    if not units.exists() and not selectors.filter_units(request).exists():
        raise PermissionDenied
    form = forms.MonthCloseForm(request.POST or None, who=request, units=units)
    if request.method == "POST":
        if not units.exists():
            raise PermissionDenied
        if form.is_valid():
            try:
                closure = services.month_close(
                    by=request.membership,
                    unit=form.cleaned_data["unit"],
                    month=form.cleaned_data["month"],
                )
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(
                    request,
                    f"Месяц {closure.month:%m.%Y} отделения «{closure.unit}» закрыт: его факты "
                    "исправляются только сторно.",
                )
                return redirect("socialservices:months")
    closed = selectors.closures(selectors.filter_units(request))
    page = Paginator(closed, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "socialservices/months.html",
        {
            "title": "Закрытие месяцев",
            "breadcrumbs": [LIST_CRUMB, ("Закрытие месяцев", None)],
            "form": form if units.exists() else None,
            "page_obj": page,
            "current_month": month_start(timezone.localdate()),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
