"""Export of directory records to CSV and XLSX, and reading an export back in."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command

from wenchuang.directory.exporting import export_to_file, iter_csv, write_xlsx
from wenchuang.directory.importing import column_names, import_file
from wenchuang.directory.models import Enterprise, Park

from .conftest import credit_code, csv_bytes, enterprise_row

pytestmark = pytest.mark.usefixtures("reference_data")

COMPARED = [
    "name_zh_hans",
    "name_en",
    "region_id",
    "category_id",
    "credit_code",
    "employees",
    "annual_revenue",
    "revenue_year",
    "email",
    "phone",
    "province_code",
    "mid_code",
    "above_designated_size",
    "search_text",
]


@pytest.fixture
def enterprises(write_file):
    rows = [
        enterprise_row(1, email="info@kite.cn", phone="+86 536 1234567"),
        enterprise_row(2, name_en='=HYPERLINK("http://evil")', annual_revenue="25000000.5"),
        enterprise_row(3, name_zh_hans="高密剪纸艺术有限公司", employees=""),
    ]
    result = import_file("enterprises", write_file("e.csv", csv_bytes(rows)))
    assert result.imported == 3
    return Enterprise.objects.all()


def snapshot():
    return sorted(Enterprise.objects.values_list(*COMPARED))


def test_csv_export_opens_in_excel_and_leaves_out_contacts(enterprises):
    data = b"".join(iter_csv(enterprises))

    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert "email" not in table[0] and "phone" not in table[0]
    assert set(table[0]) < set(column_names("enterprises"))
    assert len(table) == 4
    assert "高密剪纸艺术有限公司" in data.decode("utf-8-sig")


def test_contacts_are_exported_only_when_asked(enterprises):
    header = next(
        csv.reader(
            io.StringIO(b"".join(iter_csv(enterprises, include_contacts=True)).decode("utf-8-sig"))
        )
    )
    assert header == column_names("enterprises")


def test_a_formula_looking_name_is_exported_as_text(enterprises):
    data = b"".join(iter_csv(enterprises)).decode("utf-8-sig")
    assert "'=HYPERLINK" in data


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_export_imports_back_to_the_same_records(enterprises, tmp_path, extension):
    before = snapshot()
    path = tmp_path / f"all.{extension}"
    export_to_file(enterprises, str(path), include_contacts=True)
    Enterprise.objects.all().delete()

    result = import_file("enterprises", path)

    assert result.errors == []
    assert snapshot() == before


def test_xlsx_export_keeps_numbers_as_numbers(enterprises):
    with write_xlsx(enterprises) as fh:
        sheet = openpyxl.load_workbook(fh, read_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    revenue = [row[header.index("annual_revenue")] for row in rows[1:]]
    assert 25000000.5 in revenue
    assert rows[1][header.index("credit_code")] == credit_code(1)


def test_parks_export_with_the_command(write_file, tmp_path, capsys):
    rows = [
        {
            "name_zh_hans": "潍坊1532文化创意产业园",
            "region_code": "370702",
            "level": "provincial",
            "latitude": "36.706",
            "longitude": "119.161",
            "vacancy_rate": "8",
        }
    ]
    import_file("parks", write_file("p.csv", csv_bytes(rows)))
    path = tmp_path / "parks.csv"

    call_command("export_records", "parks", str(path))

    assert "1 records" in capsys.readouterr().out
    Park.objects.all().delete()
    assert import_file("parks", path).imported == 1
    assert str(Park.objects.get().latitude) == "36.706000"
