"""How a page with one form behaves, in every app: a valid POST runs a service write, a
broken rule lands on the form next to what the user typed, success redirects with a
message; ``form_page`` renders ``form_page.html`` with title, breadcrumbs and cancel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from resurs.kernel.writes.errors import DomainError


def apply_domain_error(form, exc: Exception) -> None:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc.messages)
    else:
        form.add_error(None, str(exc))


def submit(request, form, write, *, success: str, target):
    """Runs a service write for a valid POSTed form; returns the redirect, else None.

    A broken rule (DomainError, model validation, a concurrent edit) lands on the form, so
    the user sees it next to what they typed and nothing they entered is lost.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = write(form.cleaned_data)
    except (DomainError, ValidationError) as exc:
        apply_domain_error(form, exc)
        return None
    messages.success(request, success)
    return redirect(target(result) if callable(target) else target)


def form_page(
    request, *, form, title, breadcrumbs, cancel_url, multipart=False, submit="Сохранить"
):
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title,
            "breadcrumbs": breadcrumbs,
            "cancel_url": cancel_url,
            "multipart": multipart,
            "submit_label": submit,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
