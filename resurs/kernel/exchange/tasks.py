"""Background work of imports (X-4): a big file is checked and saved outside the request."""

from django.tasks import task


@task
def check_import(batch_id: int) -> None:
    from resurs.kernel.exchange import services  # services queue these tasks: import at run time

    services.import_check(batch_id=batch_id)


@task
def apply_import(batch_id: int) -> None:
    from resurs.kernel.exchange import services

    services.import_apply(batch_id=batch_id)
