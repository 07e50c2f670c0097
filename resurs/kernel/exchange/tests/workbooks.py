"""Workbooks for import tests, built in memory with openpyxl."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from resurs.kernel.organisations.importers import OrganisationImporter
from resurs.kernel.organisations.validators import complete_inn

HEADERS = [title for title, _width in OrganisationImporter.template_columns()]


def xlsx(rows, headers=HEADERS, name="организации.xlsx", title_rows=()) -> SimpleUploadedFile:
    """An uploaded workbook built in memory: optional title rows, the header, the rows."""
    workbook = Workbook()
    sheet = workbook.active
    for row in title_rows:
        sheet.append(list(row))
    if headers is not None:
        sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def inn(n: int) -> str:
    """A valid organisation ИНН, unique per n (the factories use the 99… range)."""
    return complete_inn(f"86{n:07d}")


def org_row(n: int = 1, **changes) -> list:
    """One valid row of the organisation template, with some cells changed by column key."""
    values = {
        "name": f"БУ «Тестовый центр социального обслуживания № {n}»",
        "short_name": f"Тестовый центр № {n}",
        "kind": "Государственное учреждение",
        "legal_form": "Бюджетное учреждение",
        "territory": "Сургут",
        "directions": "1, 3",
        "inn": inn(n),
        "ogrn": "",
        "address": "г. Сургут, ул. Ленина, 1",
        "phone": "+7 3462 00-00-00",
        "email": f"centre{n}@example.ru",
        "head_name": "Петрова Анна Ивановна",
    }
    values.update(changes)
    return [values[column.key] for column in OrganisationImporter.columns]
