"""Public dashboard and open data: released quarters only, small cells withheld, SDMX read back."""

import csv
import io
import json
import re

import pytest
import sdmx

from wenchuang.statistics.cube import build_cube
from wenchuang.statistics.publishing import period_release
from wenchuang.statistics.services import period_move
from wenchuang.statistics.tests.cube_data import enterprise_return, wuxi_quarters

pytestmark = pytest.mark.django_db


@pytest.fixture
def released_2020(cast):
    """2019 Q4 and 2020 Q4 of Wuxi; 2020 Q4 released, 2019 Q4 only locked.

    Liangxi (320213) has a single enterprise: its cell and its class (01) must be withheld,
    and with them one more cell of each table so that no subtraction gives them away.
    """
    q19, q20 = wuxi_quarters()
    for revenue in (10, 20, 30):  # Xinwu: three small enterprises (not withheld on its own)
        enterprise_return(q20, region="320214", revenue=(revenue * 5, revenue))
    build_cube()
    staff = cast["national_staff"]
    for period in (q19, q20):
        period_move(period=period, target="locked", by=staff)
    period_release(period=q20, by=staff)
    return q19, q20


def test_the_public_sees_released_quarters_with_small_cells_withheld(released_2020, client):
    body = client.get(
        "/en/statistics/dashboard/", {"region": "320200", "indicator": "revenue"}
    ).content.decode()
    assert "2020Q4" in body and "2019Q4" not in body
    # Binhu (four enterprises) is shown; Liangxi (one) is withheld, and so is Xinwu, the
    # smallest other county, without which Wuxi's total minus Binhu would give Liangxi.
    assert re.search(r"Binhu</a></td>\s*<td>5,000</td>", body)  # (100+200+300+400) × 5
    assert re.search(r"Liangxi</a></td>\s*<td>…</td>", body)  # one enterprise
    assert re.search(r"Xinwu</a></td>\s*<td>…</td>", body)  # the complement
    assert "10,100" in body  # Wuxi's total


def test_staff_see_every_quarter_and_every_cell(released_2020, client, cast):
    client.force_login(cast["wuxi_staff"])
    body = client.get(
        "/en/statistics/dashboard/staff/",
        {"region": "320200", "indicator": "revenue", "period": "2019Q4"},
    ).content.decode()
    assert "2019Q4" in body and "4,000" in body  # Liangxi 2019, not withheld for staff


def test_the_public_dashboard_is_staff_free(client, cast, released_2020):
    client.force_login(cast["rep"])
    assert client.get("/en/statistics/dashboard/staff/").status_code == 403


def test_open_data_csv_and_json_hold_released_figures_only(released_2020, client):
    response = client.get("/en/statistics/data/figures.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["period"] for r in rows} == {"2020-Q4"}
    wuxi = [r for r in rows if r["region"] == "320200" and r["class"] == "_T"]
    assert wuxi and wuxi[0]["value"] == "10100.00"
    # Class 01 is one enterprise in Liangxi: withheld, and class 02 with it (total − 02 = 01).
    assert {r["class"] for r in rows} == {"_T"}
    data = json.loads(client.get("/en/statistics/data/figures.json").content)
    assert data["count"] == len(rows)


def test_statisticians_read_our_sdmx_with_sdmx1(released_2020, live_server):
    base = f"{live_server.url}/en/statistics/data/sdmx"
    structure = sdmx.read_url(f"{base}/structure.xml")
    dsd = structure.structure["DSD_CULTURE"]
    assert "320200" in structure.codelist["CL_REGION"]
    assert dsd.dimensions.get("REGION").local_representation.enumerated.id == "CL_REGION"
    message = sdmx.read_url(f"{base}/data.xml")
    frame = sdmx.to_pandas(message.data[0])
    frame = frame.reorder_levels(["INDICATOR", "REGION", "CLASS", "TIME_PERIOD"])
    assert frame.loc[("revenue", "320200", "_T", "2020-Q4")] == 10100
    assert {key[2] for key in frame.index} == {"_T"}


def test_the_catalogue_describes_the_dataset_in_dcat(released_2020, client):
    response = client.get("/en/statistics/data/catalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalogue = json.loads(response.content)
    dataset = catalogue["dcat:dataset"][0]
    types = {d["dcat:mediaType"] for d in dataset["dcat:distribution"]}
    assert "application/vnd.sdmx.genericdata+xml; version=2.1" in types
    assert dataset["dct:temporal"]["dcat:startDate"]["@value"] == "2020-01-01"


def test_the_api_gives_released_aggregates_to_all_and_the_rest_to_staff(
    released_2020, client, cast
):
    query = {"indicator": "revenue", "region": "320200", "by": "region"}
    public = client.get("/api/v1/statistics/aggregates", query).json()
    assert public["period"] == "2020Q4"
    rows = {r["key"]: r for r in public["rows"]}
    assert float(rows["320211"]["value"]) == 5000
    assert rows["320213"]["withheld"] and rows["320213"]["value"] is None
    assert (
        client.get("/api/v1/statistics/aggregates", query | {"period": "2019Q4"}).status_code == 422
    )
    assert client.get("/api/v1/statistics/staff-aggregates", query).status_code in (401, 403)
    client.force_login(cast["wuxi_staff"])
    staff = client.get("/api/v1/statistics/staff-aggregates", query | {"period": "2019Q4"})
    assert {r["key"]: float(r["value"]) for r in staff.json()["rows"]}["320213"] == 4000


def test_a_figure_revised_after_release_says_so(released_2020, client):
    from decimal import Decimal

    from wenchuang.statistics.cube import refresh_changed
    from wenchuang.statistics.models import ReturnValue

    _q19, q20 = released_2020
    binhu = (
        ReturnValue.objects.filter(
            stat_return__period=q20, stat_return__region_id="320211", current=True
        )
        .order_by("-value")
        .first()
    )
    # A correction written by staff after the release (as an import or the admin would).
    ReturnValue.objects.filter(pk=binhu.pk).update(current=False)
    ReturnValue.objects.create(
        stat_return=binhu.stat_return,
        indicator=binhu.indicator,
        value=binhu.value + Decimal(500),
        single_quarter=binhu.single_quarter,
        revision=2,
    )
    refresh_changed()
    body = client.get(
        "/en/statistics/dashboard/", {"region": "320200", "indicator": "revenue"}
    ).content.decode()
    assert re.search(r"Binhu</a></td>\s*<td>5,500 <small>Revised after release", body)
    assert "(first published as 5,000)" in body
