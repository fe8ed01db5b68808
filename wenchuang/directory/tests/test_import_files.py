"""What the importer makes of awkward files, and how its report and help read in each language."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wenchuang.core import tabular
from wenchuang.directory.importing import import_file
from wenchuang.directory.models import Enterprise, ImportJob

from .conftest import csv_bytes, enterprise_row

pytestmark = pytest.mark.usefixtures("reference_data")


def codes(result):
    return [(e.line, e.column, e.code) for e in result.errors]


def test_a_gb18030_file_says_which_encoding_was_used(write_file):
    path = write_file("企业.csv", csv_bytes([enterprise_row(1)], encoding="gb18030"))

    result = import_file("enterprises", path)

    assert result.imported == 1 and result.encoding == "GB18030"


@pytest.mark.parametrize(
    ("encoding", "name", "text"),
    [
        ("big5", "Big5", "臺北市文化傳媒有限公司"),
        ("shift_jis", "Shift-JIS", "東京アニメ文化株式会社"),
    ],
)
def test_big5_and_shift_jis_files_are_refused_by_name_not_imported_as_mojibake(
    write_file, encoding, name, text
):
    rows = [enterprise_row(n, name_zh_hans=text, name_en="") for n in (1, 2)]
    path = write_file("firms.csv", csv_bytes(rows, encoding=encoding))

    result = import_file("enterprises", path)

    assert codes(result) == [(0, "", "bad_encoding")]
    assert name in result.errors[0].reason
    assert Enterprise.objects.count() == 0


def test_a_cell_over_128_kib_rejects_its_row_not_the_job(write_file):
    rows = [enterprise_row(1), enterprise_row(2, description_en="x" * 200_000), enterprise_row(3)]
    path = write_file("big.csv", csv_bytes(rows))

    result = import_file("enterprises", path, partial=True)

    # The model field's rule, worded as a form words it (decision 0013).
    assert codes(result) == [(3, "description_en", "field_rule")]
    assert result.errors[0].reason == (
        "Ensure this value has at most 20000 characters (it has 200000)."
    )
    assert result.imported == 2


def bomb(path, unpacked_bytes: int):
    """A real workbook with one more part that unpacks from next to nothing to a lot."""
    workbook = openpyxl.Workbook()
    workbook.active.append(list(enterprise_row(1)))
    workbook.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.xml", b" " * unpacked_bytes)
    return path


def test_a_workbook_that_unpacks_a_thousand_times_its_size_is_refused_unread(tmp_path):
    path = bomb(tmp_path / "bomb.xlsx", 20 * 1024 * 1024)
    assert path.stat().st_size < 200_000

    result = import_file("enterprises", path)

    assert codes(result) == [(0, "", "archive_ratio")]
    assert "compressed" in result.errors[0].reason


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "XLSX_MAX_UNPACKED_BYTES", 4 * 1024 * 1024)
    monkeypatch.setattr(tabular, "XLSX_MAX_RATIO", 10_000)
    path = bomb(tmp_path / "big.xlsx", 5 * 1024 * 1024)

    result = import_file("enterprises", path)

    assert codes(result) == [(0, "", "archive_too_large")]


@pytest.mark.usefixtures("media")
def test_the_same_report_reads_in_english_and_in_french(client, cast):
    client.force_login(cast["national_staff"])
    rows = [enterprise_row(1, employees="beaucoup"), enterprise_row(2, region_code="999999")]
    upload = SimpleUploadedFile("firms.csv", csv_bytes(rows))
    response = client.post("/en/enterprise/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert job.errors[0]["code"] == "not_integer"  # stored as a code, not as a sentence

    english = client.get(f"/en/imports/{job.pk}/").content.decode()
    french = client.get(f"/fr/imports/{job.pk}/").content.decode()

    assert response.status_code == 302
    assert "Not a whole number: “beaucoup”." in english
    assert "Unknown region code “999999” (GB/T 2260)." in english
    assert "Pas un nombre entier\xa0: «\xa0beaucoup\xa0»." in french
    assert "Code de région inconnu «\xa0999999\xa0» (GB/T 2260)." in french
    assert "Not a whole number" not in french


def test_the_import_page_lists_the_columns_and_offers_templates(client, cast):
    client.force_login(cast["national_staff"])

    english = client.get("/en/park/import/").content.decode()
    french = client.get("/fr/park/import/").content.decode()

    assert "<code>vacancy_rate</code>" in english
    assert "Share of space vacant, in per cent (0 to 100)." in english
    assert "Part de surface vacante, en pour cent (0 à 100)." in french
    assert 'href="/en/park/import/template.csv"' in english
    assert 'href="/fr/park/import/template.xlsx"' in french


def test_the_template_is_in_the_readers_language_and_imports_once_filled_in(
    client, cast, write_file
):
    client.force_login(cast["national_staff"])

    response = client.get("/fr/enterprise/import/template.csv")
    header, comment = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get("/de/enterprise/import/template.xlsx").content)
    )
    german = [cell.value for cell in workbook.active[2]]

    assert header[:3] == ["id", "name_zh_hans", "name_en"]
    assert comment[0].startswith("#")
    assert "Jahresumsatz" in german[header.index("annual_revenue")]
    filled = io.StringIO()
    writer = csv.writer(filled)
    writer.writerows([header, comment])
    row = enterprise_row(1)
    writer.writerow([row.get(name, "") for name in header])
    result = import_file("enterprises", write_file("filled.csv", filled.getvalue().encode()))
    assert result.errors == [] and result.created == 1
