"""What events add: their menu, home-page items, demo, and events, publications and
consultations as evidence of a roadmap checkpoint."""

from resurs.coordination.events import selectors
from resurs.coordination.events.attention import items_for
from resurs.coordination.events.demo import load_demo_data
from resurs.coordination.events.models import Consultation, Event, Publication
from resurs.kernel.accounts.roles import ALL_ROLES, Role
from resurs.kernel.contributions import Contribution, MenuItem, MenuSection

NOT_SPECIALIST = ALL_ROLES - {Role.SPECIALIST}

CONTRIBUTION = Contribution(
    menu_sections=(MenuSection("events", "Мероприятия", order=40),),
    menu=(
        MenuItem("Мероприятия", "events:list", section="events"),
        MenuItem("Календарь мероприятий", "events:calendar", section="events"),
        MenuItem("План обучения", "events:training", NOT_SPECIALIST, section="events"),
        MenuItem("Консультации", "events:consultation_list", section="events"),
        MenuItem("Медиапланы", "events:media_plan_list", NOT_SPECIALIST, section="events"),
        MenuItem("Публикации", "events:publication_list", section="events"),
    ),
    attention=items_for,
    demo=load_demo_data,
    extensions={
        "roadmap_evidence": (
            {
                "key": "event",
                "label": "Мероприятие",
                "model": Event,
                "owner_field": "organiser",
                "visible": selectors.events_visible_to,
            },
            {
                "key": "publication",
                "label": "Публикация",
                "model": Publication,
                "owner_field": "organisation",
                "visible": selectors.publications_visible_to,
            },
            {
                "key": "consultation",
                "label": "Консультация",
                "model": Consultation,
                "owner_field": "organisation",
                "visible": selectors.consultations_visible_to,
            },
        )
    },
)
