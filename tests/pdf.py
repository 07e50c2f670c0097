"""Text of a generated PDF as a reader sees it, for tests: whitespace collapsed and words
that a table cell wrapped with a hyphen (documents.pdf hyphenates) joined back."""

import re
from io import BytesIO

from pypdf import PdfReader

WRAPPED = re.compile(r"(\w)[-\u00ad\u2010] (\w)")


def pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return WRAPPED.sub(r"\1\2", text)
