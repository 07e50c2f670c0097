"""Background work of the public section: e-mailing answers to visitors (EVT-5)."""

from django.tasks import task


@task
def email_answer(question_id: int) -> None:
    # Only the question's id travels through the queue: no personal data in task arguments.
    from resurs.coordination.public import services  # services queue this task: import at run time

    services.question_email_answer(question_id=question_id)
