"""Pages of the data bank (SOC-3, SOC-4): the persons and families lists, the cards with
their records, the forms. Every card opening is written in the access log
(`accesslog.log_access`); a search for a name or a СНИЛС is POSTed, never put in the URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.casework.citizens import (
    duplicates,
    exports,
    forms,
    permissions,
    record_services,
    selectors,
    services,
)
from resurs.casework.citizens.accesslog import log_access
from resurs.casework.citizens.models import (
    Consent,
    FamilyMember,
    PersonalFile,
    PreventiveRegistration,
    TargetGroupApplies,
    TargetGroupMembership,
)
from resurs.kernel import documents
from resurs.kernel.ui.pages import apply_domain_error, form_page, submit
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
PERSONS_CRUMB = ("Граждане", "/citizens/")
FAMILIES_CRUMB = ("Семьи", "/citizens/families/")


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _may_write(request) -> None:
    if not permissions.can_write(request.scope):
        raise PermissionDenied


def _lists_allowed(request) -> None:
    if not permissions.can_read_lists(request.scope):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def persons(request):
    """SOC-4: the persons the user sees, with filters; the search by a whole СНИЛС or the
    start of a surname is POSTed (personal data never goes into the URL)."""
    _lists_allowed(request)
    filter_form = forms.PersonFilterForm(request.GET or None, who=request)
    search_form = forms.SearchForm(request.POST or None)
    searched = request.method == "POST" and search_form.is_valid()
    context = {
        "title": "Граждане",
        "breadcrumbs": [(PERSONS_CRUMB[0], None)],
        "filter_form": filter_form,
        "search_form": search_form,
        "searched": searched,
        "can_write": permissions.can_write(request.scope),
        "today": selectors._today(),
    }
    if searched:
        context["results"] = list(selectors.search(request, search_form.cleaned_data["q"]))
    else:
        context["page_obj"] = _page(request, selectors.persons(request, filter_form.filters()))
    return render(request, "citizens/persons.html", context)


@login_required
def person_detail(request, pk):
    """SOC-4: the card — data, families, target groups (older citizens derived), passports,
    preventive registration, personal files, consents, cases. The opening is logged."""
    person = selectors.person_for(request, pk)
    log_access(request, person)
    context = {
        "person": person,
        "title": person.full_name,
        "breadcrumbs": [PERSONS_CRUMB, (f"Карточка № {person.pk}", None)],
        "can_write": permissions.can_write(request.scope),
        "links": list(duplicates.links_of(request, person)),
        **selectors.card(request, person=person),
    }
    return render(request, "citizens/person.html", context)


def _person_write(request, form, data, *, instance=None):
    if instance is None:
        return services.person_create(by=request.membership, **data)
    version = data.pop("version")
    return services.person_update(
        by=request.membership, person=instance, expected_version=version, **data
    )


def _person_form(request, *, instance=None):
    _may_write(request)
    form = forms.PersonForm(request.POST or None, who=request, instance=instance)
    candidates: list = []
    existing = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = _person_write(request, form, data, instance=instance)
        except services.LikelyDuplicates as exc:
            candidates = exc.candidates
            form.add_error(None, str(exc))
        except services.SnilsAlreadyRegistered as exc:
            existing = exc.person
            form.add_error("snils", str(exc))
        except (DomainError, ValidationError) as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, "Сохранено.")
            return redirect(person.get_absolute_url())
    title = "Новый гражданин" if instance is None else f"Изменение карточки № {instance.pk}"
    crumbs = [PERSONS_CRUMB, (title, None)]
    return render(
        request,
        "citizens/person_form.html",
        {
            "form": form,
            "title": title,
            "breadcrumbs": crumbs,
            "candidates": candidates,
            "existing": existing,
            "cancel_url": instance.get_absolute_url() if instance else reverse("citizens:persons"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    return _person_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = selectors.person_for(request, pk)
    if request.method == "GET" and permissions.can_write(request.scope):
        log_access(request, person)  # the form shows the card's data
    return _person_form(request, instance=person)


@login_required
@require_POST
def person_export(request, pk):
    """«Выгрузить данные для передачи»: refused without a valid consent for the exchange."""
    person = selectors.person_for(request, pk)
    try:
        document = exports.person_export(by=request.membership, person=person)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(person.get_absolute_url())
    return documents.render(document, "xlsx")


# --- families --------------------------------------------------------------------------------


@login_required
def families(request):
    _lists_allowed(request)
    return render(
        request,
        "citizens/families.html",
        {
            "title": "Семьи",
            "breadcrumbs": [(FAMILIES_CRUMB[0], None)],
            "page_obj": _page(request, selectors.families(request)),
            "can_write": permissions.can_write(request.scope),
        },
    )


@login_required
def family_detail(request, pk):
    family = selectors.family_for(request, pk)
    log_access(request, family)
    return render(
        request,
        "citizens/family.html",
        {
            "family": family,
            "title": family.name,
            "breadcrumbs": [FAMILIES_CRUMB, (f"Семья № {family.pk}", None)],
            "members": list(selectors.members_of(request, family)),
            "can_write": permissions.can_write(request.scope),
            **selectors.card(request, family=family),
        },
    )


def _family_form(request, *, instance=None):
    _may_write(request)
    form = forms.FamilyForm(request.POST or None, who=request, instance=instance)

    def write(data):
        data = dict(data)
        if instance is None:
            return services.family_create(by=request.membership, **data)
        version = data.pop("version")
        return services.family_update(
            by=request.membership, family=instance, expected_version=version, **data
        )

    done = submit(request, form, write, success="Сохранено.", target=lambda f: f.get_absolute_url())
    title = "Новая семья" if instance is None else f"Изменение семьи № {instance.pk}"
    return done or form_page(
        request,
        form=form,
        title=title,
        breadcrumbs=[FAMILIES_CRUMB, (title, None)],
        cancel_url=instance.get_absolute_url() if instance else reverse("citizens:families"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def family_create(request):
    return _family_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def family_edit(request, pk):
    return _family_form(request, instance=selectors.family_for(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    family = selectors.family_for(request, pk)
    _may_write(request)
    form = forms.MemberForm(request.POST or None, who=request)
    done = submit(
        request,
        form,
        lambda data: services.member_add(by=request.membership, family=family, **data),
        success="Член семьи добавлен.",
        target=family.get_absolute_url(),
    )
    return done or form_page(
        request,
        form=form,
        title="Добавить члена семьи",
        breadcrumbs=[FAMILIES_CRUMB, (f"Семья № {family.pk}", family.get_absolute_url())],
        cancel_url=family.get_absolute_url(),
    )


def _post_action(request, write, success, target):
    _may_write(request)
    try:
        write()
    except (DomainError, ValidationError) as exc:
        text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
    else:
        messages.success(request, success)
    return redirect(target)


@login_required
@require_POST
def member_remove(request, pk):
    member = get_object_or_404(FamilyMember.objects.visible_to(request), pk=pk)
    return _post_action(
        request,
        lambda: services.member_remove(by=request.membership, member=member),
        "Член семьи отмечен выбывшим.",
        member.family.get_absolute_url(),
    )


# --- records about a person or a family -------------------------------------------------------


def _subject(request, kind: str, pk: int):
    if kind == "person":
        person = selectors.person_for(request, pk)
        return person, {"person": person}
    family = selectors.family_for(request, pk)
    return family, {"family": family}


def _record_form(request, kind, pk, form, write, *, title, success):
    subject, who = _subject(request, kind, pk)
    _may_write(request)
    form = form(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: write(by=request.membership, **who, **data),
        success=success,
        target=subject.get_absolute_url(),
    )
    return done or form_page(
        request,
        form=form,
        title=title,
        breadcrumbs=[
            PERSONS_CRUMB if kind == "person" else FAMILIES_CRUMB,
            (subject.audit_label(), subject.get_absolute_url()),
            (title, None),
        ],
        cancel_url=subject.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_add(request, pk, kind):
    applies = TargetGroupApplies.PERSON if kind == "person" else TargetGroupApplies.FAMILY
    return _record_form(
        request,
        kind,
        pk,
        lambda data: forms.GroupForm(data, applies_to=applies),
        record_services.group_add,
        title="Отнести к целевой группе",
        success="Отнесено к целевой группе.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def passport_new(request, pk, kind):
    return _record_form(
        request,
        kind,
        pk,
        forms.PassportForm,
        record_services.passport_new_edition,
        title="Новая редакция социального паспорта",
        success="Социальный паспорт: внесена новая редакция.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_add(request, pk, kind):
    return _record_form(
        request,
        kind,
        pk,
        forms.RegistrationForm,
        record_services.registration_register,
        title="Поставить на профилактический учёт",
        success="Поставлен на профилактический учёт.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def personal_file_open(request, pk, kind):
    return _record_form(
        request,
        kind,
        pk,
        forms.PersonalFileForm,
        record_services.personal_file_open,
        title="Завести личное дело",
        success="Личное дело заведено.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_add(request, pk):
    return _record_form(
        request,
        "person",
        pk,
        forms.ConsentForm,
        record_services.consent_record,
        title="Внести согласие на обработку персональных данных",
        success="Согласие внесено в реестр.",
    )


def _record_action(request, record, form_class, write, *, title, success):
    """A form on one record about a person or a family (end, remove, close, withdraw)."""
    subject = record.person if record.person_id else record.family
    _may_write(request)
    form = form_class(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: write(data),
        success=success,
        target=subject.get_absolute_url(),
    )
    return done or form_page(
        request,
        form=form,
        title=title,
        breadcrumbs=[(subject.audit_label(), subject.get_absolute_url()), (title, None)],
        cancel_url=subject.get_absolute_url(),
    )


@login_required
@require_POST
def group_end(request, pk):
    row = get_object_or_404(TargetGroupMembership.objects.visible_to(request), pk=pk)
    subject = row.person if row.person_id else row.family
    return _post_action(
        request,
        lambda: record_services.group_end(by=request.membership, membership=row),
        "Отнесение к группе окончено.",
        subject.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_remove(request, pk):
    row = get_object_or_404(PreventiveRegistration.objects.visible_to(request), pk=pk)
    return _record_action(
        request,
        row,
        forms.RegistrationRemoveForm,
        lambda data: record_services.registration_remove(
            by=request.membership, registration=row, **data
        ),
        title="Снять с профилактического учёта",
        success="Снят с профилактического учёта.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def personal_file_close(request, pk):
    row = get_object_or_404(PersonalFile.objects.visible_to(request), pk=pk)
    return _record_action(
        request,
        row,
        forms.PersonalFileCloseForm,
        lambda data: record_services.personal_file_close(
            by=request.membership, personal_file=row, **data
        ),
        title=f"Закрыть личное дело № {row.number}",
        success="Личное дело закрыто.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk):
    row = get_object_or_404(Consent.objects.visible_to(request), pk=pk)
    return _record_action(
        request,
        row,
        forms.ConsentWithdrawForm,
        lambda data: record_services.consent_withdraw(by=request.membership, consent=row, **data),
        title="Отзыв согласия",
        success="Отзыв согласия внесён в реестр.",
    )
