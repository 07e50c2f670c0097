"""What user text may hold, in one place: input rejects control characters; documents strip
them and keep text that looks like a formula as text.

Input: ``validate_plain_text`` rejects the control characters that XML 1.0 (and so XLSX and
DOCX) cannot hold and PostgreSQL cannot store (NUL), with a Russian message. Every UI form
gets it on its text fields through ``kernel.ui.forms.StyledFormMixin``; an API schema calls
``validate_plain_text`` (or ``clean_plain_text``) on its string fields the same way.
Tab, line feed and carriage return are ordinary text and stay allowed.

Output: ``printable`` removes such characters from text written into a document (records
stored before the check, imported files); ``looks_like_formula`` tells the XLSX writer which
text a spreadsheet would otherwise read as a formula (OWASP "CSV injection")."""

import re

from django.core.exceptions import ValidationError

# What XML 1.0 cannot hold: C0 controls except tab, line feed and carriage return, U+FFFE
# and U+FFFF; lone surrogates (a JSON "\ud800") cannot even be encoded to UTF-8.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

CONTROL_CHARACTER_MESSAGE = (
    "Текст содержит служебный (непечатаемый) символ {code} — такие символы попадают при "
    "копировании из других программ и ломают выгрузки. Удалите его и сохраните ещё раз."
)

# A spreadsheet starts a formula with these (OWASP: also tab and carriage return).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def control_character_in(value: str) -> str | None:
    match = CONTROL_CHARACTERS.search(value)
    return match.group() if match else None


def validate_plain_text(value) -> None:
    """Raises a ValidationError in Russian when the text holds a control character."""
    if not isinstance(value, str):
        return
    found = control_character_in(value)
    if found is not None:
        raise ValidationError(
            CONTROL_CHARACTER_MESSAGE.format(code=f"U+{ord(found):04X}"),
            code="control_character",
        )


def clean_plain_text(value):
    """The value itself, checked by ``validate_plain_text`` (for pydantic validators)."""
    validate_plain_text(value)
    return value


def printable(value):
    """A string without the characters a document cannot hold; any other value as it is."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    return value


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
