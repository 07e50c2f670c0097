"""Workbooks for import tests, built in memory with openpyxl."""

import io
import re
import zipfile

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


def padded_xlsx(
    rows, *, blank_rows=0, claimed_rows=0, claimed_column="L", name="пустые-строки.xlsx"
) -> SimpleUploadedFile:
    """A workbook of the organisation template padded past its data or misstating its size.

    ``blank_rows`` formatted but empty rows follow the data (what a sheet formatted «to the
    bottom» holds); ``claimed_rows`` is the number of rows the sheet's dimension claims, more or
    fewer than it really holds. The sheet's XML is written directly: openpyxl would take minutes.
    """
    source = xlsx(rows, name=name).read()
    sheet_path = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        parts = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    sheet = parts[sheet_path].decode()
    last = len(rows) + 1
    blank = "".join(
        f'<row r="{n}" spans="1:12" s="1" customFormat="1"><c r="A{n}" s="1"/></row>'
        for n in range(last + 1, last + blank_rows + 1)
    )
    sheet = sheet.replace("</sheetData>", blank + "</sheetData>")
    extent = claimed_rows or last + blank_rows
    claimed = f'<dimension ref="A1:{claimed_column}{extent}"'
    sheet = re.sub(r'<dimension ref="[^"]*"', claimed, sheet)
    parts[sheet_path] = sheet.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, content in parts.items():
            archive.writestr(filename, content)
    return SimpleUploadedFile(name, buffer.getvalue())
