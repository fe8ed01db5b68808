"""Export links on the list pages, and list filters given values that name nothing."""

import csv
import io

import openpyxl
import pytest
from django.test import override_settings

from wenchuang.directory.demo import generate
from wenchuang.directory.models import Enterprise, ServiceProvider, Talent

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        return generate(enterprises=30, seed=5, progress=False)


def export_links(client, kind: str) -> list[str]:
    page = client.get(f"/en/{kind}/").content.decode()
    return [
        href.split("?")[0]
        for href in (f"/en/{kind}/export.csv", f"/en/{kind}/export.xlsx")
        if f'href="{href}?' in page
    ]


@pytest.mark.parametrize("kind, model", [("talent", Talent), ("provider", ServiceProvider)])
def test_talents_and_providers_export_in_both_formats_the_list_offers(client, demo, kind, model):
    published = model.objects.filter(status="published")
    names = set(published.values_list("name_zh_hans", flat=True))
    links = export_links(client, kind)
    assert len(links) == 2

    as_csv = client.get(links[0])
    assert as_csv.status_code == 200
    table = list(csv.reader(io.StringIO(b"".join(as_csv.streaming_content).decode("utf-8-sig"))))
    # The record id first, so an edited export re-imports as updates.
    assert table[0][:3] == ["id", "name_zh_hans", "name_en"]
    assert "email" not in table[0]  # a visitor's export has no contact details
    assert {row[1] for row in table[1:]} == names

    as_xlsx = client.get(links[1])
    assert as_xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(as_xlsx.streaming_content))).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == names


@pytest.mark.parametrize("fmt", ["pdf", "xlsx.exe", "CSV", "json"])
def test_an_export_in_a_format_we_do_not_write_is_not_found(client, demo, fmt):
    assert client.get(f"/en/enterprise/export.{fmt}").status_code == 404


def test_a_park_number_no_park_can_have_is_refused_with_a_message(client, demo):
    response = client.get("/en/enterprise/", {"park": "99999999999999999999"})

    assert response.status_code == 200
    assert "less than or equal to" in response.content.decode()
    # The filter is left out: the list shows every published enterprise.
    shown = response.context["page"].paginator.count
    assert shown == Enterprise.objects.filter(status="published").count()


@pytest.mark.parametrize("value", ["99999999999999999999", "abc", "-3"])
def test_an_export_with_a_bad_park_filter_exports_the_list_without_it(client, demo, value):
    response = client.get("/en/enterprise/export.csv", {"park": value})
    assert response.status_code == 200
    rows = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(rows) - 1 == Enterprise.objects.filter(status="published").count()
