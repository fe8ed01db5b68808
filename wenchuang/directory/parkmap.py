"""Server-side SVG map of China's provinces with park markers, drawn from a shipped outline file."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

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


def province_codes() -> list[str]:
    """The six-digit codes of the provinces that the map draws."""
    return [province["code"] for province in _outlines()["provinces"]]


def render_park_map(
    points: Iterable[MapPoint], *, title: str, highlight_province: str | None = None
) -> str:
    """An inline <svg> of the provinces, with one linked dot per point inside China's box."""
    outlines = _outlines()
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="park-map" role="img"'
        f" viewBox={quoteattr(outlines['viewBox'])}>",
        f"<title>{escape(title)}</title>",
        f'<g class="provinces" fill="{PROVINCE_FILL}" stroke="{BORDER}" stroke-width="1.1"'
        ' stroke-linejoin="round">',
    ]
    for province in outlines["provinces"]:
        code = province["code"]
        if highlight_province is not None and code == highlight_province:
            attrs = f'class="province is-highlighted" fill="{HIGHLIGHT_FILL}"'
        else:
            attrs = 'class="province"'
        out.append(f"<path {attrs} data-code={quoteattr(code)} d={quoteattr(province['d'])}/>")
    out.append("</g>")
    if outlines.get("lines"):
        out.append(
            f'<g class="boundary-lines" fill="none" stroke="{LINE_COLOUR}" stroke-width="1.6"'
            ' stroke-linecap="round">'
        )
        out.extend(f"<path d={quoteattr(d)}/>" for d in outlines["lines"])
        out.append("</g>")

    groups = list(MARKER_COLOURS)
    dots = []
    for point in points:
        lon, lat = float(point.lon), float(point.lat)
        if not in_china_box(lon, lat):
            continue
        group = marker_group(point.level)
        dots.append((groups.index(group), group, point, *project(lon, lat)))
    # National parks are drawn last so that they stay on top where dots overlap.
    dots.sort(key=lambda dot: dot[0])
    if dots:
        out.append(f'<g class="park-dots" stroke="{BORDER}" stroke-width="1.5">')
        for _, group, point, x, y in dots:
            name = escape(point.name)
            out.append(
                f"<a href={quoteattr(point.url)} aria-label={quoteattr(point.name)}>"
                f'<circle class="park-dot is-{group}" data-level={quoteattr(point.level)}'
                f' cx="{x:.1f}" cy="{y:.1f}" r="{MARKER_RADIUS:g}"'
                f' fill="{MARKER_COLOURS[group]}"><title>{name}</title></circle></a>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
