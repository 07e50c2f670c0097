"""X-4: the one importer framework of Resurs: every "load from Excel" goes through it.

An app describes its table in ``<app>/importers.py`` and names the importer in its
contribution module (``importers=(...)``, registered by ``ExchangeConfig.ready``)::

    class OrganisationImporter(Importer):
        name = "organisations"                 # the registry key, kept in ImportBatch.importer
        title = "Организации"
        roles = DIRECTORY_EDITOR_ROLES         # who may load it (PermissionDenied otherwise)
        columns = (Column("name", "Полное наименование", required=True), ...)

        def check_row(self, verdict): ...      # parse and validate one row, never write
        def apply_row(self, verdict): ...      # write one checked row through the app's service

The framework reads the workbook — or, for an importer whose ``formats`` say so, the table of
a Word document or a tab-separated text (the header row may sit below a title, kept as the
table's ``preamble``; extra columns are ignored), checks required cells and duplicates inside
the file, counts progress, builds the downloadable template from ``columns``, and applies a
batch only when every row is valid.
"""

from resurs.kernel.exchange.importers.framework import (
    REQUIRED_MESSAGE,
    SUMMARY_LABELS,
    Action,
    Column,
    Identity,
    Importer,
    ImportFileError,
    ImportRefused,
    RowApplyError,
    RowVerdict,
    Table,
    error_text,
    get_importer,
    importer_roles,
    importers_for,
    normalise_text,
    register,
    unregister,
)
from resurs.kernel.exchange.importers.reading import (
    FORMAT_LABELS,
    UNREADABLE_MESSAGE,
    check_format,
    file_format,
    read_table,
)

__all__ = [
    "FORMAT_LABELS",
    "REQUIRED_MESSAGE",
    "SUMMARY_LABELS",
    "UNREADABLE_MESSAGE",
    "Action",
    "Column",
    "Identity",
    "ImportFileError",
    "ImportRefused",
    "Importer",
    "RowApplyError",
    "RowVerdict",
    "Table",
    "check_format",
    "error_text",
    "file_format",
    "get_importer",
    "importer_roles",
    "importers_for",
    "normalise_text",
    "read_table",
    "register",
    "unregister",
]
