"""What the registries add: their menu, home-page items, demo, importers, and their records
as evidence of a roadmap checkpoint (MAP-4)."""

from resurs.coordination.registries import selectors
from resurs.coordination.registries.attention import items_for
from resurs.coordination.registries.demo import load_demo_data
from resurs.coordination.registries.importers import (
    ArticleImporter,
    LegalActImporter,
    ParticipantImporter,
    PracticeMatrixImporter,
    TechnologyImporter,
)
from resurs.coordination.registries.models import (
    Article,
    LegalAct,
    Participant,
    SocialPractice,
    Technology,
)
from resurs.kernel.accounts.roles import COORDINATION_ROLES
from resurs.kernel.contributions import Contribution, MenuItem, MenuSection


def _evidence(key, label, model, visible):
    return {"key": key, "label": label, "model": model, "owner_field": "owner", "visible": visible}


CONTRIBUTION = Contribution(
    menu_sections=(MenuSection("registries", "Реестры", order=20),),
    menu=(
        MenuItem("Реестры РЦ", "registries:index", COORDINATION_ROLES, section="registries"),
        MenuItem(
            "Матрица социальных практик",
            "registries:matrix",
            COORDINATION_ROLES,
            section="registries",
        ),
    ),
    attention=items_for,
    demo=load_demo_data,
    importers=(
        ParticipantImporter,
        LegalActImporter,
        TechnologyImporter,
        ArticleImporter,
        PracticeMatrixImporter,
    ),
    extensions={
        "roadmap_evidence": (
            _evidence(
                "legal_act",
                "Нормативный правовой акт (реестр)",
                LegalAct,
                selectors.legal_acts_visible_to,
            ),
            _evidence(
                "technology", "Технология (реестр)", Technology, selectors.technologies_visible_to
            ),
            _evidence("article", "Статья (реестр)", Article, selectors.articles_visible_to),
            _evidence(
                "practice",
                "Социальная практика (реестр)",
                SocialPractice,
                selectors.practices_visible_to,
            ),
            _evidence(
                "participant",
                "Участник (реестр)",
                Participant,
                selectors.participants_visible_to,
            ),
        )
    },
)
