"""The park map: projection, escaping, skipped points and the shipped province outlines."""

import json
import re
import xml.etree.ElementTree as ET

from wenchuang.directory import parkmap
from wenchuang.directory.parkmap import MapPoint, park_map_chart, project
from wenchuang.directory.parkmap_svg import clip_polygon, map_svg

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


LEVELS = {"national_demo": "national demonstration base", "provincial": "provincial"}


def chart(points):
    return park_map_chart(points, title="Parks", level_labels=LEVELS)


def dots(c):
    """Each park dot of the chart's option: (series name, name, url, [x, y])."""
    return [
        (series["name"], d["name"], d["url"], d["value"])
        for series in c.option()["series"]
        for d in series["data"]
    ]


def test_every_park_is_a_linked_dot_and_a_linked_row():
    c = chart([point(name="Wuxi Studios", url="/park/1/"), point(name="B", url="/park/2/")])
    assert [(name, url) for _s, name, url, _xy in dots(c)] == [
        ("Wuxi Studios", "/park/1/"),
        ("B", "/park/2/"),
    ]
    assert [(str(row[0]), row[0].url) for row in c.rows] == [
        ("Wuxi Studios", "/park/1/"),
        ("B", "/park/2/"),
    ]
    assert c.rows[0][1] == "national demonstration base"


def test_points_outside_china_are_skipped():
    c = chart([point(name="Null Island", lon=0, lat=0), point(name="Wuxi")])
    assert [name for _s, name, _u, _xy in dots(c)] == ["Wuxi"]
    assert "Null Island" not in c.csv_text()


def test_markers_are_grouped_and_coloured_by_level_national_on_top():
    points = [
        point(name="A", level="national_pilot"),
        point(name="B", level="provincial"),
        point(name="C", level="municipal"),
    ]
    series = chart(points).option()["series"]
    by_name = {s["data"][0]["name"]: s for s in series}
    assert by_name["A"]["itemStyle"]["color"] == parkmap.MARKER_COLOURS["national"]
    assert by_name["B"]["itemStyle"]["color"] == parkmap.MARKER_COLOURS["provincial"]
    assert by_name["C"]["itemStyle"]["color"] == parkmap.MARKER_COLOURS["other"]
    assert by_name["A"]["z"] > by_name["B"]["z"] > by_name["C"]["z"]


def test_the_map_zooms_and_pans():
    geo = chart([]).option()["geo"]
    assert geo["roam"] is True and geo["map"] == parkmap.MAP_NAME


def test_the_south_china_sea_is_an_inset_and_its_parks_are_placed_in_it():
    root = ET.fromstring(map_svg())
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    frame = root.find(f"{SVG}rect")
    fx, fy = float(frame.get("x")), float(frame.get("y"))
    fw, fh = float(frame.get("width")), float(frame.get("height"))
    # The frame sits in the lower right corner of the drawing, inside it.
    assert fx > width * 0.8 and fy > height * 0.7 and fx + fw <= width and fy + fh <= height
    # The mainland stops above the frame's bottom: Sanya (18.25°N) is on the main map ...
    sanya = dots(chart([point(name="Sanya", lon=109.51, lat=18.25)]))[0][3]
    assert sanya[0] < fx and sanya[1] < height
    # ... and a park on the Paracel Islands (16.83°N, 112.34°E) is drawn inside the inset.
    paracel = dots(chart([point(name="Sansha", lon=112.34, lat=16.83)]))[0][3]
    assert fx <= paracel[0] <= fx + fw and fy <= paracel[1] <= fy + fh
    # The inset carries the dashed line: boundary strokes drawn inside the frame.
    line_paths = [p for p in root.findall(f"{SVG}path") if p.get("fill") == "none"]
    inset_lines = line_paths[-1].get("d")
    xs = [float(v) for v in re.findall(r"[ML](-?[\d.]+),", inset_lines)]
    assert xs and all(fx - 1 <= x <= fx + fw + 1 for x in xs)


def test_clipping_keeps_the_part_inside_the_box():
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    assert sorted(clip_polygon(square, (5.0, -1.0, 20.0, 20.0))) == sorted(
        [(5.0, 0.0), (10.0, 0.0), (10.0, 10.0), (5.0, 10.0)]
    )
    assert clip_polygon(square, (20.0, 20.0, 30.0, 30.0)) == []


def test_the_csv_holds_the_same_parks_as_the_table():
    c = chart([point(name='Arts & "Crafts" 园', url="/park/9/")])
    lines = c.csv_text().splitlines()
    assert lines[0] == "Park,Level,Longitude,Latitude"
    assert lines[1].startswith('"Arts & ""Crafts"" 园",national demonstration base,120.3')
    assert c.csv_href().startswith("data:text/csv;charset=utf-8,%EF%BB%BF")
