"""Russian wording of request-validation errors for API clients."""

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
