"""The one checker of a return's figures, used by the form, the API and bulk uploads.

The rules are the indicator's data (type, range, required, relations, cumulative); each
refusal is a message for one field. Suspicious values — a change beyond ±50 % on the same
quarter of last year, or more than ten times the median of peers in the same class and
quarter — are accepted only with an explanation.
"""

from __future__ import annotations

import operator
import statistics as pystats
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from wenchuang.core.money import format_number, format_percentage

from .calendar import previous_quarter
from .models import Indicator, Period, ReturnValue

# A year-on-year change beyond this share is flagged.
YOY_LIMIT = Decimal("0.5")
# A value above this multiple of its peers' median is flagged.
PEER_MULTIPLE = Decimal(10)
# Fewer peers than this say nothing about what is usual.
MIN_PEERS = 5
# The value column holds 16 digits before the point and 4 after.
MAX_ABS = Decimal(10) ** 16

RELATIONS = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
}


def _relation_message(op: str) -> str:
    return {
        "<=": _("Must not be more than %(other)s (%(limit)s)."),
        "<": _("Must be less than %(other)s (%(limit)s)."),
        ">=": _("Must not be less than %(other)s (%(limit)s)."),
        ">": _("Must be more than %(other)s (%(limit)s)."),
        "==": _("Must equal %(other)s (%(limit)s)."),
    }[op]


class ValueProblem(Exception):
    """A value refused by its indicator's rules; the message is for the reporter."""


def parse_value(indicator: Indicator, raw: Any) -> Decimal | None:
    """The value as a Decimal checked against the indicator's type and range; None if empty."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueProblem(_("Enter a number."))
    text = str(raw).strip().replace(",", "").replace(" ", "") if isinstance(raw, str) else raw
    try:
        value = Decimal(text) if not isinstance(text, float) else Decimal(str(text))
    except (InvalidOperation, ValueError, TypeError):
        raise ValueProblem(_("Enter a number.")) from None
    if not value.is_finite():
        raise ValueProblem(_("Enter a number."))
    if indicator.value_type == Indicator.ValueType.INTEGER and value != value.to_integral_value():
        raise ValueProblem(_("Enter a whole number."))
    places = 2 if indicator.value_type == Indicator.ValueType.MONEY else 4
    if value.as_tuple().exponent < -places and value != value.quantize(Decimal(1).scaleb(-places)):
        raise ValueProblem(
            _("Enter at most %(places)d digits after the decimal point.") % {"places": places}
        )
    if abs(value) >= MAX_ABS:
        raise ValueProblem(_("This number is too large."))
    if indicator.min_value is not None and value < indicator.min_value:
        raise ValueProblem(
            _("Must be at least %(min)s.") % {"min": format_number(indicator.min_value)}
        )
    if indicator.max_value is not None and value > indicator.max_value:
        raise ValueProblem(
            _("Must be at most %(max)s.") % {"max": format_number(indicator.max_value)}
        )
    return value


@dataclass
class History:
    """The reporter's neighbouring figures and their peers', read once for a form or a file."""

    previous: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    following: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    last_year: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    # (class_code, indicator code) -> [(reporter_key, value)] of the same quarter.
    peers: dict[tuple[str, str], list[tuple[str, Decimal]]] = field(default_factory=dict)
    _medians: dict[tuple[str, str], Decimal | None] = field(default_factory=dict)

    def peer_median(self, class_code: str, code: str, reporter_key: str) -> Decimal | None:
        rows = self.peers.get((class_code, code), [])
        if len(rows) > 50:  # one reporter more or less does not move the median of many
            key = (class_code, code)
            if key not in self._medians:
                self._medians[key] = pystats.median(v for _k, v in rows)
            return self._medians[key]
        others = [v for key, v in rows if key != reporter_key]
        return pystats.median(others) if len(others) >= MIN_PEERS else None


def load_history(
    obligation_id: int,
    period: Period,
    reporter_keys: Iterable[str] | None = None,
    peer_classes: Iterable[str] | None = None,
) -> History:
    """Current values of the previous and next quarter (same year), of the same quarter last
    year for `reporter_keys` (every reporter if None), and of the peers this quarter (in
    `peer_classes`, or every class)."""
    history = History()
    wanted = {
        "previous": previous_quarter(period.year, period.quarter) if period.quarter > 1 else None,
        "following": (period.year, period.quarter + 1) if period.quarter < 4 else None,
        "last_year": (period.year - 1, period.quarter),
    }
    keys = list(reporter_keys) if reporter_keys is not None else None
    for name, when in wanted.items():
        if when is None:
            continue
        rows = ReturnValue.objects.filter(
            current=True,
            stat_return__obligation_id=obligation_id,
            stat_return__period__year=when[0],
            stat_return__period__quarter=when[1],
        )
        if keys is not None:
            rows = rows.filter(stat_return__reporter_key__in=keys)
        target = getattr(history, name)
        for key, code, value in rows.values_list(
            "stat_return__reporter_key", "indicator__code", "value"
        ).iterator():
            target[(key, code)] = value
    peer_rows = ReturnValue.objects.filter(
        current=True, stat_return__obligation_id=obligation_id, stat_return__period=period
    )
    if peer_classes is not None:
        peer_rows = peer_rows.filter(stat_return__class_code__in=list(peer_classes))
    peers = defaultdict(list)
    for key, class_code, code, value in peer_rows.values_list(
        "stat_return__reporter_key", "stat_return__class_code", "indicator__code", "value"
    ).iterator():
        peers[(class_code, code)].append((key, value))
    history.peers = dict(peers)
    return history


@dataclass
class Checked:
    """What the checker made of a return: values, derived quarters, refusals and flags."""

    values: dict[str, Decimal] = field(default_factory=dict)
    single_quarter: dict[str, Decimal | None] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    flags: dict[str, list[dict]] = field(default_factory=dict)

    def refuse(self, code: str, message: str) -> None:
        self.errors.setdefault(code, []).append(message)

    @property
    def ok(self) -> bool:
        return not self.errors


def flag_message(flag: Mapping[str, Any]) -> str:
    """A stored flag as a sentence in the reader's language."""
    if flag.get("code") == "yoy_change":
        return _("Changed by %(change)s on the same quarter last year (%(previous)s).") % {
            "change": format_percentage(flag.get("change")),
            "previous": format_number(Decimal(flag.get("previous", "0"))),
        }
    if flag.get("code") == "peer_outlier":
        return _("More than ten times the median of similar reporters (%(median)s).") % {
            "median": format_number(Decimal(flag.get("median", "0")))
        }
    return str(flag.get("code", ""))


