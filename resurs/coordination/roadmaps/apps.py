from django.apps import AppConfig


class RoadmapsConfig(AppConfig):
    name = "resurs.coordination.roadmaps"
    label = "roadmaps"
    verbose_name = "Планы мероприятий («дорожные карты»)"
    default_auto_field = "django.db.models.BigAutoField"
