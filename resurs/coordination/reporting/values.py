"""Typed values of indicators (REP-1): cleaning what a person typed or an API sent into the
JSON stored in ReportValue.value, with Russian errors, and the computed indicators."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from resurs.coordination.reporting import formulas
from resurs.coordination.reporting.models import ValueType

MAX_TEXT = 5000
MAX_TABLE_ROWS = 200


def _label(indicator) -> str:
    return f"«{indicator.number} {indicator.title}»".replace("« ", "«")


def _number(raw, indicator, *, integer: bool):
    if isinstance(raw, bool):
        raise ValidationError(f"Показатель {_label(indicator)}: нужно число.")
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(f"Показатель {_label(indicator)}: «{raw}» — не число.") from exc
    if not number.is_finite():
        raise ValidationError(f"Показатель {_label(indicator)}: «{raw}» — не число.")
    if number < 0:
        raise ValidationError(f"Показатель {_label(indicator)}: число не может быть меньше нуля.")
    if integer:
        if number != number.to_integral_value():
            raise ValidationError(f"Показатель {_label(indicator)}: нужно целое число.")
        if number > 10**12:
            raise ValidationError(f"Показатель {_label(indicator)}: слишком большое число.")
        return int(number)
    if number > 10**12:
        raise ValidationError(f"Показатель {_label(indicator)}: слишком большое число.")
    return float(number.quantize(Decimal("0.01")))


def clean_value(indicator, raw):
    """The stored form of ``raw`` for the indicator; None for an empty value."""
    if raw is None or raw == "" or raw == []:
        return None
    kind = indicator.value_type
    if kind == ValueType.INTEGER:
        return _number(raw, indicator, integer=True)
    if kind == ValueType.DECIMAL:
        return _number(raw, indicator, integer=False)
    if kind == ValueType.BOOLEAN:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"да", "true", "1", "yes", "on"}:
            return True
        if text in {"нет", "false", "0", "no", "off"}:
            return False
        raise ValidationError(f"Показатель {_label(indicator)}: ответ «да» или «нет».")
    if kind == ValueType.TEXT:
        text = str(raw).strip()
        if len(text) > MAX_TEXT:
            raise ValidationError(
                f"Показатель {_label(indicator)}: текст длиннее {MAX_TEXT} знаков."
            )
        return text or None
    if kind == ValueType.TABLE:
        if not isinstance(raw, list):
            raise ValidationError(f"Показатель {_label(indicator)}: нужна таблица (список строк).")
        rows = []
        for row in raw:
            if not isinstance(row, dict):
                raise ValidationError(
                    f"Показатель {_label(indicator)}: строка таблицы — не запись."
                )
            cleaned = {}
            for column in indicator.columns:
                cell = row.get(column["code"])
                if cell in (None, ""):
                    continue
                if column.get("type") == "integer":
                    cell = _number(cell, indicator, integer=True)
                elif column.get("type") == "decimal":
                    cell = _number(cell, indicator, integer=False)
                else:
                    cell = str(cell).strip()[:1000]
                cleaned[column["code"]] = cell
            if cleaned:
                rows.append(cleaned)
        if len(rows) > MAX_TABLE_ROWS:
            raise ValidationError(
                f"Показатель {_label(indicator)}: не больше {MAX_TABLE_ROWS} строк."
            )
        return rows or None
    raise ValidationError(f"Неизвестный тип значения: {kind}")


def with_computed(indicators, values: dict) -> dict:
    """``values`` (code → value) plus every formula indicator computed from them."""
    result = dict(values)
    for indicator in indicators:
        if indicator.formula:
            computed = formulas.evaluate(indicator.formula, result)
            if computed is not None:
                computed = (
                    int(computed) if indicator.value_type == ValueType.INTEGER else float(computed)
                )
            result[indicator.code] = computed
    return result


def display(indicator, value) -> str:
    if value is None:
        return "—"
    if indicator.value_type == ValueType.BOOLEAN:
        return "да" if value else "нет"
    if indicator.value_type == ValueType.DECIMAL:
        return f"{value:.2f}".replace(".", ",")
    if indicator.value_type == ValueType.TABLE:
        return f"{len(value)} строк"
    return str(value)
