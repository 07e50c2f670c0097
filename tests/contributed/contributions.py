from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import (
    AttentionItem,
    Contribution,
    DailyJob,
    MenuItem,
    MenuSection,
)

RAN: list[str] = []


def _attention(scope):
    return [AttentionItem("Новый раздел ждёт", "Проверьте его.", "/")]


def _job():
    RAN.append("job")
    return "готово"


CONTRIBUTION = Contribution(
    menu_sections=(MenuSection("contributed", "Новый раздел", order=80),),
    menu=(MenuItem("Новая страница", "home", frozenset({Role.SPECIALIST}), section="contributed"),),
    attention=_attention,
    daily_jobs=(DailyJob("Работа нового раздела", _job),),
    extensions={"roadmap_evidence": ()},
)
