"""The quarterly report: a button queues it, the page shows progress, PDF and XLSX read back."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from wenchuang.statistics.cube import build_cube
from wenchuang.statistics.models import QuarterlyReport
from wenchuang.statistics.tests.cube_data import wuxi_quarters

pytestmark = pytest.mark.django_db


def test_staff_press_the_button_and_get_a_bilingual_pdf_and_a_workbook(
    client, cast, django_capture_on_commit_callbacks
):
    _q19, q20 = wuxi_quarters()
    build_cube()
    client.force_login(cast["wuxi_staff"])
    with django_capture_on_commit_callbacks(execute=True):  # the worker's run, at once
        response = client.post("/en/statistics/reports/", {"period": q20.pk})
    report = QuarterlyReport.objects.get()
    assert response.url == f"/en/statistics/reports/{report.pk}/"
    page = client.get(response.url).content.decode()
    assert "The report is ready." in page
    pdf = client.get(f"/en/statistics/reports/{report.pk}/report.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert (
        "文化产业季度报告 2020Q4" in text.replace("：", " ").replace(":", " ") or "2020Q4" in text
    )
    assert "Culture industry: quarterly report 2020Q4" in text
    # The commentary names the fastest growth (Liangxi's press: 1,000 → 1,200, +20 %).
    assert "grew fastest" in text
    book = load_workbook(
        io.BytesIO(client.get(f"/en/statistics/reports/{report.pk}/report.xlsx").content)
    )
    assert book.sheetnames == ["Indicators", "By class", "By region", "Targets", "Commentary"]
    revenue = [row for row in book["Indicators"].iter_rows(values_only=True) if row[1] == "revenue"]
    assert revenue[0][2] == 5 * 1000 + 4800


def test_others_cannot_make_reports(client, cast):
    client.force_login(cast["rep"])
    assert client.get("/en/statistics/reports/").status_code == 403


def test_the_command_writes_both_files(tmp_path):
    wuxi_quarters()
    call_command("statistics_report", "2020Q4", "--region", "320200", "--out", str(tmp_path))
    assert (tmp_path / "quarterly-report-2020Q4.pdf").read_bytes()[:4] == b"%PDF"
    assert load_workbook(tmp_path / "quarterly-report-2020Q4.xlsx")["Indicators"]
