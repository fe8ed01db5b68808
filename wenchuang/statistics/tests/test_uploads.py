"""Bulk uploads of returns: checked like the form, written whole or not at all."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wenchuang.directory.tests.factories import EnterpriseFactory
from wenchuang.statistics.models import ReturnUpload, ReturnValue, StatReturn
from wenchuang.statistics.tests.conftest import ytd

pytestmark = pytest.mark.django_db

HEADER = (
    "obligation,year,quarter,reporter,revenue,employees,value_added,cultural_exports,"
    "cultural_imports,park_tenants,park_occupancy,park_tenant_revenue"
)


def enterprise_line(record, quarter=1, **changes):
    values = ytd(quarter) | changes
    cells = [
        values[c]
        for c in ("revenue", "employees", "value_added", "cultural_exports", "cultural_imports")
    ]
    return ",".join(
        ["enterprise-quarterly", "2026", str(quarter), str(record.pk), *cells, "", "", ""]
    )


def park_line(park, tenants="85", occupancy="91.5", revenue="420000000"):
    return ",".join(
        [
            "park-quarterly",
            "2026",
            "1",
            str(park.pk),
            "",
            "",
            "",
            "",
            "",
            tenants,
            occupancy,
            revenue,
        ]
    )


def upload(client, user, text, name="returns.csv"):
    user.language = "en"  # the report is written in the uploader's language
    user.save(update_fields=["language"])
    client.force_login(user)
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(
        "/en/statistics/upload/", {"file": SimpleUploadedFile(name, data)}, follow=True
    )


def test_a_district_uploads_returns_of_enterprises_and_parks(client, cast, directory, quarters):
    text = "\n".join([HEADER, enterprise_line(directory["acme"]), park_line(directory["studios"])])
    page = upload(client, cast["district"], text)
    assert "2 returns written." in page.content.decode()
    job = ReturnUpload.objects.get()
    assert (job.status, job.written_returns, job.total_rows) == ("succeeded", 2, 2)
    park = StatReturn.objects.get(reporter="park")
    assert park.values.get(indicator__code="park_occupancy").value == 91.5
    assert StatReturn.objects.get(reporter="enterprise").submitted_by == cast["district"]


def test_one_bad_row_refuses_the_whole_file_with_messages_per_row(
    client, cast, directory, quarters
):
    text = "\n".join(
        [
            HEADER,
            enterprise_line(directory["acme"]),
            enterprise_line(directory["rival"], cultural_exports="99000000"),
            park_line(directory["studios"], occupancy="120"),
            enterprise_line(directory["dalian"]),
        ]
    )
    page = upload(client, cast["wuxi_staff"], text).content.decode()
    assert "Nothing was written." in page
    messages = ReturnUpload.objects.get().messages
    assert [(m["line"], m["column"], m["message"]) for m in messages] == [
        (3, "cultural_exports", "Must not be more than Operating revenue (7,500,000)."),
        (4, "park_occupancy", "Must be at most 100."),
        (5, "reporter", "Only its representatives and the staff of its region may report for it."),
    ]
    assert not StatReturn.objects.exists() and not ReturnValue.objects.exists()


def test_an_xlsx_file_revises_a_return_and_keeps_the_old_figure(client, cast, directory, quarters):
    upload(client, cast["wuxi_staff"], "\n".join([HEADER, enterprise_line(directory["acme"])]))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(enterprise_line(directory["acme"], revenue="7600000").split(","))
    out = io.BytesIO()
    book.save(out)
    page = upload(client, cast["wuxi_staff"], out.getvalue(), name="returns.xlsx")
    assert "1 return written." in page.content.decode()
    revenue = ReturnValue.objects.filter(indicator__code="revenue").order_by("revision")
    assert [(r.revision, r.current) for r in revenue] == [(1, False), (2, True)]
    assert StatReturn.objects.get().version == 2


def test_only_staff_upload(client, cast, quarters):
    client.force_login(cast["rep"])
    assert client.get("/en/statistics/upload/").status_code == 403
    client.force_login(cast["district"])
    assert client.get("/en/statistics/upload/").status_code == 200


def test_a_figure_ten_times_its_peers_in_the_file_needs_an_explanation(client, cast, quarters):
    peers = EnterpriseFactory.create_batch(6, large=True)
    lines = [HEADER] + [enterprise_line(e) for e in peers[:5]]
    lines.append(enterprise_line(peers[5], revenue="90000000", value_added="9000000"))
    upload(client, cast["wuxi_staff"], "\n".join(lines))
    found = ReturnUpload.objects.get().messages
    assert [(m["line"], m["column"]) for m in found] == [(7, "revenue")]
    assert found[0]["message"].startswith("More than ten times the median of similar reporters")
    explained = [
        HEADER + ",revenue_explanation",
        *(line + "," for line in lines[1:-1]),
        lines[-1] + ",Sold the rights of a feature film.",
    ]
    upload(client, cast["wuxi_staff"], "\n".join(explained))
    assert ReturnUpload.objects.order_by("-pk").first().status == "succeeded"
    big = ReturnValue.objects.get(stat_return__enterprise=peers[5], indicator__code="revenue")
    assert big.flags[0]["code"] == "peer_outlier"
    assert big.explanation == "Sold the rights of a feature film."
