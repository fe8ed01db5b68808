"""Bulk import of directory records: encodings, the rejection report, all-or-nothing, jobs."""

from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from wenchuang.core.models import AuditEvent
from wenchuang.directory.importing import import_file, import_job_start
from wenchuang.directory.models import Enterprise, ImportJob, Investor, Park
from wenchuang.directory.search import facets

from .conftest import CATEGORY, WEIFANG_KUIWEN, credit_code, csv_bytes, enterprise_row

pytestmark = pytest.mark.usefixtures("reference_data")


def problems(result):
    return [(e.line, e.column) for e in result.errors]


def test_gb18030_file_from_chinese_excel_imports_with_names_intact(write_file):
    rows = [enterprise_row(1, name_zh_hans="潍坊风筝文化有限公司"), enterprise_row(2)]
    path = write_file("企业.csv", csv_bytes(rows, encoding="gb18030"))

    result = import_file("enterprises", path)

    assert result.errors == []
    assert result.committed and result.imported == 2
    kite = Enterprise.objects.get(credit_code=credit_code(1))
    assert kite.name_zh_hans == "潍坊风筝文化有限公司"
    assert kite.status == "published"
    assert (kite.province_code, kite.prefecture_code) == ("370000", "370700")
    assert (kite.major_code, kite.mid_code, kite.domain) == ("02", "024", "core")
    assert "风筝" in kite.search_text.split()
    assert kite.search_text.endswith(" ".join(facets(kite)))


def test_utf8_file_with_bom_imports(write_file):
    path = write_file("bom.csv", b"\xef\xbb\xbf" + csv_bytes([enterprise_row(1)]))

    result = import_file("enterprises", path)

    assert result.imported == 1
    assert Enterprise.objects.get().name_en == "Weifang Culture Media No. 1"


def test_size_flag_is_computed_from_revenue_and_category_rule(write_file):
    # 0241 is an IT-services class (6572): above designated size from 20 M yuan.
    rows = [
        enterprise_row(1, annual_revenue="25000000", revenue_year="2024"),
        enterprise_row(2, annual_revenue="1000000", revenue_year="2024"),
    ]
    import_file("enterprises", write_file("e.csv", csv_bytes(rows)))

    flags = dict(Enterprise.objects.values_list("credit_code", "above_designated_size"))
    assert flags == {credit_code(1): True, credit_code(2): False}


def test_one_bad_row_imports_nothing_and_names_its_line_and_column(write_file):
    rows = [enterprise_row(1), enterprise_row(2, region_code="999999"), enterprise_row(3)]
    path = write_file("e.csv", csv_bytes(rows))

    result = import_file("enterprises", path)

    assert not result.committed and result.imported == 0
    assert problems(result) == [(3, "region_code")]
    assert "999999" in result.errors[0].reason
    assert Enterprise.objects.count() == 0
    assert not AuditEvent.objects.filter(action="import").exists()


def test_partial_import_keeps_the_good_rows_and_reports_the_rest(write_file):
    rows = [enterprise_row(1), enterprise_row(2, region_code="999999"), enterprise_row(3)]
    path = write_file("e.csv", csv_bytes(rows))

    result = import_file("enterprises", path, partial=True)

    assert result.committed and result.imported == 2
    assert problems(result) == [(3, "region_code")]
    assert set(Enterprise.objects.values_list("credit_code", flat=True)) == {
        credit_code(1),
        credit_code(3),
    }


def test_duplicate_rows_in_the_file_are_reported_against_the_first(write_file):
    rows = [
        enterprise_row(1),
        enterprise_row(2, credit_code=credit_code(1)),
        enterprise_row(3, name_zh_hans="潍坊第1文化传媒有限公司", credit_code=""),
    ]
    result = import_file("enterprises", write_file("e.csv", csv_bytes(rows)))

    assert problems(result) == [(3, "credit_code"), (4, "name_zh_hans")]
    assert all("line 2" in e.reason for e in result.errors)


def test_a_known_credit_code_updates_that_enterprise_instead_of_being_refused(write_file):
    import_file("enterprises", write_file("first.csv", csv_bytes([enterprise_row(1)])))
    rows = [enterprise_row(1, employees="40"), enterprise_row(2)]

    result = import_file("enterprises", write_file("again.csv", csv_bytes(rows)))

    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert Enterprise.objects.count() == 2
    assert Enterprise.objects.get(credit_code=credit_code(1)).employees == 40


