"""A short written commentary on a quarter: the largest growth, the declines, targets at risk.

Sentences are built from the figures, in the active language (the quarterly report renders
it once in Chinese and once in English); numbers go through the reader's number format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from wenchuang.core.money import format_percentage

from .growth import rounded

MAX_NAMED = 3


@dataclass(frozen=True, slots=True)
class Movement:
    """One series' change: what it is (indicator in a region or class) and its growth in percent."""

    label: str
    growth: Decimal | None


def _pct(value: Decimal) -> str:
    return format_percentage(rounded(abs(value)))


def commentary(
    movements: Sequence[Movement], *, targets_at_risk: Sequence[str] = (), period_label: str = ""
) -> list[str]:
    """Sentences for the report: the fastest growth, the declines, and the targets at risk."""
    known = [m for m in movements if m.growth is not None]
    sentences: list[str] = []
    if not known:
        sentences.append(
            _("No year-on-year comparison is available for %(period)s yet.")
            % {"period": period_label}
        )
    rising = sorted((m for m in known if m.growth > 0), key=lambda m: -m.growth)  # type: ignore[operator]
    falling = sorted((m for m in known if m.growth < 0), key=lambda m: m.growth)  # type: ignore[arg-type,return-value]
    if rising:
        top = rising[0]
        sentences.append(
            _("In %(period)s, %(what)s grew fastest: %(growth)s year on year.")
            % {"period": period_label, "what": top.label, "growth": _pct(top.growth)}  # type: ignore[arg-type]
        )
    if falling:
        named = ", ".join(
            _("%(what)s (−%(growth)s)") % {"what": m.label, "growth": _pct(m.growth)}  # type: ignore[arg-type]
            for m in falling[:MAX_NAMED]
        )
        sentences.append(_("Declines year on year: %(list)s.") % {"list": named})
    elif known:
        sentences.append(_("No series declined year on year."))
    if targets_at_risk:
        sentences.append(_("Targets at risk: %(list)s.") % {"list": ", ".join(targets_at_risk)})
    return sentences
