"""X-4: the registries loaded from Excel (REG-1, REG-4, REG-5, REG-6).

Each registry's own export loads back (extra columns are ignored). A row that stands for a
record already in the registry updates it; the record is found by the registry's natural
key, always within the registry of one keeper («Ведёт реестр», by default the importer's
own organisation):

* participants — direction + the participant organisation (by ИНН, else by full name);
* normative acts — level + kind + number + date;
* technologies — title;
* articles — title + where published + date;
* the practices matrix — practice title + institution (by ИНН, else by full name); a practice
  not yet in the matrix is added (with its number and direction or programme from the row).

A resource centre loads only its own registries and its own direction; the Department and
the administrator load any (naming the keeper in «Ведёт реестр»). Rows are written through
the registries' services, so the audit trail and the permission rules are the same as on
the forms.
"""

from resurs.coordination.registries.importers.acts import LegalActImporter  # noqa: F401
from resurs.coordination.registries.importers.matrix import PracticeMatrixImporter  # noqa: F401
from resurs.coordination.registries.importers.participants import ParticipantImporter  # noqa: F401
from resurs.coordination.registries.importers.publications import (  # noqa: F401
    ArticleImporter,
    TechnologyImporter,
)
