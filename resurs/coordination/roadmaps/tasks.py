"""Background work of roadmaps (MAP-4): overdue checkpoints go to their responsibles."""

from django.tasks import task


@task
def notify_overdue() -> int:
    from resurs.coordination.roadmaps import (
        services,  # services import the models: import at run time
    )

    return services.notify_overdue()
