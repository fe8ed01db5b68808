"""`manage.py worker`: django-tasks-db's worker, with the periodic jobs scheduled first and a loop
that survives database lock timeouts."""

from __future__ import annotations

import logging
import time

from django.db import close_old_connections, connections
from django.db.utils import OperationalError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from wenchuang.core.busy import is_database_busy
from wenchuang.core.scheduling import schedule_start
from wenchuang.core.signals import worker_ready

# The logger db_worker gives a handler, so these warnings show beside its own.
logger = logging.getLogger("django_tasks_db")

# Waits after a lock timeout: short at first, then longer so a long write can finish.
RETRY_DELAYS = (1, 2, 5, 10, 30)


class SurvivingWorker(Worker):
    """A worker that logs a lock timeout, waits and goes on, where db_worker exits.

    django-tasks-db retries claiming a task, but a lock timeout while it records a task's
    result (or while the task itself writes) escapes its loop and ends the process; later
    tasks then stay queued until someone restarts it.
    """

    def run(self) -> None:
        failures = 0
        while self.running:
            try:
                worker_ready.send(sender=type(self))
                super().run()
                return
            except OperationalError as error:
                if not is_database_busy(error):
                    raise
                delay = RETRY_DELAYS[min(failures, len(RETRY_DELAYS) - 1)]
                failures += 1
                logger.warning("Database busy (%s); retrying in %s s.", error, delay)
                self.running_task = False
                for connection in connections.all():
                    # A fresh connection after the error; one inside a transaction (a test's)
                    # belongs to its owner.
                    if not connection.in_atomic_block:
                        connection.close()
                time.sleep(delay)
                close_old_connections()


class Command(DbWorkerCommand):
    help = (
        "Schedule the periodic jobs that have no run waiting, then run background tasks; "
        "the worker survives database lock timeouts."
    )

    def handle(self, *args, **options) -> None:
        import django_tasks_db.management.commands.db_worker as db_worker

        started = schedule_start()
        if started and options["verbosity"]:
            self.stdout.write("Scheduled: " + ", ".join(started))

        # db_worker builds its Worker by name; ours is a drop-in subclass.
        db_worker.Worker = SurvivingWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = Worker  # type: ignore[misc]
