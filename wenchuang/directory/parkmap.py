"""The park map: parks placed on China's provinces (shipped outlines), drawn by ECharts."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from wenchuang.core.charts import Chart, Link

MAP_NAME = "china-provinces"
OUTLINES = Path(__file__).resolve().parent / "static" / "directory" / "province-outlines.json"

# Points outside this box (lon 73–136°E, lat 3–54°N) are not drawn.
MIN_LON, MAX_LON, MIN_LAT, MAX_LAT = 73.0, 136.0, 3.0, 54.0

PROVINCE_FILL = "#e6ebf1"
HIGHLIGHT_FILL = "#bcd3ee"
BORDER = "#ffffff"
LINE_COLOUR = "#7b8a9c"

# Marker groups, in drawing order (later ones are drawn on top), and their colours; the
# template's legend uses the same colours.
MARKER_COLOURS = {
    "other": "#8c959f",
    "provincial": "#e0891b",
    "national": "#c8102e",
}
NATIONAL_LEVELS = frozenset({"national_demo", "national_pilot", "national_base"})
PROVINCIAL_LEVELS = frozenset({"provincial"})
MARKER_RADIUS = 6.0


@dataclass(frozen=True, slots=True)
class MapPoint:
    name: str
    lon: float
    lat: float
    url: str
    level: str


def marker_group(level: str) -> str:
    """'national', 'provincial' or 'other': which colour a park of this level gets."""
    if level in NATIONAL_LEVELS or level.startswith("national"):
        return "national"
    if level in PROVINCIAL_LEVELS:
        return "provincial"
    return "other"


@functools.cache
def _outlines() -> dict:
    return json.loads(OUTLINES.read_text(encoding="utf-8"))


@functools.cache
def _albers_constants() -> tuple[float, float, float, float]:
    p = _outlines()["projection"]
    phi0, phi1, phi2 = (math.radians(p[k]) for k in ("lat0", "lat1", "lat2"))
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = math.sqrt(c - 2 * n * math.sin(phi0)) / n
    return n, c, rho0, math.radians(p["lon0"])


def project(lon: float, lat: float) -> tuple[float, float]:
    """The viewBox x/y of a WGS-84 / CGCS2000 longitude and latitude in degrees."""
    p = _outlines()["projection"]
    n, c, rho0, lam0 = _albers_constants()
    rho = math.sqrt(c - 2 * n * math.sin(math.radians(float(lat)))) / n
    theta = n * (math.radians(float(lon)) - lam0)
    x = rho * math.sin(theta)
    y = rho0 - rho * math.cos(theta)
    return x * p["scale"] + p["dx"], p["dy"] - y * p["scale"]


def in_china_box(lon: float, lat: float) -> bool:
    return MIN_LON <= lon <= MAX_LON and MIN_LAT <= lat <= MAX_LAT


def park_map_chart(
    points: Iterable[MapPoint], *, title: str, level_labels: dict[str, str]
) -> Chart:
    """The park map as an ECharts chart: provinces with the sea inset, one dot per park.

    Its data table lists every park with a link, beside the map and without JavaScript.
    """
    from django.utils.translation import gettext as _

    from .parkmap_svg import map_svg, place

    # In drawing order: national parks last, on top where dots overlap.
    series: dict[str, list[dict]] = {group: [] for group in MARKER_COLOURS}
    rows = []
    for point in points:
        lon, lat = float(point.lon), float(point.lat)
        if not in_china_box(lon, lat):
            continue
        spot = place(*project(lon, lat))
        if spot is None:
            continue
        group = marker_group(point.level)
        series[group].append(
            {"name": point.name, "value": [round(spot[0], 1), round(spot[1], 1)], "url": point.url}
        )
        rows.append(
            [Link(point.name, point.url), level_labels.get(point.level, point.level), lon, lat]
        )
    group_names = {
        "national": _("national level"),
        "provincial": _("provincial level"),
        "other": _("municipal and other"),
    }
    option = {
        "_svgMaps": {MAP_NAME: map_svg()},
        "tooltip": {"trigger": "item", "formatter": "{b}"},
        "legend": {"bottom": 0, "data": [str(group_names[g]) for g in reversed(series)]},
        "geo": {
            "map": MAP_NAME,
            "roam": True,
            "scaleLimit": {"min": 1, "max": 12},
            "silent": True,
            "itemStyle": {"color": PROVINCE_FILL},
        },
        "series": [
            {
                "type": "scatter",
                "coordinateSystem": "geo",
                "name": str(group_names[group]),
                "data": data,
                "symbolSize": 10,
                "cursor": "pointer",
                "itemStyle": {
                    "color": MARKER_COLOURS[group],
                    "borderColor": "#ffffff",
                    "borderWidth": 1,
                },
                "emphasis": {"scale": 1.6},
                "z": 2 + index,
            }
            for index, (group, data) in enumerate(series.items())
        ],
    }
    return Chart(
        id="park-map",
        title=title,
        columns=[_("Park"), _("Level"), _("Longitude"), _("Latitude")],
        rows=rows,
        extra=option,
    )