def check_return(
    indicators: Iterable[Indicator],
    raw: Mapping[str, Any],
    explanations: Mapping[str, str],
    *,
    period: Period,
    reporter_key: str,
    class_code: str,
    history: History,
) -> Checked:
    """Check every figure of one return against its indicator and its history."""
    checked = Checked()
    indicators = list(indicators)
    names = {i.code: str(i.name) for i in indicators}
    known = set(names)
    for code in raw:
        if code not in known:
            checked.refuse(code, _("This return has no indicator %(code)s.") % {"code": code})
    for indicator in indicators:
        try:
            value = parse_value(indicator, raw.get(indicator.code))
        except ValueProblem as problem:
            checked.refuse(indicator.code, str(problem))
            continue
        if value is None:
            if indicator.required:
                checked.refuse(indicator.code, _("This figure is required."))
            continue
        checked.values[indicator.code] = value
    for indicator in indicators:
        value = checked.values.get(indicator.code)
        if value is None:
            continue
        for relation in indicator.relations or []:
            other = checked.values.get(relation.get("other"))
            compare = RELATIONS.get(relation.get("op"))
            if other is not None and compare is not None and not compare(value, other):
                checked.refuse(
                    indicator.code,
                    _relation_message(relation["op"])
                    % {"other": names.get(relation["other"], ""), "limit": format_number(other)},
                )
        if indicator.cumulative:
            _check_cumulative(checked, indicator, value, period, reporter_key, history)
        if indicator.code not in checked.errors:
            _flag(checked, indicator, value, reporter_key, class_code, history, explanations)
    return checked


def _check_cumulative(checked, indicator, value, period, reporter_key, history) -> None:
    key = (reporter_key, indicator.code)
    before = history.previous.get(key)
    after = history.following.get(key)
    if before is not None and value < before:
        checked.refuse(
            indicator.code,
            _(
                "A year-to-date figure cannot be lower than the previous quarter's (%(previous)s): "
                "enter the total from January to the end of this quarter."
            )
            % {"previous": format_number(before)},
        )
        return
    if after is not None and value > after:
        checked.refuse(
            indicator.code,
            _(
                "A year-to-date figure cannot be higher than the next quarter's (%(next)s); "
                "revise that quarter first."
            )
            % {"next": format_number(after)},
        )
        return
    if period.quarter == 1:
        checked.single_quarter[indicator.code] = value
    else:
        checked.single_quarter[indicator.code] = value - before if before is not None else None


def _flag(checked, indicator, value, reporter_key, class_code, history, explanations) -> None:
    flags = []
    previous = history.last_year.get((reporter_key, indicator.code))
    if previous is not None and previous > 0:
        change = (value - previous) / previous
        if abs(change) > YOY_LIMIT:
            flags.append(
                {
                    "code": "yoy_change",
                    "previous": str(previous),
                    "change": str((change * 100).quantize(Decimal("0.1"))),
                }
            )
    median = history.peer_median(class_code, indicator.code, reporter_key)
    if median is not None and median > 0 and value > PEER_MULTIPLE * median:
        flags.append({"code": "peer_outlier", "median": str(median)})
    if not flags:
        return
    checked.flags[indicator.code] = flags
    if not (explanations.get(indicator.code) or "").strip():
        reasons = " ".join(flag_message(f) for f in flags)
        checked.refuse(
            indicator.code,
            _("%(reasons)s Check the figure, or explain it to submit it.") % {"reasons": reasons},
        )
