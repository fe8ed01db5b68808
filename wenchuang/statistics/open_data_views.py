"""Open data pages: the dataset catalogue (HTML and DCAT), released series as CSV, JSON and SDMX."""

from __future__ import annotations

import csv
import io
import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import dcat, open_data, sdmx
from .models import Indicator

TITLE = {"zh": "文化产业统计数据", "en": "Culture industry statistics"}


def _title_for_languages() -> dict[str, str]:
    return {"zh-hans": TITLE["zh"], "en": TITLE["en"]}


def _distributions(request: HttpRequest) -> tuple[dcat.Distribution, ...]:
    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(f"statistics:{name}"))

    return (
        dcat.Distribution("CSV", url("open-data-csv"), "text/csv"),
        dcat.Distribution("JSON", url("open-data-json"), "application/json"),
        dcat.Distribution("SDMX-ML 2.1 structure", url("sdmx-structure"), sdmx.STRUCTURE_TYPE),
        dcat.Distribution("SDMX-ML 2.1 generic data", url("sdmx-data"), sdmx.GENERIC_DATA_TYPE),
        dcat.Distribution("SDMX-CSV", url("sdmx-csv"), sdmx.CSV_TYPE),
    )


def catalogue_page(request: HttpRequest) -> HttpResponse:
    """What we publish and where to download it."""
    release = open_data.released()
    return render(
        request,
        "statistics/open_data.html",
        {
            "periods": release.periods,
            "count": len(release.observations),
            "distributions": _distributions(request),
            "indicators": Indicator.objects.filter(public=True).exclude(reporter="reference"),
        },
    )


def catalogue_dcat(request: HttpRequest) -> HttpResponse:
    """The catalogue as DCAT in JSON-LD."""
    release = open_data.released()
    periods = release.periods
    dataset = dcat.Dataset(
        identifier="culture-industry-statistics",
        titles=_title_for_languages(),
        descriptions={
            "zh-hans": "已发布季度的文化产业统计：按地区、类别和指标汇总，小单元格已隐去。",
            "en": "Released quarterly culture-industry figures by region, class and indicator; "
            "small cells withheld.",
        },
        keywords=("culture industry", "statistics", "文化产业", "SDMX"),
        modified=(
            max((p.released_at for p in periods if p.released_at), default=timezone.now())
            .date()
            .isoformat()
        ),
        temporal_start=f"{periods[0].year}-01-01" if periods else "",
        temporal_end=f"{periods[-1].year}-12-31" if periods else "",
        distributions=_distributions(request),
        landing_page=request.build_absolute_uri(reverse("statistics:open-data")),
    )
    document = dcat.catalogue(
        [dataset],
        url=request.build_absolute_uri(reverse("statistics:open-data-dcat")),
        title=_title_for_languages(),
        publisher=_("Wenchuang"),
    )
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )


def _filename(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _indicators(request: HttpRequest) -> list[str] | None:
    codes = [c for c in request.GET.get("indicator", "").split(",") if c]
    return codes or None


def released_csv(request: HttpRequest) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["indicator", "region", "class", "period", "value", "unit", "note"])
    for o in open_data.released(indicator_codes=_indicators(request)).observations:
        writer.writerow([o.indicator, o.region, o.class_code, o.period, o.value, o.unit, o.note])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    return _filename(response, "culture-statistics.csv")


def released_json(request: HttpRequest) -> JsonResponse:
    rows = [
        {
            "indicator": o.indicator,
            "region": o.region,
            "class": o.class_code,
            "period": o.period,
            "value": str(o.value),
            "unit": o.unit,
            "note": o.note,
        }
        for o in open_data.released(indicator_codes=_indicators(request)).observations
    ]
    return JsonResponse(
        {"count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False}
    )


def sdmx_structure(request: HttpRequest) -> HttpResponse:
    release = open_data.released()
    body = sdmx.structure_message(release.codes, prepared=timezone.now(), title=TITLE)
    return HttpResponse(body, content_type=sdmx.STRUCTURE_TYPE)


def sdmx_data(request: HttpRequest) -> HttpResponse:
    release = open_data.released(indicator_codes=_indicators(request))
    body = sdmx.generic_data_message(release.observations, prepared=timezone.now())
    return HttpResponse(body, content_type=sdmx.GENERIC_DATA_TYPE)


def sdmx_csv(request: HttpRequest) -> HttpResponse:
    release = open_data.released(indicator_codes=_indicators(request))
    response = HttpResponse(sdmx.sdmx_csv(release.observations), content_type=sdmx.CSV_TYPE)
    return _filename(response, "culture-statistics-sdmx.csv")
