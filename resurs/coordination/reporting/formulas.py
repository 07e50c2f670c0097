"""REP-1 computed indicators: arithmetic over the codes of a form version's indicators.

Only numbers, codes, + - * /, unary minus and parentheses are allowed; anything else is a
Russian error when the form is saved (`check`). A formula over an empty value or a division
by zero gives no value (None) rather than a wrong one."""

from __future__ import annotations

import ast
import operator
from decimal import Decimal, DivisionByZero, InvalidOperation

from django.core.exceptions import ValidationError

OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def _parse(formula: str) -> ast.Expression:
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError as exc:
        raise ValidationError(f"Формула «{formula}» записана с ошибкой.") from exc
    for node in ast.walk(tree):
        allowed = (
            ast.Expression,
            ast.BinOp,
            ast.UnaryOp,
            ast.USub,
            ast.Name,
            ast.Load,
            ast.Constant,
            *OPERATORS,
        )
        if not isinstance(node, allowed):
            raise ValidationError(
                f"В формуле «{formula}» допустимы только числа, коды показателей, "
                "+, −, *, / и скобки."
            )
        if isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise ValidationError(f"В формуле «{formula}» допустимы только числа.")
    return tree


def names(formula: str) -> set[str]:
    return {node.id for node in ast.walk(_parse(formula)) if isinstance(node, ast.Name)}


def check(formula: str, known_codes: set[str]) -> None:
    unknown = names(formula) - known_codes
    if unknown:
        raise ValidationError(
            f"В формуле «{formula}» нет таких показателей: {', '.join(sorted(unknown))}."
        )


def evaluate(formula: str, values: dict[str, object]) -> Decimal | None:
    """The formula's value over ``values`` (code → number); None when something is missing."""

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            value = values.get(node.id)
            if value is None or isinstance(value, bool | str | list | dict):
                raise LookupError(node.id)
            return Decimal(str(value))
        if isinstance(node, ast.UnaryOp):
            return -walk(node.operand)
        return OPERATORS[type(node.op)](walk(node.left), walk(node.right))

    try:
        result = walk(_parse(formula))
    except (LookupError, DivisionByZero, InvalidOperation, ZeroDivisionError):
        return None
    return result.quantize(Decimal("0.01"))


def readable(formula: str, numbers: dict[str, str]) -> str:
    """The formula for people: codes replaced by the indicators' numbers («стр. 2.2»)."""
    import re

    def name(match):
        number = numbers.get(match.group(0))
        return f"стр. {number}" if number else match.group(0)

    text = re.sub(r"\b[A-Za-z_][A-Za-z0-9_]*\b", name, formula)
    return text.replace("*", "×").replace("/", ":")
