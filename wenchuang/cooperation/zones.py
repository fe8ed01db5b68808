"""China's four economic zones (NBS: east, central, west, north-east) by province code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EAST, CENTRAL, WEST, NORTHEAST = "east", "central", "west", "northeast"

ZONE_LABELS = {
    EAST: _("eastern region"),
    CENTRAL: _("central region"),
    WEST: _("western region"),
    NORTHEAST: _("north-eastern region"),
}

# The first two digits of a GB/T 2260 code name the province. Hong Kong, Macao and Taiwan
# (81, 82, 71) belong to none of the four zones.
_PROVINCES = {
    EAST: ("11", "12", "13", "31", "32", "33", "35", "37", "44", "46"),
    CENTRAL: ("14", "34", "36", "41", "42", "43"),
    WEST: ("15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"),
    NORTHEAST: ("21", "22", "23"),
}
_ZONE_OF = {prefix: zone for zone, prefixes in _PROVINCES.items() for prefix in prefixes}


def zone_of(region_code: str | None) -> str:
    """The economic zone of a region's code, or "" outside the four zones."""
    return _ZONE_OF.get((region_code or "")[:2], "")
