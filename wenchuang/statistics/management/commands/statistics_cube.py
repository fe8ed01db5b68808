"""Rebuild the statistics cube from the current values (all of it, or only what changed)."""

import time

from django.core.management.base import BaseCommand

from wenchuang.core.planner import refresh_planner_statistics
from wenchuang.statistics.cube import build_cube, refresh_changed


class Command(BaseCommand):
    help = "Rebuild every cell of the statistics cube (--changed: only what changed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--changed", action="store_true", help="only quarters and provinces with new values"
        )

    def handle(self, *args, changed: bool = False, **options):
        started = time.monotonic()
        result = refresh_changed() if changed else build_cube()
        refresh_planner_statistics()
        cells = result.cells if result else 0
        self.stdout.write(f"{cells} cells in {time.monotonic() - started:.1f} s")
