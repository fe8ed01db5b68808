"""`manage.py worker`: the django-tasks database worker, with the periodic jobs scheduled first."""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from wenchuang.core.scheduling import schedule_start


class Command(DbWorkerCommand):
    help = "Schedule the periodic jobs that have no run waiting, then run background tasks."

    def handle(self, *args, **options):
        started = schedule_start()
        if started and options["verbosity"]:
            self.stdout.write("Scheduled: " + ", ".join(started))
        return super().handle(*args, **options)
