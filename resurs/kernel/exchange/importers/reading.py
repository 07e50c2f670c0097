"""X-4: reading an uploaded file as an importer's table: the first sheet of a workbook, the
tables of a Word document or the lines of a tab-separated text.

A sheet is read as far as its data goes, not as far as it claims to go: a sheet formatted
«to the bottom» holds a million empty rows, and its dimension may claim any size.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from xml.etree.ElementTree import ParseError

from docx.oxml.ns import qn
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from resurs.kernel.exchange.importers.framework import (
    Importer,
    ImportFileError,
    ImportRefused,
    Table,
)

# The header row is looked for among the first rows: seed tables carry a title above it.
HEADER_SEARCH_ROWS = 10
# This many blank rows in a row end the table (or, above the header, the search for it).
BLANK_RUN_LIMIT = 1000
# Columns after this one are not read (a styled cell in column XFD makes every row that wide).
MAX_COLUMNS = 200


# What openpyxl raises on a file that is a ZIP but not a readable workbook. A renamed or
# damaged file is the user's mistake, not a bug, so each of these becomes a Russian message.
_UNREADABLE = (
    zipfile.BadZipFile,
    InvalidFileException,
    ParseError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    OSError,
)
UNREADABLE_MESSAGE = (
    "Файл не удаётся прочитать как книгу Excel (.xlsx): он повреждён или сохранён в другом "
    "формате. Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)»."
)


# The kinds of file an importer may read, as the user is told about them.
FORMAT_LABELS = {
    "xlsx": "книга Excel (.xlsx)",
    "docx": "таблица в документе Word (.docx)",
    "text": "текст с разделителем-табуляцией (.txt, .tsv)",
}
TEXT_EXTENSIONS = (".txt", ".tsv")
UNREADABLE_MESSAGES = {
    "xlsx": UNREADABLE_MESSAGE,
    "docx": "Файл не удаётся прочитать как документ Word (.docx): он повреждён или сохранён в "
    "другом формате. Откройте его в Word и сохраните как «Документ Word (*.docx)».",
    "text": "Файл не удаётся прочитать как текст: сохраните таблицу как «Текст (разделитель — "
    "табуляция)» в кодировке UTF-8 или Windows-1251.",
}


def file_format(file) -> str:
    """Which reader a file needs: by its extension; a file without one is a workbook."""
    name = (getattr(file, "name", "") or "").lower()
    if name.endswith(".docx"):
        return "docx"
    if name.endswith(TEXT_EXTENSIONS):
        return "text"
    return "xlsx"


def check_format(file, importer: type[Importer]) -> str:
    """The file's kind (by its name, nothing is read); ImportFileError when the importer
    does not read files of that kind."""
    kind = file_format(file)
    if kind not in importer.formats:
        accepted = "; ".join(FORMAT_LABELS[f] for f in importer.formats)
        raise ImportFileError(f"«{importer.title}» загружаются из файла: {accepted}.")
    return kind


def read_table(file, importer: type[Importer]) -> Table:
    """The first sheet of an uploaded workbook (the tables of a Word document, the lines of a
    tab-separated text) as the importer's table.

    Raises ImportFileError with a Russian message when the file is not of a kind the
    importer reads (``Importer.formats``), cannot be read, has no header row with the
    importer's required columns, has no data or too many rows. The sheet is read only as
    far as its data goes (see ``_read_sheet``), whatever size the file claims.
    """
    kind = check_format(file, importer)
    file.seek(0)
    reader = {"xlsx": _workbook_rows, "docx": _docx_rows, "text": _text_rows}[kind]
    try:
        with reader(file) as rows:
            return _read_sheet(rows, importer)
    except ImportRefused:
        raise
    except _UNREADABLE as exc:
        raise ImportFileError(UNREADABLE_MESSAGES[kind]) from exc
    finally:
        file.seek(0)


@contextmanager
def _workbook_rows(file):
    workbook = load_workbook(file, read_only=True, data_only=True)
    try:
        if not workbook.worksheets:
            raise ImportFileError("В книге нет ни одного листа.")
        sheet = workbook.worksheets[0]
        # The dimension is the file's claim, not its content: rows are read as they come.
        sheet.reset_dimensions()
        yield sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    finally:
        workbook.close()


def _docx_cell_text(tc) -> str:
    paragraphs = tc.findall(qn("w:p"))
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs)


def _docx_row(tr) -> list[str | None]:
    """A Word table row as cells: a merged cell's text once, the cells it covers empty."""
    cells: list[str | None] = []
    for tc in tr.findall(qn("w:tc")):
        continued = tc.tcPr is not None and tc.tcPr.vMerge == "continue"
        cells.append(None if continued else _docx_cell_text(tc))
        cells.extend([None] * (max(tc.grid_span, 1) - 1))
    return cells


