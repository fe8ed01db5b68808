"""The park map's drawing for ECharts: China's provinces with the South China Sea as an inset.

Published maps of China show the mainland and, in a frame at the lower right, the South China
Sea islands at a smaller scale. This module cuts the shipped province outlines (see
parkmap.OUTLINES) into those two parts with a rectangle clip (Sutherland–Hodgman), and gives
each park the position it has on that drawing. The result is an SVG that ECharts registers
as a map (`registerMap(name, {svg})`), so zoom, pan and clicks work on it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .parkmap import BORDER, LINE_COLOUR, PROVINCE_FILL, _outlines

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in the outlines' viewBox units

# The mainland frame: everything north of a line just south of Hainan (about 17.5°N).
MAIN: Box = (0.0, 0.0, 1000.0, 850.0)
# The part of the outlines shown in the inset: Hainan, the islands and the dashed line.
SEA: Box = (600.0, 700.0, 940.0, 1154.0)
# Where the inset goes on the drawing, and its scale.
INSET_ORIGIN: Point = (962.0, 662.0)
INSET_SCALE = 0.4
WIDTH, HEIGHT = 1100.0, 850.0

_TOKEN = re.compile(r"[MmLlHhVvZz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")


def _rings(d: str) -> list[list[Point]]:
    """The absolute rings of an SVG path made of M, L, H, V and Z commands (any case)."""
    rings: list[list[Point]] = []
    ring: list[Point] = []
    x = y = 0.0
    command = "M"
    numbers: list[float] = []

    def flush() -> None:
        nonlocal x, y, ring
        step = {"M": 2, "m": 2, "L": 2, "l": 2, "H": 1, "h": 1, "V": 1, "v": 1}.get(command, 0)
        for i in range(0, len(numbers) - step + 1, step) if step else ():
            a = numbers[i : i + step]
            if command in "Mm":
                if i == 0:
                    if ring:
                        rings.append(ring)
                    ring = []
                    x, y = (a[0], a[1]) if command == "M" else (x + a[0], y + a[1])
                else:  # further pairs after a move are lines
                    x, y = (a[0], a[1]) if command == "M" else (x + a[0], y + a[1])
            elif command == "L":
                x, y = a
            elif command == "l":
                x, y = x + a[0], y + a[1]
            elif command == "H":
                x = a[0]
            elif command == "h":
                x += a[0]
            elif command == "V":
                y = a[0]
            elif command == "v":
                y += a[0]
            ring.append((x, y))

    for token in _TOKEN.findall(d):
        if token.isalpha():
            flush()
            numbers = []
            command = token
            if token in "Zz" and ring:
                rings.append(ring)
                x, y = ring[0]
                ring = []
        else:
            numbers.append(float(token))
    flush()
    if ring:
        rings.append(ring)
    return rings


def clip_polygon(ring: list[Point], box: Box) -> list[Point]:
    """Sutherland–Hodgman: the part of a polygon inside an axis-aligned box."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda p, q: _at_x(p, q, x0)),
        (lambda p: p[0] <= x1, lambda p, q: _at_x(p, q, x1)),
        (lambda p: p[1] >= y0, lambda p, q: _at_y(p, q, y0)),
        (lambda p: p[1] <= y1, lambda p, q: _at_y(p, q, y1)),
    ]
    points = ring
    for inside, cross in edges:
        if not points:
            break
        result: list[Point] = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return points


def clip_line(line: list[Point], box: Box) -> list[list[Point]]:
    """The pieces of a polyline inside a box (each segment kept whole or cut at the edge)."""
    pieces: list[list[Point]] = []
    current: list[Point] = []
    for p, q in zip(line, line[1:], strict=False):
        segment = _clip_segment(p, q, box)
        if segment is None:
            if current:
                pieces.append(current)
                current = []
            continue
        a, b = segment
        if current and current[-1] == a:
            current.append(b)
        else:
            if current:
                pieces.append(current)
            current = [a, b]
    if current:
        pieces.append(current)
    return pieces


