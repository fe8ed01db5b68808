"""Amounts and numbers read as each reader writes them, on pages in all four languages."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from wenchuang.core.money import (
    Money,
    format_day,
    format_money_range,
    format_number,
    format_percentage,
)
from wenchuang.directory.models import Investor, Park

NNBSP, NBSP = "\u202f", "\xa0"


def plain(text: str) -> str:
    """Non-breaking spaces as plain spaces, to compare with what a reader sees."""
    return text.replace(NNBSP, " ").replace(NBSP, " ")


@pytest.mark.parametrize(
    "language, shown",
    [
        ("fr", "5 000 000,00 CNY"),
        ("en", "CN¥5,000,000.00"),
        ("zh-hans", "¥5,000,000.00"),
        ("de", "5.000.000,00 CN¥"),
    ],
)
def test_an_amount_reads_as_the_reader_writes_it(language, shown):
    assert plain(Money(Decimal("5000000"), "CNY").format(language)) == shown


def test_a_range_has_separators_on_both_ends_and_an_open_end():
    low, high = Money.of("5000000.00", "CNY"), Money.of("50000000.00", "CNY")
    assert plain(format_money_range(low, high, "fr")) == "5 000 000,00 CNY – 50 000 000,00 CNY"
    assert format_money_range(low, None, "en") == "CN¥5,000,000.00 – …"
    assert format_money_range(None, None, "en") == ""


def test_money_refuses_floats_bad_codes_and_mixed_currencies():
    with pytest.raises(TypeError):
        Money(0.1, "CNY")
    with pytest.raises(ValueError):
        Money(Decimal(1), "yuan")
    with pytest.raises(ValueError):
        Money(Decimal(1), "CNY") + Money(Decimal(1), "EUR")
    assert Money("1.10", "cny") + Money(2, "CNY") == Money(Decimal("3.10"), "CNY")
    assert Money.of(None, "CNY") is None


@pytest.mark.parametrize(
    "language, count, coordinate, percent, day",
    [
        ("zh-hans", "12,345", "31.2304", "12.5%", "2026年11月30日"),
        ("en", "12,345", "31.2304", "12.5%", "Nov 30, 2026"),
        ("fr", "12 345", "31,2304", "12,5 %", "30 nov. 2026"),
        ("de", "12.345", "31,2304", "12,5 %", "30.11.2026"),
    ],
)
def test_numbers_percentages_and_dates_in_four_languages(language, count, coordinate, percent, day):
    assert plain(format_number(12345, language=language)) == count
    assert format_number(Decimal("31.230416"), 4, language) == coordinate
    assert plain(format_percentage(Decimal("12.50"), language)) == percent
    assert format_day(dt.date(2026, 11, 30), language) == day


# Pages built from the demo generator's records

DEMO_SEED = 7


def text_of(html: str) -> str:
    return plain(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    "prefix, thousands",
    [("", ","), ("/en", ","), ("/fr", " "), ("/de", ".")],
)
def test_investor_ticket_sizes_have_thousands_separators(client, demo_db, prefix, thousands):
    investor = Investor.objects.filter(status="published", ticket_max__gte=1_000_000).first()
    page = text_of(client.get(f"{prefix}/investor/{investor.pk}/").content.decode())
    whole = f"{int(investor.ticket_max):,}".replace(",", thousands)
    assert whole in page
    assert f"{int(investor.ticket_max)}" not in page.replace(whole, "")


@pytest.mark.parametrize("prefix", ["", "/en", "/fr", "/de"])
def test_park_page_labels_are_distinct_and_coordinates_readable(client, demo_db, prefix):
    park = Park.objects.filter(status="published", latitude__isnull=False).first()
    html = client.get(f"{prefix}/park/{park.pk}/").content.decode()
    labels = [plain(label).strip() for label in re.findall(r"<(?:dt|h2)>([^<]+)</", html)]
    assert len(labels) == len(set(labels)), labels
    latitude = format_number(park.latitude, 4, prefix.strip("/") or "zh-hans")
    longitude = format_number(park.longitude, 4, prefix.strip("/") or "zh-hans")
    assert latitude in html and longitude in html


@pytest.mark.parametrize(
    "language, count, pages",
    [
        ("zh-hans", "123,456", "4,939"),
        ("en", "123,456 records", "page 1 of 4,939"),
        ("fr", "123 456 fiches", "page 1 sur 4 939"),
        ("de", "123.456 Einträge", "4.939"),
    ],
)
def test_result_counts_have_thousands_separators(rf, language, count, pages):
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.utils import translation

    page = Paginator(range(123456), 25).get_page(1)
    with translation.override(language):
        html = render_to_string("directory/_results.html", {"page": page}, rf.get("/"))
    assert count in plain(html)
    assert pages in plain(html)


def test_finite_decimal_reads_numbers_staff_write_and_nothing_else():
    from wenchuang.core.money import finite_decimal

    assert finite_decimal("83.75") == Decimal("83.75")
    assert finite_decimal(3) == Decimal(3)
    for value in (True, None, "", "abc", "inf", "NaN", [1]):
        assert finite_decimal(value) is None


def test_a_conversion_on_a_sunday_uses_fridays_ecb_rate_and_says_so():
    from wenchuang.core.money import convert

    sunday = dt.date(2026, 10, 18)
    done = convert(Money("280.00", "CNY"), "EUR", sunday)
    assert done.rate_date == dt.date(2026, 10, 16)  # the Friday before
    assert done.converted.currency == "EUR"
    assert done.converted.amount == (Decimal("280.00") * done.rate).quantize(Decimal("0.01"))
    assert convert(Money("5", "CNY"), "CNY", sunday).rate == 1


def test_no_rate_names_the_currencies_and_the_day():
    from wenchuang.core.money import NoRate, exchange_rate

    with pytest.raises(NoRate, match="from CNY to VND"):
        exchange_rate("CNY", "VND", dt.date(2026, 10, 15))  # the ECB does not quote it
    with pytest.raises(NoRate, match="from CNY to RUB"):
        exchange_rate("CNY", "RUB", dt.date(2026, 10, 15))  # quoted until March 2022
    with pytest.raises(NoRate):
        exchange_rate("CNY", "EUR", dt.date(2004, 1, 5))  # before the yuan's first ECB rate