def test_header_problems_are_reported_once_with_the_column_name(write_file):
    rows = [
        {"name_zh_hans": f"公司{n}", "region_code": WEIFANG_KUIWEN, "colour": "red"}
        for n in range(5)
    ]
    result = import_file("enterprises", write_file("e.csv", csv_bytes(rows)))

    assert problems(result) == [(1, "category_code"), (1, "colour")]
    assert Enterprise.objects.count() == 0


def test_every_kind_of_bad_value_is_reported(write_file):
    rows = [
        enterprise_row(1, email="not-an-email"),
        enterprise_row(2, website="http://"),
        enterprise_row(3, employees="many"),
        enterprise_row(4, category_code="02"),
        enterprise_row(5, credit_code="91370705000000005X"),
        enterprise_row(6, founded_year="3000"),
        enterprise_row(7, annual_revenue="-5"),
        enterprise_row(8, name_zh_hans="", name_en=""),
        enterprise_row(9, name_en="x" * 201),
        enterprise_row(10, park_id="12345"),
    ]
    result = import_file("enterprises", write_file("e.csv", csv_bytes(rows)))

    assert problems(result) == [
        (2, "email"),
        (3, "website"),
        (4, "employees"),
        (5, "category_code"),
        (6, "credit_code"),
        (7, "founded_year"),
        (8, "annual_revenue"),
        (9, "name_zh_hans"),
        (10, "name_en"),
        (11, "park_id"),
    ]


def test_parks_check_coordinates_percentages_and_levels(write_file):
    base = {"name_zh_hans": "潍坊文化产业园", "region_code": WEIFANG_KUIWEN}
    rows = [
        {
            **base,
            "level": "provincial",
            "latitude": "36.7",
            "longitude": "119.1",
            "vacancy_rate": "12.5%",
        },
        {
            **base,
            "name_zh_hans": "二号园",
            "level": "galactic",
            "latitude": "95",
            "longitude": "119",
            "vacancy_rate": "120",
        },
    ]
    result = import_file("parks", write_file("p.csv", csv_bytes(rows)), partial=True)

    assert problems(result) == [(3, "latitude"), (3, "level"), (3, "vacancy_rate")]
    park = Park.objects.get()
    assert park.level == "provincial"
    assert park.vacancy_rate == Decimal("12.50")
    assert park.latitude == Decimal("36.700000")


def test_investors_check_currency_country_and_ticket_range(write_file):
    base = {"name_en": "Yellow Sea Capital", "region_code": "370200"}
    rows = [
        {
            **base,
            "investor_type": "angel",
            "country": "fr",
            "currency_code": "eur",
            "ticket_min": "100000",
            "ticket_max": "2000000",
        },
        {
            **base,
            "name_en": "Bad",
            "investor_type": "angel",
            "country": "XX",
            "currency_code": "ABC",
            "ticket_min": "5",
            "ticket_max": "1",
        },
    ]
    result = import_file("investors", write_file("i.csv", csv_bytes(rows)), partial=True)

    assert problems(result) == [(3, "country"), (3, "currency_code"), (3, "ticket_max")]
    investor = Investor.objects.get()
    assert (investor.country, investor.currency_id) == ("FR", "EUR")
    assert investor.prefecture_code == "370200"


def test_binary_junk_is_refused_with_a_clear_message(write_file):
    result = import_file("enterprises", write_file("e.csv", bytes(range(256)) * 10))

    assert problems(result) == [(0, "")]
    assert "UTF-8 or GB18030" in result.errors[0].reason


def test_xlsx_import_works(write_file, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["name_zh_hans", "region_code", "category_code", "credit_code", "employees"])
    sheet.append(["寿光蔬菜文化有限公司", WEIFANG_KUIWEN, CATEGORY, credit_code(1), 30])
    sheet.append(["青州古城文旅有限公司", WEIFANG_KUIWEN, CATEGORY, credit_code(2), 7.0])
    sheet.append([None, None, None, None, None])
    path = tmp_path / "e.xlsx"
    workbook.save(path)

    result = import_file("enterprises", path)

    assert result.errors == []
    assert result.imported == 2
    assert Enterprise.objects.get(credit_code=credit_code(2)).employees == 7