@contextmanager
def _docx_rows(file):
    """The paragraphs above the first table (one cell each: the title), then the rows of
    every table of the document; text after the tables begin is not part of them."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        body = Document(file).element.body
    except PackageNotFoundError as exc:
        raise ImportFileError(UNREADABLE_MESSAGES["docx"]) from exc

    def rows():
        in_tables = False
        for child in body.iterchildren():
            if child.tag == qn("w:tbl"):
                in_tables = True
                for tr in child.findall(qn("w:tr")):
                    yield _docx_row(tr)
            elif child.tag == qn("w:p") and not in_tables:
                yield ["".join(t.text or "" for t in child.iter(qn("w:t")))]

    yield rows()


def _decode_text(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text):
            return text
    raise ImportFileError(UNREADABLE_MESSAGES["text"])


@contextmanager
def _text_rows(file):
    """Lines of a tab-separated text (UTF-8 or Windows-1251), each split at the tabs."""
    text = _decode_text(file.read())
    yield (line.split("\t") for line in text.splitlines())


def _match_header(cells: Sequence, importer: type[Importer]) -> tuple[dict[str, int], list[str]]:
    """(column key -> index, headers not recognised) of one candidate header row."""
    found: dict[str, int] = {}
    unknown: list[str] = []
    for index, value in enumerate(cells):
        text = "" if value is None else str(value).strip()
        if not text:
            continue
        column = next((c for c in importer.columns if c.accepts(text)), None)
        if column is None:
            unknown.append(text)
        elif column.key in found:
            raise ImportFileError(
                f"Столбец «{column.header}» встречается в строке заголовков дважды "
                f"(столбцы {found[column.key] + 1} и {index + 1}). Оставьте один."
            )
        else:
            found[column.key] = index
    return found, unknown


def _is_blank(cells: Sequence) -> bool:
    return all(c is None or not str(c).strip() for c in cells)


def _read_sheet(rows: Iterator[Sequence], importer: type[Importer]) -> Table:
    """The importer's table from the sheet's rows, read only as far as the data goes.

    Reading stops after BLANK_RUN_LIMIT blank rows in a row; a table that goes on, blank
    rows between its data included, past twice the importer's ``max_rows`` is refused.
    """
    rows = iter(rows)  # the data rows continue the same pass as the header search
    required = [c for c in importer.columns if c.required]
    best: dict[str, int] = {}
    found: dict[str, int] = {}
    unknown: list[str] = []
    header_row = 0
    preamble: list[str] = []
    searched = 0
    blank_run = 0
    for number, cells in enumerate(rows, start=1):
        texts = [str(c).strip() for c in cells if c is not None and str(c).strip()]
        if not texts:
            blank_run += 1
            if blank_run >= BLANK_RUN_LIMIT:
                break
            continue  # blank rows above the header do not count in the search
        blank_run = 0
        searched += 1
        found, unknown = _match_header(cells, importer)
        if len(found) > len(best):
            best = found
        if found and all(c.key in found for c in required):
            header_row = number
            break
        preamble.append(" ".join(texts))
        if searched >= HEADER_SEARCH_ROWS:
            break
    if not best:
        wanted = ", ".join(f"«{c.header}»" for c in required)
        raise ImportFileError(
            "В файле не найдена строка заголовков: первая строка таблицы должна содержать "
            f"названия столбцов, как в шаблоне (обязательные: {wanted}). "
            "Скачайте шаблон и заполните его."
        )
    if not header_row:
        missing = ", ".join(f"«{c.header}»" for c in required if c.key not in best)
        raise ImportFileError(
            f"В строке заголовков нет обязательных столбцов: {missing}. "
            "Названия столбцов должны быть такими же, как в шаблоне."
        )
    data: list[tuple[int, dict[str, str]]] = []
    columns = {c.key: c for c in importer.columns}
    sheet_limit = header_row + 2 * importer.max_rows
    last_row = header_row
    blank_run = 0
    cut = False
    for number, cells in enumerate(rows, start=header_row + 1):
        last_row = number
        if number > sheet_limit:
            raise ImportFileError(
                f"Таблица в файле длиннее {2 * importer.max_rows} строк, считая пустые строки "
                "между данными. Удалите пустые строки или разделите файл на несколько и "
                "загрузите их по очереди."
            )
        if _is_blank(cells):
            blank_run += 1
            if blank_run >= BLANK_RUN_LIMIT:
                cut = True
                break
            continue
        blank_run = 0
        values = {
            key: columns[key].text(cells[index] if index < len(cells) else None)
            for key, index in found.items()
        }
        if not any(values.values()):
            continue
        data.append((number, values))
        if len(data) > importer.max_rows:
            raise ImportFileError(
                f"В файле больше {importer.max_rows} строк с данными. "
                "Разделите его на несколько файлов и загрузите их по очереди."
            )
    if not data:
        raise ImportFileError("Под строкой заголовков нет ни одной заполненной строки.")
    return Table(
        header_row=header_row,
        present=list(found),
        ignored=unknown,
        rows=data,
        preamble=preamble,
        last_row=last_row,
        cut_by_blank_rows=cut,
        notice=(
            f"После строки {data[-1][0]} в файле {BLANK_RUN_LIMIT} пустых строк подряд: "
            "таблица считается законченной, строки ниже не читаются."
            if cut
            else ""
        ),
    )
