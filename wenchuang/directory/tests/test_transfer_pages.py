"""Import and export from the staff pages, as a person at the agency would use them."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wenchuang.directory.models import Enterprise

from .conftest import csv_bytes, enterprise_row

pytestmark = pytest.mark.django_db


def upload(rows, name="firms.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, csv_bytes(rows, encoding=encoding), content_type="text/csv")


def test_staff_import_runs_in_the_background_and_shows_the_result(client, cast, media):
    client.force_login(cast["national_staff"])  # the rows are in Weifang
    response = client.post(
        "/en/enterprise/import/", {"file": upload([enterprise_row(1), enterprise_row(2)])}
    )
    assert response.status_code == 302
    # The test settings run tasks immediately, so the job page already shows the outcome.
    page = client.get(response["Location"]).content.decode()
    assert "2 records imported." in page
    assert 'value="100"' in page  # the progress bar is full
    assert Enterprise.objects.filter(name_en__startswith="Weifang Culture Media").count() == 2


def test_rejected_rows_are_listed_with_line_column_and_reason(client, cast, media):
    client.force_login(cast["national_staff"])
    rows = [enterprise_row(1), enterprise_row(2, region_code="999999")]
    response = client.post("/en/enterprise/import/", {"file": upload(rows, encoding="gb18030")})
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "Nothing was imported" in fragment
    assert "<td>3</td><td>region_code</td>" in fragment
    assert not Enterprise.objects.filter(name_en__startswith="Weifang Culture Media").exists()


def test_wrong_file_type_is_refused_on_the_form(client, cast, media):
    client.force_login(cast["wuxi_staff"])
    bad = SimpleUploadedFile("firms.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post("/en/enterprise/import/", {"file": bad})
    assert response.status_code == 200
    assert "Upload a .csv or .xlsx file." in response.content.decode()


def test_import_page_is_refused_to_representatives(client, cast):
    client.force_login(cast["rep"])
    response = client.get("/en/enterprise/import/")
    assert response.status_code == 403
    assert "Only centre staff" in response.content.decode()


def test_export_follows_the_filters_and_hides_contacts_from_visitors(client, cast, directory):
    response = client.get("/en/enterprise/export.csv", {"province": "320000"})
    assert response["Content-Disposition"].startswith('attachment; filename="wenchuang-enterprise')
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {r["name_en"] for r in rows} == {
        "Wuxi Lingdong Animation Technology Co., Ltd.",
        "Xinwu Design Ltd",
    }
    assert "email" not in rows[0]
    client.force_login(cast["wuxi_staff"])
    staff_body = b"".join(client.get("/en/enterprise/export.csv").streaming_content)
    assert b"contact@acme.example.cn" in staff_body


def test_xlsx_export_opens_in_a_spreadsheet(client, directory):
    from openpyxl import load_workbook

    response = client.get("/en/park/export.xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    names = [row[rows[0].index("name_zh_hans")] for row in rows[1:]]
    assert "无锡国家数字电影产业园" in names
