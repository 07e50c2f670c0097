"""Background work of the rental point (TSR-5): overdue returns flagged once a day."""

from django.tasks import task


@task
def send_overdue_reminders() -> int:
    from resurs.casework.rental import reminders  # the models: import at run time

    return reminders.send_overdue_reminders()