def _clip_segment(p: Point, q: Point, box: Box) -> tuple[Point, Point] | None:
    """Liang–Barsky."""
    x0, y0, x1, y1 = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return None
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (p[0] + t0 * dx, p[1] + t0 * dy), (p[0] + t1 * dx, p[1] + t1 * dy)


def _at_x(p: Point, q: Point, x: float) -> Point:
    t = (x - p[0]) / (q[0] - p[0])
    return x, p[1] + t * (q[1] - p[1])


def _at_y(p: Point, q: Point, y: float) -> Point:
    t = (y - p[1]) / (q[1] - p[1])
    return p[0] + t * (q[0] - p[0]), y


def to_inset(p: Point) -> Point:
    return (
        INSET_ORIGIN[0] + (p[0] - SEA[0]) * INSET_SCALE,
        INSET_ORIGIN[1] + (p[1] - SEA[1]) * INSET_SCALE,
    )


def place(x: float, y: float) -> Point | None:
    """Where a point of the outlines' drawing lands on the map with inset, or None if off it."""
    if MAIN[0] <= x <= MAIN[2] and MAIN[1] <= y <= MAIN[3]:
        return x, y
    if SEA[0] <= x <= SEA[2] and SEA[1] <= y <= SEA[3]:
        return to_inset((x, y))
    return None


def _path(rings: Iterable[list[Point]], closed: bool) -> str:
    parts = []
    for ring in rings:
        if len(ring) < 2:
            continue
        head, *tail = ring
        parts.append(
            f"M{head[0]:.1f},{head[1]:.1f}"
            + "".join(f"L{x:.1f},{y:.1f}" for x, y in tail)
            + ("Z" if closed else "")
        )
    return "".join(parts)


@functools.cache
def map_svg() -> str:
    """The SVG drawing: mainland provinces, boundary lines, and the framed inset."""
    outlines = _outlines()
    main_polygons: list[list[Point]] = []
    sea_polygons: list[list[Point]] = []
    for province in outlines["provinces"]:
        for ring in _rings(province["d"]):
            if len(clipped := clip_polygon(ring, MAIN)) >= 3:
                main_polygons.append(clipped)
            if len(clipped := clip_polygon(ring, SEA)) >= 3:
                sea_polygons.append([to_inset(p) for p in clipped])
    main_lines: list[list[Point]] = []
    sea_lines: list[list[Point]] = []
    for d in outlines.get("lines", []):
        for line in _rings(d):
            main_lines.extend(clip_line(line, MAIN))
            sea_lines.extend([to_inset(p) for p in piece] for piece in clip_line(line, SEA))
    fx, fy = INSET_ORIGIN
    fw = (SEA[2] - SEA[0]) * INSET_SCALE
    fh = (SEA[3] - SEA[1]) * INSET_SCALE
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}">',
            f'<path fill="{PROVINCE_FILL}" stroke="{BORDER}" stroke-width="1"'
            f' d="{_path(main_polygons, True)}"/>',
            f'<path fill="none" stroke="{LINE_COLOUR}" stroke-width="1.4"'
            f' d="{_path(main_lines, False)}"/>',
            f'<rect x="{fx - 2:.1f}" y="{fy - 2:.1f}" width="{fw + 4:.1f}" height="{fh + 4:.1f}"'
            f' fill="#f7f9fb" stroke="{LINE_COLOUR}" stroke-width="1"/>',
            f'<path fill="{PROVINCE_FILL}" stroke="{BORDER}" stroke-width="0.6"'
            f' d="{_path(sea_polygons, True)}"/>',
            f'<path fill="none" stroke="{LINE_COLOUR}" stroke-width="1"'
            f' d="{_path(sea_lines, False)}"/>',
            "</svg>",
        ]
    )
