"""`wenchuang demo-data`: deterministic demo records for the directory and one login per role."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wenchuang.directory.demo import generate
from wenchuang.reference.models import Region


class Command(BaseCommand):
    help = _(
        "Create demo organisations, parks, enterprises, investors, talents, service providers, "
        "association memberships and one login per role. If demo data is already present it is "
        "kept (the command does nothing) unless --reset is given, which deletes it first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enterprises", type=int, default=2000, help=_("number of enterprises")
        )
        parser.add_argument("--seed", type=int, default=2026, help=_("random seed"))
        parser.add_argument(
            "--fund-applications",
            type=int,
            default=None,
            help=_("applications to the demo special-fund call (one per Wuxi enterprise)"),
        )
        parser.add_argument(
            "--reset", action="store_true", help=_("delete earlier demo data and create it anew")
        )
        parser.add_argument("--no-progress", action="store_true", help=_("hide the progress bar"))

    def handle(self, *args, enterprises, seed, reset, no_progress, fund_applications, **options):
        if enterprises < 0:
            raise CommandError(_("--enterprises must be zero or more."))
        if fund_applications is not None and fund_applications < 0:
            raise CommandError(_("--fund-applications must be zero or more."))
        if not Region.objects.filter(code="000000").exists():
            raise CommandError(_("Load the reference data first: wenchuang load-reference"))
        started = time.monotonic()
        summary = generate(
            enterprises=enterprises,
            seed=seed,
            progress=not no_progress,
            reset=reset,
            fund_applications=fund_applications,
        )
        if summary.skipped:
            self.stdout.write(
                _("Demo data is already present; nothing created (use --reset to recreate it).")
            )
        else:
            for label, count in summary.created.items():
                self.stdout.write(f"{label}: {count:,}")
            self.stdout.write(
                _("Demo data created in %(s).1f s.") % {"s": time.monotonic() - started}
            )
        self.stdout.write(self._table(summary.logins))

    def _table(self, logins: list[dict[str, str]]) -> str:
        headers = {
            "username": _("username"),
            "password": _("password"),
            "role": _("role"),
            "organisation": _("organisation"),
            "jurisdiction": _("jurisdiction"),
        }
        rows = [list(headers.values())] + [[row[k] for k in headers] for row in logins]
        widths = [max(_width(r[i]) for r in rows) for i in range(len(headers))]
        lines = []
        for n, row in enumerate(rows):
            cells = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)]
            lines.append("| " + " | ".join(cells) + " |")
            if n == 0:
                lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        return "\n".join(lines)


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
