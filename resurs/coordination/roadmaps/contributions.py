"""What roadmaps add: the roadmaps in the menu, the units' work plans in the case-work
section (SOC-13), home-page items, demo (after the units' demo: it plans a unit's year), the
importer, and the daily check of overdue checkpoints (MAP-6)."""

from resurs.coordination.roadmaps.attention import items_for
from resurs.coordination.roadmaps.demo import load_demo_data
from resurs.coordination.roadmaps.importers import RoadmapImporter
from resurs.coordination.roadmaps.tasks import notify_overdue
from resurs.kernel.accounts.roles import ALL_ROLES, Role
from resurs.kernel.contributions import Contribution, DailyJob, MenuItem, MenuSection

CONTRIBUTION = Contribution(
    menu_sections=(MenuSection("roadmaps", "Дорожные карты", order=30),),
    menu=(
        MenuItem(
            "Дорожные карты", "roadmaps:list", ALL_ROLES - {Role.SPECIALIST}, section="roadmaps"
        ),
        MenuItem(
            "План работы отделения",
            "roadmaps:units",
            frozenset({Role.HEAD, Role.SPECIALIST, Role.PROVIDER}),
            section="casework",
            position=75,
        ),
    ),
    attention=items_for,
    demo=load_demo_data,
    demo_after=("units",),
    importers=(RoadmapImporter,),
    daily_jobs=(DailyJob("Просроченные контрольные точки дорожных карт", notify_overdue.enqueue),),
)
