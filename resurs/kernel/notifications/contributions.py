"""What notifications add: the inbox in the menu, for every role."""

from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(MenuItem("Уведомления", "notifications:inbox", section="service", position=10),),
)
