"""What roadmaps add: the roadmaps in the menu, home-page items, demo, the
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
    ),
    attention=items_for,
    demo=load_demo_data,
    importers=(RoadmapImporter,),
    daily_jobs=(DailyJob("Просроченные контрольные точки дорожных карт", notify_overdue.enqueue),),
)
