"""The park map: projection, escaping, skipped points and the shipped province outlines."""

import json
import re
import xml.etree.ElementTree as ET

from wenchuang.directory import parkmap
from wenchuang.directory.parkmap import MapPoint, project, render_park_map

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d*\.?\d+")


def path_bbox(d: str) -> tuple[float, float, float, float]:
    """Bounds of path data made of M (absolute) then l (relative) runs, as the builder writes."""
    xs, ys = [], []
    for command, args in re.findall(r"([MlLz])([^MlLz]*)", d):
        numbers = [float(n) for n in NUMBER.findall(args)]
        pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
        for x, y in pairs:
            if command == "l":
                x, y = xs[-1] + x, ys[-1] + y
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def outlines() -> dict:
    return json.loads(parkmap.OUTLINES.read_text(encoding="utf-8"))


def province_d(code: str) -> str:
    return next(p["d"] for p in outlines()["provinces"] if p["code"] == code)


def point(name="Park", lon=120.30, lat=31.57, url="/parks/1/", level="national_demo"):
    return MapPoint(name=name, lon=lon, lat=lat, url=url, level=level)


def test_wuxi_lands_in_jiangsu():
    x, y = project(120.30, 31.57)
    minx, miny, maxx, maxy = path_bbox(province_d("320000"))
    assert minx < x < maxx
    assert miny < y < maxy


def test_beijing_lands_in_beijing_and_not_in_jiangsu():
    x, y = project(116.40, 39.90)
    minx, miny, maxx, maxy = path_bbox(province_d("110000"))
    assert minx < x < maxx and miny < y < maxy
    minx, miny, maxx, maxy = path_bbox(province_d("320000"))
    assert not (minx < x < maxx and miny < y < maxy)


def test_projection_puts_north_up_and_east_right():
    wuxi, beijing, urumqi = project(120.30, 31.57), project(116.40, 39.90), project(87.6, 43.8)
    assert beijing[1] < wuxi[1]
    assert urumqi[0] < beijing[0] < wuxi[0]
    _, _, width, height = (float(v) for v in outlines()["viewBox"].split())
    for lon, lat in [(73.5, 39.4), (135.0, 48.4), (109.5, 18.2), (112.3, 3.9)]:
        x, y = project(lon, lat)
        assert 0 <= x <= width and 0 <= y <= height


def test_text_is_escaped_and_svg_parses():
    svg = render_park_map(
        [point(name='Arts & <Crafts> "Park"', url="/parks/?a=1&b=<2>")],
        title="Parks & <friends>",
    )
    assert "Arts & <" not in svg
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("class") == "park-map"
    assert root.get("viewBox") == outlines()["viewBox"]
    assert root.find(f"{SVG}title").text == "Parks & <friends>"
    links = root.findall(f".//{SVG}a")
    assert len(links) == 1
    assert links[0].get("href") == "/parks/?a=1&b=<2>"
    circle = links[0].find(f"{SVG}circle")
    assert "park-dot" in circle.get("class").split()
    assert circle.find(f"{SVG}title").text == 'Arts & <Crafts> "Park"'


def test_points_outside_china_are_skipped():
    svg = render_park_map(
        [point(name="Null Island", lon=0, lat=0), point(name="Wuxi")], title="Parks"
    )
    root = ET.fromstring(svg)
    titles = [t.text for t in root.findall(f".//{SVG}circle/{SVG}title")]
    assert titles == ["Wuxi"]
    assert "Null Island" not in svg


def test_every_province_of_the_data_is_drawn():
    codes = [p["code"] for p in outlines()["provinces"]]
    assert {"110000", "320000", "440000"} <= set(codes)
    assert len(codes) == len(set(codes)) == 34
    root = ET.fromstring(render_park_map([], title="Parks"))
    paths = root.findall(f".//{SVG}path[@data-code]")
    assert [p.get("data-code") for p in paths] == codes
    assert all(p.get("class") == "province" for p in paths)


def test_highlighted_province():
    root = ET.fromstring(render_park_map([], title="Parks", highlight_province="320000"))
    highlighted = [
        p.get("data-code")
        for p in root.findall(f".//{SVG}path[@data-code]")
        if p.get("class") == "province is-highlighted"
    ]
    assert highlighted == ["320000"]


def test_markers_are_coloured_by_level():
    points = [
        point(name="A", level="national_pilot"),
        point(name="B", level="provincial"),
        point(name="C", level="municipal"),
    ]
    root = ET.fromstring(render_park_map(points, title="Parks"))
    fills = {c.find(f"{SVG}title").text: c.get("fill") for c in root.iter(f"{SVG}circle")}
    assert fills == {
        "A": parkmap.MARKER_COLOURS["national"],
        "B": parkmap.MARKER_COLOURS["provincial"],
        "C": parkmap.MARKER_COLOURS["other"],
    }
    assert len(set(fills.values())) == 3
