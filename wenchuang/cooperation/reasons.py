"""A suggestion's reasons, stored as codes with parameters, worded in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .zones import ZONE_LABELS

# The nine major classes, read once per process: a batch page words a reason for every pair,
# which must not cost a query each (reference data; an empty read is not kept).
_MAJORS: dict = {}


def _major_names(codes: list[str]) -> str:
    if not _MAJORS:
        from wenchuang.reference.models import IndustryCategory

        rows = IndustryCategory.objects.filter(level=IndustryCategory.Level.MAJOR)
        _MAJORS.update({c.code: c for c in rows})
    # Each name in the reader's language, resolved now (the rows are shared).
    return ", ".join(str(_MAJORS[code].name) if code in _MAJORS else code for code in codes)


def describe(code: str, params: dict) -> str:
    """One reason as a phrase: "different zones: eastern region → western region"."""
    if code == "level_gap":
        levels = int(params.get("levels", 1))
        return ngettext(
            "the carrying park is one level higher",
            "the carrying park is %(levels)d levels higher",
            levels,
        ) % {"levels": levels}
    if code == "zones":
        return _("across regions: %(from)s → %(to)s") % {
            "from": ZONE_LABELS.get(params.get("from", ""), params.get("from", "")),
            "to": ZONE_LABELS.get(params.get("to", ""), params.get("to", "")),
        }
    if code == "shared_focus":
        return _("shared focus: %(names)s") % {
            "names": _major_names(list(params.get("majors", [])))
        }
    if code == "earlier_pair":
        return _("already paired in an earlier batch")
    if code == "shared_enterprises":
        count = int(params.get("count", 0))
        return ngettext(
            "%(count)d enterprise present in both",
            "%(count)d enterprises present in both",
            count,
        ) % {"count": count}
    return code


def explain(reasons: list) -> str:
    """All of a pair's reasons, joined: what the suggestions page shows beside the score."""
    parts = []
    for item in reasons or []:
        try:
            code, params = item
        except (TypeError, ValueError):
            continue
        parts.append(describe(str(code), dict(params or {})))
    return "; ".join(parts)
