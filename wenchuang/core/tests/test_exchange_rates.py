"""Newer ECB rates from `manage.py exchange_rates`: prices convert again, bad files refused."""

import datetime as dt
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from wenchuang.core import money
from wenchuang.core.money import NoRate, exchange_rate, rates_end


def _history(path, rows: list[tuple[dt.date, str, str]]):
    """An eurofxref-hist.zip as the ECB publishes it: one CSV, newest day first."""
    lines = ["Date,USD,CNY,"] + [f"{day.isoformat()},{usd},{cny}," for day, usd, cny in rows]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("eurofxref-hist.csv", "\n".join(lines) + "\n")
    return path


@pytest.fixture
def installed(tmp_path):
    target = tmp_path / "var" / "eurofxref-hist.zip"
    with override_settings(EXCHANGE_RATES_FILE=str(target)):
        yield target


def test_a_newer_history_makes_foreign_prices_convert_again(installed, tmp_path, capsys):
    shipped_end = rates_end()
    later = shipped_end + dt.timedelta(days=90)  # beyond the 60 days a rate may be old
    with pytest.raises(NoRate):
        exchange_rate("CNY", "EUR", later)

    newer = _history(
        tmp_path / "download.zip",
        [(later - dt.timedelta(days=1), "1.10", "8.00"), (shipped_end, "1.11", "7.90")],
    )
    call_command("exchange_rates", file=newer)
    assert f"up to {later - dt.timedelta(days=1)}" in capsys.readouterr().out
    rate, day = exchange_rate("CNY", "EUR", later)
    assert (rate, day) == (Decimal("0.1250000000"), later - dt.timedelta(days=1))
    assert installed.is_file()


def test_a_file_that_is_not_the_ecb_history_is_refused_and_the_rates_stay(installed, tmp_path):
    fake = tmp_path / "eurofxref-hist.zip"
    fake.write_text("<html>Service unavailable</html>")
    before = rates_end()
    with pytest.raises(CommandError, match="not the ECB's reference-rate history"):
        call_command("exchange_rates", file=fake)
    assert rates_end() == before and not installed.exists()


def test_an_older_history_does_not_replace_newer_rates(installed, tmp_path):
    older = _history(tmp_path / "old.zip", [(dt.date(2020, 1, 3), "1.12", "7.80")])
    with pytest.raises(CommandError, match="before the rates in use"):
        call_command("exchange_rates", file=older)
    assert not installed.exists()


def test_a_file_another_process_installed_is_used_within_the_check_interval(
    installed, tmp_path, monkeypatch
):
    shipped_end = rates_end()
    later = shipped_end + dt.timedelta(days=90)
    clock = [money.time.monotonic() + 3600]  # an hour on: rates_end() above has looked
    monkeypatch.setattr(money.time, "monotonic", lambda: clock[0])
    with pytest.raises(NoRate):
        exchange_rate("CNY", "EUR", later)  # looks at the (missing) file now
    # Another process (the cron entry) installs a newer history.
    installed.parent.mkdir(parents=True)
    _history(installed, [(later, "1.10", "8.00"), (shipped_end, "1.11", "7.90")])
    clock[0] += money.RATES_CHECK_SECONDS / 2
    with pytest.raises(NoRate):  # a page's many conversions do not look at the file
        exchange_rate("CNY", "EUR", later)
    clock[0] += money.RATES_CHECK_SECONDS
    assert exchange_rate("CNY", "EUR", later) == (Decimal("0.1250000000"), later)
