"""Recompute the whole registration log; name the first bad entry when one was altered."""

from django.core.management.base import BaseCommand, CommandError

from wenchuang.ip_registry import canonical, log
from wenchuang.ip_registry.models import LogEntry


class Command(BaseCommand):
    help = (
        "Recompute every leaf hash of the registration log, every signed tree head's root and "
        "signature, and compare each entry with the registration in the database."
    )

    def handle(self, *args, **options):
        problems = log.check(canonical_of=canonical.leaf_of)
        if problems:
            for problem in problems:
                self.stderr.write(self.style.ERROR(problem.message))
            first = problems[0].index
            raise CommandError(
                f"the log does NOT verify; first bad entry: {first}"
                if first is not None
                else "the log does NOT verify"
            )
        size = LogEntry.objects.count()
        head = log.latest_head()
        root = head.root_hash if head else "-"
        self.stdout.write(self.style.SUCCESS(f"the log verifies: {size} entries, root {root}"))
