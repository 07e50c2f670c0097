"""What the calendar adds: the production calendar's page."""

from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem("Производственный календарь", "workcalendar:year", section="service", position=20),
    ),
)
