"""The bad-input corpus of the hardening tests: what a tester types into every field."""

MARKUP = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
FORMULAS = ("=1+1", "@SUM(A1)", "+7", "-1")
CONTROL = ("Строка\x0bс вертикальной табуляцией", "Строка\x00с нулевым байтом")
LONG = "Я" * 10_000
TEXT = (*MARKUP, *FORMULAS, *CONTROL, LONG)
# Each of these goes into one text field at a time; the rest of FORMULAS into all at once.
PER_FIELD = (*MARKUP, "=1+1", "@SUM(A1)", *CONTROL, LONG)
ALL_FIELDS = tuple(value for value in TEXT if value not in PER_FIELD)
NUMBERS = ("1" + "0" * 30, "-1" + "0" * 30, "1e308", "NaN")
DATES = ("9999-12-31", "0001-01-01", "2026-02-30", "99999-01-01")
# The stored-markup test writes this into every free-text field: markup, a formula and a
# control character at once (a field too short to hold it cannot carry the attack).
STORED = '=1+1"><script>alert(1)</script>\x0b'
RAW_MARKUP = ("<script>alert(1)</script>", "<img src=x onerror")


def has_control(value: str) -> bool:
    return any(ord(c) < 32 and c not in "\t\r\n" for c in value)
