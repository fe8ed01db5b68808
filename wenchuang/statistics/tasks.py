"""Background tasks of statistics: running an uploaded file of returns."""

from django_tasks import task


@task()
def run_upload(upload_id: int) -> None:
    from .uploads import run

    run(upload_id)
