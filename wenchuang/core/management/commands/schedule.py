"""`manage.py schedule list|start|run NAME`: the periodic jobs, for people and for cron."""

from django.core.management.base import BaseCommand, CommandError

from wenchuang.core.scheduling import next_runs, periodic_jobs, schedule_start


class Command(BaseCommand):
    help = (
        "list: the periodic jobs and their next run; start: queue the jobs that have no run "
        "waiting (the worker does this when it starts); run NAME: run one job now, in this "
        "process (for a cron entry instead of the worker's schedule)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "start", "run"])
        parser.add_argument("name", nargs="?")

    def handle(self, *, action, name, **options):
        jobs = periodic_jobs()
        if action == "start":
            started = schedule_start()
            self.stdout.write("Scheduled: " + (", ".join(started) or "nothing new"))
        elif action == "list":
            upcoming = next_runs()
            for job in jobs.values():
                self.stdout.write(f"{job.name}\tevery {job.every}\tnext {upcoming[job.name]}")
        else:
            if name not in jobs:
                raise CommandError(f"Unknown job {name!r}; known: {', '.join(sorted(jobs))}")
            self.stdout.write(repr(jobs[name].run()))
