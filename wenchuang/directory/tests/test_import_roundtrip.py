"""Re-importing an edited export: updates by id or credit code, likely duplicates, history."""

import csv
import io

import pytest
from django.test import override_settings

from wenchuang.core.models import AuditEvent
from wenchuang.directory.demo import generate
from wenchuang.directory.exporting import export_to_file
from wenchuang.directory.importing import import_file
from wenchuang.directory.models import Enterprise, Park

from .conftest import csv_bytes, enterprise_row

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(reference_data):
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        generate(enterprises=60, seed=7, progress=False)


def exported(kind_model, tmp_path) -> list[dict]:
    path = tmp_path / "export.csv"
    export_to_file(kind_model.objects.order_by("pk"), str(path), include_contacts=True)
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def write_rows(tmp_path, rows: list[dict], name="edited.csv"):
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows))
    return path


@pytest.mark.usefixtures("demo")
def test_an_edited_export_updates_the_records_it_came_from(tmp_path):
    rows = exported(Enterprise, tmp_path)
    count = Enterprise.objects.count()
    rows[0]["employees"] = "4321"
    rows[1]["name_en"] = rows[1]["name_en"] + " (renamed)"

    result = import_file("enterprises", write_rows(tmp_path, rows))

    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 2, count - 2)
    assert Enterprise.objects.count() == count
    first, second = (Enterprise.objects.get(pk=int(r["id"])) for r in rows[:2])
    assert first.employees == 4321
    assert second.name_en.endswith("(renamed)")
    assert "renamed" in second.search_text
    # One history entry per changed record, naming the field and both values.
    entry = AuditEvent.objects.get(action="update", record_id=str(second.pk))
    assert entry.changes["name_en"][1].endswith("(renamed)")
    assert AuditEvent.objects.filter(action="update").count() == 2


@pytest.mark.usefixtures("demo")
def test_a_park_export_without_credit_codes_round_trips_by_id(tmp_path):
    rows = exported(Park, tmp_path)
    rows[0]["vacancy_rate"] = "12.5"

    result = import_file("parks", write_rows(tmp_path, rows))

    assert result.errors == []
    assert (result.created, result.updated) == (0, 1)
    assert str(Park.objects.get(pk=int(rows[0]["id"])).vacancy_rate) == "12.50"


@pytest.mark.usefixtures("demo")
def test_a_row_without_id_or_known_code_but_an_existing_name_in_its_region_is_flagged(tmp_path):
    park = Park.objects.order_by("pk").first()
    rows = exported(Park, tmp_path)[:1]
    rows[0]["id"] = ""
    count = Park.objects.count()

    result = import_file("parks", write_rows(tmp_path, rows))

    assert [(e.line, e.column, e.code) for e in result.errors] == [
        (2, "name_zh_hans", "likely_duplicate")
    ]
    assert result.errors[0].params["other"] == park.pk
    assert str(park.pk) in result.errors[0].reason
    assert Park.objects.count() == count


@pytest.mark.usefixtures("demo")
def test_an_enterprise_without_id_is_matched_by_its_credit_code(tmp_path):
    rows = exported(Enterprise, tmp_path)[:3]
    for row in rows:
        row["id"] = ""
    rows[2]["employees"] = "77"

    result = import_file("enterprises", write_rows(tmp_path, rows))

    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)


def test_an_update_changes_only_the_columns_in_the_file(reference_data, tmp_path):
    import_file("enterprises", write_rows(tmp_path, [enterprise_row(1)], "first.csv"))
    firm = Enterprise.objects.get()
    row = {"id": str(firm.pk), "name_zh_hans": firm.name_zh_hans, "employees": "99"}
    row |= {"region_code": firm.region_id, "category_code": firm.category_id}

    result = import_file("enterprises", write_rows(tmp_path, [row], "few.csv"))

    firm.refresh_from_db()
    assert firm.employees == 99
    assert firm.name_en == "Weifang Culture Media No. 1"
    assert firm.annual_revenue is not None
    assert result.updated == 1