def test_one_history_entry_per_imported_record(write_file, staff):
    rows = [enterprise_row(n) for n in range(1, 6)]
    import_file("enterprises", write_file("five.csv", csv_bytes(rows)), by=staff)

    events = AuditEvent.objects.filter(action="import")
    assert events.count() == 5
    ids = {str(pk) for pk in Enterprise.objects.values_list("pk", flat=True)}
    assert set(events.values_list("record_id", flat=True)) == ids
    assert all(e.actor == staff and e.record_type == "directory.enterprise" for e in events)
    assert all("five.csv" in e.note for e in events)


def test_progress_reaches_the_total(write_file):
    calls = []
    rows = [enterprise_row(n) for n in range(1, 30)]
    import_file(
        "enterprises",
        write_file("e.csv", csv_bytes(rows)),
        on_progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[0] == (0, 58)
    assert calls[-1] == (58, 58)


def test_command_prints_the_report_and_fails(write_file, tmp_path, capsys):
    rows = [enterprise_row(1), enterprise_row(2, region_code="999999")]
    path = write_file("e.csv", csv_bytes(rows))
    report = tmp_path / "report.csv"

    with pytest.raises(CommandError) as failure:
        call_command("import_records", "enterprises", str(path), "--report", str(report))

    assert failure.value.returncode == 1
    assert "line 3, column region_code" in capsys.readouterr().out
    assert "999999" in report.read_text(encoding="utf-8-sig")
    assert Enterprise.objects.count() == 0


def test_command_with_partial_imports_good_rows(write_file, capsys, staff):
    rows = [enterprise_row(1), enterprise_row(2, region_code="999999")]
    path = write_file("e.csv", csv_bytes(rows))

    call_command(
        "import_records", "enterprises", str(path), "--partial", "--user", "shandong_staff"
    )

    assert "1 imported" in capsys.readouterr().out
    assert AuditEvent.objects.get(action="import").actor == staff  # one record imported


@pytest.mark.usefixtures("immediate_tasks", "media")
def test_import_job_runs_to_success_with_full_progress(staff):
    upload = SimpleUploadedFile("企业.csv", csv_bytes([enterprise_row(n) for n in range(1, 8)]))

    job = import_job_start(record_type="enterprises", uploaded_file=upload, by=staff)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED
    assert job.processed_rows == job.total_rows == 7
    assert job.imported_rows == 7 and job.percent == 100
    assert job.file_path.endswith(".csv") and job.file_name == "企业.csv"


@pytest.mark.usefixtures("immediate_tasks", "media")
def test_failed_import_job_records_the_rejected_rows(staff):
    rows = [enterprise_row(1), enterprise_row(2, region_code="999999")]
    upload = SimpleUploadedFile("e.csv", csv_bytes(rows))

    job = import_job_start(record_type="enterprises", uploaded_file=upload, by=staff)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.imported_rows == 0
    assert [(e["line"], e["column"]) for e in job.errors] == [(3, "region_code")]
    assert Enterprise.objects.count() == 0


@pytest.mark.usefixtures("immediate_tasks", "media")
def test_import_job_refuses_someone_who_is_not_centre_staff(outsider):
    upload = SimpleUploadedFile("e.csv", csv_bytes([enterprise_row(1)]))

    with pytest.raises(PermissionDenied, match="centre staff"):
        import_job_start(record_type="enterprises", uploaded_file=upload, by=outsider)
    assert not ImportJob.objects.exists()


@pytest.mark.usefixtures("immediate_tasks", "media")
def test_import_job_refuses_other_files_and_oversized_files(staff, settings):
    with pytest.raises(ValidationError):
        import_job_start(
            record_type="enterprises",
            uploaded_file=SimpleUploadedFile("e.txt", b"x"),
            by=staff,
        )
    settings.MAX_IMPORT_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError):
        import_job_start(
            record_type="enterprises",
            uploaded_file=SimpleUploadedFile("e.csv", csv_bytes([enterprise_row(1)])),
            by=staff,
        )
    assert not ImportJob.objects.exists()


def test_staff_import_only_into_their_jurisdiction(reference_data, write_file):
    from wenchuang.accounts.services import user_create

    wuxi = user_create(
        username="wuxi-importer", password="x", role="centre_staff", jurisdiction_code="320200"
    )
    rows = [enterprise_row(1, region_code="320211"), enterprise_row(2, region_code="110101")]
    result = import_file("enterprises", write_file("mixed.csv", csv_bytes(rows)), by=wuxi)
    assert not result.committed
    assert [(e.line, e.column) for e in result.errors] == [(3, "region_code")]
    assert "outside your jurisdiction" in result.errors[0].reason
