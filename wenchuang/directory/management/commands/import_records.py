"""`wenchuang import KIND FILE`: bulk import with a progress bar and a report of rejected rows."""

import csv

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wenchuang.directory.importing import KINDS, import_file

REPORT_LINES = 50


class Command(BaseCommand):
    help = _("Import enterprises, parks or investors from a CSV or XLSX file.")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file")
        parser.add_argument(
            "--partial",
            action="store_true",
            help=_("Import the valid rows even when some are rejected."),
        )
        parser.add_argument("--user", help=_("Username recorded as the importer."))
        parser.add_argument(
            "--report", metavar="FILE.csv", help=_("Write every rejected row to this CSV file.")
        )
        parser.add_argument("--no-progress", action="store_true", help=_("No progress bar."))

    def handle(self, *args, kind, file, partial, user, report, no_progress, **options):
        by = None
        if user:
            try:
                by = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(_("No user named %(user)s.") % {"user": user}) from None
        bar = None
        if not no_progress:
            from tqdm import tqdm

            bar = tqdm(total=0, unit=_("steps"), file=self.stderr._out, desc=_("checking"))

        def on_progress(processed: int, total: int) -> None:
            if bar is None:
                return
            if bar.total != total:
                bar.total = total
            if processed * 2 >= total and bar.desc != _("writing"):
                bar.set_description(_("writing"))
            bar.update(processed - bar.n)

        try:
            result = import_file(kind, file, partial=partial, by=by, on_progress=on_progress)
        finally:
            if bar is not None:
                bar.close()

        for error in result.errors[:REPORT_LINES]:
            self.stdout.write(
                _("line %(line)d, column %(column)s: %(reason)s")
                % {"line": error.line, "column": error.column or "-", "reason": error.reason}
            )
        if len(result.errors) > REPORT_LINES:
            self.stdout.write(
                _("… and %(count)d more problems.") % {"count": len(result.errors) - REPORT_LINES}
            )
        if report:
            with open(report, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["line", "column", "reason"])
                writer.writerows((e.line, e.column, e.reason) for e in result.errors)
        summary = _("%(imported)d imported, %(rejected)d rows rejected, %(problems)d problems.") % {
            "imported": result.imported,
            "rejected": result.rejected_rows,
            "problems": len(result.errors),
        }
        if result.errors and not result.imported:
            raise CommandError(
                summary + " " + _("Nothing was imported; correct the file and run again."),
                returncode=1,
            )
        self.stdout.write(summary)
        self.stdout.write(
            _("Created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )
        if result.encoding:
            self.stdout.write(
                _("The file was read as %(encoding)s.") % {"encoding": result.encoding}
            )
