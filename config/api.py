"""X-4: the REST API of Resurs under /api/v1/ (django-ninja, OpenAPI at /api/v1/openapi.json)."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from config.api_errors import StrictParser, russian_validation_errors
from resurs.coordination.events.api import router as events_router
from resurs.coordination.methodology.api import router as methodology_router
from resurs.coordination.public.api import router as public_router
from resurs.coordination.registries.api import router as registries_router
from resurs.coordination.roadmaps.api import router as roadmaps_router
from resurs.kernel.accounts.api_auth import MembershipSessionAuth, TokenAuth
from resurs.kernel.organisations.api import router as organisations_router
from resurs.kernel.workcalendar.api import router as calendar_router
from resurs.kernel.writes.errors import DomainError, StaleVersion

api = NinjaAPI(
    title="АИС «Ресурс» — API",
    version="1",
    description=(
        "Интеграционный интерфейс АИС «Ресурс». Аутентификация: персональный токен "
        "(`Authorization: Bearer …`), выпускаемый пользователем в разделе «API-токены». "
        "Права токена совпадают с правами роли, в которой он выпущен."
    ),
    auth=[TokenAuth(), MembershipSessionAuth()],
    urls_namespace="api-1",
    # The docs page is our own (config.api_docs): Swagger UI loads from a CDN and is English.
    docs_url=None,
    parser=StrictParser(),
)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return api.create_response(
        request,
        {"detail": "Данные не прошли проверку.", "errors": russian_validation_errors(exc.errors)},
        status=422,
    )


@api.exception_handler(DjangoValidationError)
def on_model_validation_error(request, exc):
    if hasattr(exc, "message_dict"):
        errors = [
            {"field": field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": None, "message": message} for message in exc.messages]
    return api.create_response(
        request, {"detail": "Данные не прошли проверку.", "errors": errors}, status=422
    )


@api.exception_handler(StaleVersion)
def on_stale_version(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(DomainError)
def on_domain_error(request, exc):
    return api.create_response(
        request, {"detail": str(exc), "errors": [{"field": None, "message": str(exc)}]}, status=422
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(
        request,
        {"detail": "Требуется аутентификация: передайте действующий токен в Authorization."},
        status=401,
    )


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return api.create_response(
        request, {"detail": str(exc) or "Недостаточно прав для этого действия."}, status=403
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": "Не найдено."}, status=404)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    if isinstance(exc.__cause__, ValidationError):  # the parser's refusal, wrapped by ninja
        return on_validation_error(request, exc.__cause__)
    if exc.status_code == 400 and exc.__cause__ is not None:  # ninja: "Cannot parse request body"
        return api.create_response(
            request, {"detail": "Тело запроса не является корректным JSON."}, status=400
        )
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


OUT_OF_RANGE = "Значение вне допустимого диапазона (слишком большое число или далёкая дата)."


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def on_out_of_range(request, exc):
    """A number or a date the database or the calendar cannot hold (SQLite refuses integers
    beyond 64 bits, PostgreSQL a value beyond its column, Python dates past 9999): the write
    rolled back with its transaction."""
    return api.create_response(
        request,
        {
            "detail": "Данные не прошли проверку.",
            "errors": [{"field": None, "message": OUT_OF_RANGE}],
        },
        status=422,
    )


@api.exception_handler(IntegrityError)
def on_conflict(request, exc):
    """Two requests saved the same thing at once (a unique row both checked was free); any
    other broken constraint is a value the checks before the save let through."""
    if "unique" not in str(exc).lower():
        return api.create_response(
            request,
            {
                "detail": "Данные не прошли проверку.",
                "errors": [
                    {
                        "field": None,
                        "message": "Не заполнено обязательное поле или указана "
                        "несуществующая запись.",
                    }
                ],
            },
            status=422,
        )
    return api.create_response(
        request,
        {
            "detail": "Такую запись только что сохранил другой запрос. Обновите данные и, "
            "если нужно, повторите действие."
        },
        status=409,
    )


api.add_router("/calendar", calendar_router)
api.add_router("/", organisations_router)
api.add_router("/registries", registries_router)
api.add_router("/methodology", methodology_router)
api.add_router("/events", events_router)
api.add_router("/public", public_router)
api.add_router("/roadmaps", roadmaps_router)
api.add_router("/instructions", "resurs.coordination.instructions.api.router")
api.add_router("/reporting", "resurs.coordination.reporting.api.router")
api.add_router("/units", "resurs.casework.units.api.router")
api.add_router("/citizens", "resurs.casework.citizens.api.router")
api.add_router("/cases", "resurs.casework.cases.api.router")
api.add_router("/plans", "resurs.casework.plans.api.router")
api.add_router("/services", "resurs.casework.socialservices.api.router")
api.add_router("/services/register", "resurs.casework.socialservices.register_api.router")
api.add_router("/services/statistics", "resurs.casework.socialservices.statistics_api.router")
api.add_router("/egisso", "resurs.casework.egisso.api.router")
api.add_router("/rental", "resurs.casework.rental.api.router")
api.add_router("/rental/journals", "resurs.casework.rental.journal_api.router")
api.add_router("/rental/demand", "resurs.casework.rental.demand_api.router")
