"""The logo of a public page (000:1.5): a checked PNG or JPEG image."""

from pathlib import Path

from django.core.exceptions import ValidationError

from resurs.kernel.attachments.uploads import validate_document_file

IMAGE_CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def validate_logo_file(file) -> None:
    """Only an image, and a genuine one: the extension first, then the document checks
    (size, emptiness, the file's own signature matching its extension)."""
    extension = Path(getattr(file, "name", "") or "").suffix.lower()
    if extension not in IMAGE_CONTENT_TYPES:
        raise ValidationError(
            "Логотип — изображение PNG или JPEG "
            f"(загружен файл «{extension or 'без расширения'}»).",
            code="logo_type",
        )
    validate_document_file(file)


def image_content_type(name: str) -> str:
    return IMAGE_CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
