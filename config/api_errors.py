"""Russian wording of request-validation errors for API clients, and the request parser that
refuses what no field may hold."""

import json

from ninja.errors import ValidationError
from ninja.parser import Parser

# pydantic error type -> Russian message; ctx values are substituted where named.
MESSAGES = {
    "missing": "Обязательное поле.",
    "date_from_datetime_parsing": "Неверная дата: ожидается ГГГГ-ММ-ДД.",
    "date_parsing": "Неверная дата: ожидается ГГГГ-ММ-ДД.",
    "date_type": "Неверная дата: ожидается ГГГГ-ММ-ДД.",
    "date_from_datetime_inexact": "Неверная дата: ожидается ГГГГ-ММ-ДД без времени.",
    "datetime_parsing": "Неверные дата и время.",
    "datetime_from_date_parsing": "Неверные дата и время.",
    "int_parsing": "Ожидается целое число.",
    "int_type": "Ожидается целое число.",
    "int_from_float": "Ожидается целое число.",
    "float_parsing": "Ожидается число.",
    "bool_parsing": "Ожидается логическое значение (true или false).",
    "string_type": "Ожидается строка.",
    "string_too_short": "Слишком короткое значение: не менее {min_length} символов.",
    "string_too_long": "Слишком длинное значение: не более {max_length} символов.",
    "string_pattern_mismatch": "Значение не соответствует формату.",
    "greater_than_equal": "Значение должно быть не меньше {ge}.",
    "greater_than": "Значение должно быть больше {gt}.",
    "less_than_equal": "Значение должно быть не больше {le}.",
    "less_than": "Значение должно быть меньше {lt}.",
    "enum": "Недопустимое значение; допустимы: {expected}.",
    "literal_error": "Недопустимое значение; допустимы: {expected}.",
    "json_invalid": "Тело запроса не является корректным JSON.",
    "model_attributes_type": "Ожидается объект.",
    "dict_type": "Ожидается объект.",
    "list_type": "Ожидается список.",
    "extra_forbidden": "Неизвестное поле.",
    "value_error": "{error}",
    "assertion_error": "{error}",
}
FALLBACK = "Недопустимое значение."
# Where a parameter sits in the request; stripped from the field path.
_LOCATIONS = {"query", "path", "body", "header", "cookie", "form", "file"}


def _field(loc) -> str | None:
    parts = [str(p) for p in loc if str(p) not in _LOCATIONS]
    # ninja nests a body schema under the parameter name; keep the field path only.
    if len(parts) > 1 and parts[0] in {"payload", "data", "filters"}:
        parts = parts[1:]
    return ".".join(parts) or None


def _message(error: dict) -> str:
    template = MESSAGES.get(error.get("type", ""))
    if template is None:
        return FALLBACK
    ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    if "error" in ctx:
        ctx["error"] = ctx["error"].removeprefix("Value error, ")
    try:
        return template.format(**ctx)
    except KeyError:
        return FALLBACK


def russian_validation_errors(errors: list[dict]) -> list[dict]:
    return [{"field": _field(e.get("loc", ())), "message": _message(e)} for e in errors]


# --- input every endpoint refuses before any schema sees it ----------------------------------

# The largest integer a database column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_INTEGER = 2**63 - 1
# C0 control characters other than tab, line feed and carriage return: PostgreSQL refuses
# NUL in text, XLSX refuses the rest, and no person types them.
_CONTROL = {chr(code) for code in range(32)} - {"\t", "\n", "\r"} | {"\x7f"}

MESSAGES.update(
    {
        "control_character": "Недопустимый управляющий символ (код {code}).",
        "integer_too_large": "Число вне допустимого диапазона.",
        "number_not_finite": "Ожидается конечное число.",
        # resurs.kernel.apischema.PatchSchema: null for a field the record cannot leave empty
        "null_refused": "Поле нельзя очистить: передайте значение или не передавайте поле.",
    }
)


def _refusal(kind: str, loc: tuple, **ctx) -> dict:
    return {"type": kind, "loc": loc, "msg": kind, "ctx": ctx}


def refusals(value, loc: tuple = ()) -> list[dict]:
    """What in a decoded request (JSON body or query) no field may hold: control characters
    in any text or key, integers beyond a database column."""
    found: list[dict] = []
    if isinstance(value, str):
        bad = next((ch for ch in value if ch in _CONTROL), None)
        if bad is not None:
            found.append(_refusal("control_character", loc, code=f"0x{ord(bad):02x}"))
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if abs(value) > MAX_INTEGER:
            found.append(_refusal("integer_too_large", loc))
    elif isinstance(value, dict):
        for key, item in value.items():
            found += refusals(key, (*loc, key)) + refusals(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += refusals(item, (*loc, index))
    return found


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


class StrictParser(Parser):
    """JSON and query strings as ninja parses them, with the refusals above raised as a
    validation error (422 in Russian) instead of reaching the database as a 500."""

    def parse_body(self, request):
        data = json.loads(request.body, parse_constant=_refuse_constant)
        found = refusals(data, ("body",))
        if found:
            raise ValidationError(found)
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        found = refusals(result, ("query",))
        if found:
            raise ValidationError(found)
        return result
