"""Make the quarterly report (PDF in Chinese and English, and XLSX) for a quarter."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wenchuang.reference.models import Region
from wenchuang.statistics.cube import NATIONAL, refresh_changed
from wenchuang.statistics.models import Period
from wenchuang.statistics.reports import build_pdf, build_xlsx


class Command(BaseCommand):
    help = "Write quarterly-report-<YYYYQn>.pdf and .xlsx for a quarter (and a region)."

    def add_arguments(self, parser):
        parser.add_argument("quarter", help="the quarter, e.g. 2019Q4")
        parser.add_argument("--region", default=NATIONAL, help="GB/T 2260 code (default: 000000)")
        parser.add_argument("--out", default=".", help="the folder to write to")

    def handle(self, *args, quarter: str, region: str, out: str, **options):
        try:
            year, q = quarter.upper().split("Q")
            period = Period.objects.get(year=int(year), quarter=int(q))
        except (ValueError, Period.DoesNotExist):
            raise CommandError(f"No quarter {quarter!r} in the calendar (e.g. 2019Q4).") from None
        place = Region.objects.filter(code=region).first()
        if place is None:
            raise CommandError(f"Unknown region {region!r}.")
        refresh_changed()
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        pdf = folder / f"quarterly-report-{period.label}.pdf"
        pdf.write_bytes(build_pdf(period, place))
        xlsx = folder / f"quarterly-report-{period.label}.xlsx"
        xlsx.write_bytes(build_xlsx(period, place))
        self.stdout.write(f"{pdf}\n{xlsx}")
