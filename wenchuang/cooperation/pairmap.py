"""The map of a batch's pairs: both parks as dots on the province map, a line between them."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from wenchuang.core.charts import Chart, Link
from wenchuang.directory.parkmap import MAP_NAME, PROVINCE_FILL, in_china_box, project
from wenchuang.directory.parkmap_svg import map_svg, place

from .models import Pairing

CARRYING_COLOUR = "#c8102e"
PARTNER_COLOUR = "#1f6fb2"
LINE_COLOURS = {"confirmed": "#7b8a9c", "signed": "#2e7d32", "ended": "#b0b7c0"}


def _spot(park) -> tuple[float, float] | None:
    if park.longitude is None or park.latitude is None:
        return None
    lon, lat = float(park.longitude), float(park.latitude)
    if not in_china_box(lon, lat):
        return None
    spot = place(*project(lon, lat))
    return (round(spot[0], 1), round(spot[1], 1)) if spot else None


def pairs_map_chart(pairings: Iterable[Pairing], *, title: str) -> Chart:
    """An ECharts map (the project's own outlines, no tiles): pairs as lines between parks.

    Its table lists every pair (both parks linked, status), the page's fallback without
    JavaScript; a pair whose park has no coordinates is in the table but not on the map.
    """
    carrying, partners, lines, rows = [], [], [], []
    status_labels = dict(Pairing.Status.choices)
    for pairing in pairings:
        a, b = pairing.carrying_park, pairing.partner_park
        rows.append(
            [
                Link(str(a), a.get_absolute_url()),
                Link(str(b), b.get_absolute_url()),
                str(status_labels.get(pairing.status, pairing.status)),
            ]
        )
        spot_a, spot_b = _spot(a), _spot(b)
        if spot_a is None or spot_b is None:
            continue
        url = pairing.get_absolute_url()
        carrying.append({"name": str(a), "value": list(spot_a), "url": url})
        partners.append({"name": str(b), "value": list(spot_b), "url": url})
        lines.append(
            {
                "name": f"{a} — {b}",
                "coords": [list(spot_a), list(spot_b)],
                "lineStyle": {"color": LINE_COLOURS.get(pairing.status, "#7b8a9c")},
            }
        )
    option = {
        "_svgMaps": {MAP_NAME: map_svg()},
        "tooltip": {"trigger": "item", "formatter": "{b}"},
        "legend": {"bottom": 0, "data": [_("carrying park"), _("partner park")]},
        "geo": {
            "map": MAP_NAME,
            "roam": True,
            "scaleLimit": {"min": 1, "max": 12},
            "silent": True,
            "itemStyle": {"color": PROVINCE_FILL},
        },
        "series": [
            {
                "type": "lines",
                "coordinateSystem": "geo",
                "name": _("pairs"),
                "data": lines,
                "lineStyle": {"width": 2, "opacity": 0.8, "curveness": 0.2},
                "z": 2,
            },
            *(
                {
                    "type": "scatter",
                    "coordinateSystem": "geo",
                    "name": name,
                    "data": data,
                    "symbolSize": 10,
                    "cursor": "pointer",
                    "itemStyle": {"color": colour, "borderColor": "#ffffff", "borderWidth": 1},
                    "z": 3,
                }
                for name, data, colour in (
                    (_("carrying park"), carrying, CARRYING_COLOUR),
                    (_("partner park"), partners, PARTNER_COLOUR),
                )
            ),
        ],
    }
    return Chart(
        id="pairs-map",
        title=title,
        columns=[_("Carrying park"), _("Partner park"), _("Status")],
        rows=rows,
        extra=option,
    )
