"""The specialist's day (SOC-10): the services of one day recorded at once in a grid of
recipients × services. The unit, the day and the columns (services) are chosen first (they
go into the URL: no personal data); recipients are the ones the user served in the last
month, and more are added by a search that is POSTed. Saving records every filled cell
through `services.facts_record_day` — all of them or, on an error, none, with the grid
shown again as it was typed."""

from __future__ import annotations

import datetime

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from resurs.casework.socialservices import permissions, selectors, services
from resurs.casework.socialservices.forms import DATE, ServicesField, set_choices
from resurs.casework.socialservices.models import Service
from resurs.casework.units.models import Unit
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.ui.forms import StyledFormMixin
from resurs.kernel.writes.errors import DomainError

MAX_COLUMNS = 12
RECENT_DAYS = 31
MAX_ROWS = 60


class DaySetupForm(StyledFormMixin, django_forms.Form):
    unit = django_forms.ModelChoiceField(label="Отделение", queryset=Unit.objects.none())
    day = django_forms.DateField(label="День", widget=DATE)
    services = ServicesField(
        label="Услуги (столбцы таблицы)",
        queryset=Service.objects.none(),
        widget=django_forms.SelectMultiple(attrs={"size": 10}),
        help_text=f"Не больше {MAX_COLUMNS}; несколько — щелчками с нажатой клавишей управления.",
    )

    def __init__(self, *args, who=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = selectors.work_units(who)
        set_choices(self, "unit", units)
        set_choices(self, "services", selectors.service_choices())
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        self.fields["day"].initial = timezone.localdate()

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise django_forms.ValidationError("День не может быть позже сегодняшнего.")
        return day

    def clean_services(self):
        chosen = self.cleaned_data["services"]
        if len(chosen) > MAX_COLUMNS:
            raise django_forms.ValidationError(f"Выберите не больше {MAX_COLUMNS} услуг.")
        return chosen


def _cells(post, person_ids, service_ids) -> dict[tuple[int, int], str]:
    return {(p, s): (post.get(f"q-{p}-{s}") or "").strip() for p in person_ids for s in service_ids}


@login_required
@require_http_methods(["GET", "POST"])
def day(request):
    if not permissions.can_record(scope_of(request)):
        raise PermissionDenied
    if not selectors.work_units(request).exists():
        return render(
            request,
            "socialservices/day.html",
            {"title": "Услуги за день", "breadcrumbs": _crumbs(), "no_units": True},
        )
    setup = DaySetupForm(request.GET if request.GET.get("unit") else None, who=request)
    if not setup.is_bound or not setup.is_valid():
        return render(
            request,
            "socialservices/day.html",
            {"title": "Услуги за день", "setup": setup, "breadcrumbs": _crumbs()},
            status=400 if setup.is_bound else 200,
        )
    unit: Unit = setup.cleaned_data["unit"]
    the_day: datetime.date = setup.cleaned_data["day"]
    columns = list(setup.cleaned_data["services"])
    column_ids = [s.pk for s in columns]
    visible = selectors.persons_visible(request).filter(organisation_id=unit.organisation_id)
    error = ""
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("row") if v.isdigit()][:MAX_ROWS]
        rows = list(visible.filter(pk__in=ids))
        rows.sort(key=lambda p: ids.index(p.pk))
        cells = _cells(request.POST, [p.pk for p in rows], column_ids)
        try:
            lines = _lines(rows, columns, cells)
            if not lines:
                raise DomainError("Не заполнено ни одной клетки: укажите количество услуг.")
            facts = services.facts_record_day(
                by=request.membership, unit=unit, provided_on=the_day, lines=lines
            )
        except (DomainError, PermissionDenied) as exc:
            error = str(exc)
        else:
            messages.success(request, f"Внесено услуг: {len(facts)} за {the_day:%d.%m.%Y}.")
            return redirect(request.get_full_path())
    else:
        rows = list(selectors.recent_recipients(request, unit, the_day, RECENT_DAYS, MAX_ROWS))
        cells = {}
    done = selectors.day_counts(request, unit, the_day, [p.pk for p in rows], column_ids)
    return render(
        request,
        "socialservices/day.html",
        {
            "title": f"Услуги за {the_day:%d.%m.%Y}",
            "breadcrumbs": _crumbs(),
            "setup": setup,
            "unit": unit,
            "columns": columns,
            "rows": [
                {
                    "person": person,
                    "cells": [
                        {
                            "name": f"q-{person.pk}-{s.pk}",
                            "value": cells.get((person.pk, s.pk), ""),
                            "done": done.get((person.pk, s.pk), 0),
                        }
                        for s in columns
                    ],
                }
                for person in rows
            ],
            "error": error,
        },
        status=400 if error else 200,
    )


def _lines(rows, columns, cells) -> list[services.FactLine]:
    lines = []
    for person in rows:
        for service in columns:
            raw = cells.get((person.pk, service.pk), "")
            if not raw:
                continue
            if not raw.isdigit() or int(raw) < 1:
                raise DomainError(
                    f"«{raw}» — не число услуг ({person.short_name}, {service.code})."
                )
            lines.append(services.FactLine(person=person, service=service, quantity=int(raw)))
    return lines


@login_required
@require_POST
def day_row(request):
    """A recipient added to the grid (POST: the person's number, the columns' numbers)."""
    number = request.POST.get("person") or ""
    if not number.isdigit():
        raise PermissionDenied
    person = selectors.persons_visible(request).filter(pk=int(number)).first()
    column_ids = [int(v) for v in request.POST.getlist("services") if v.isdigit()]
    columns = list(Service.objects.filter(pk__in=column_ids).order_by("code"))
    if person is None:
        return render(request, "socialservices/_day_missing.html", {})
    return render(
        request,
        "socialservices/_day_row.html",
        {
            "row": {
                "person": person,
                "cells": [
                    {"name": f"q-{person.pk}-{s.pk}", "value": "", "done": 0} for s in columns
                ],
            }
        },
    )


def _crumbs():
    return [("Оказанные услуги", "/services/facts/"), ("Услуги за день", None)]
