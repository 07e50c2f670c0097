"""Background work of requests and instructions (REP-7 for REP-9): the daily reminders."""

from django.tasks import task


@task
def send_due_reminders() -> int:
    from resurs.coordination.instructions import (
        services,  # services import the models: import at run time
    )

    return services.send_due_reminders()
