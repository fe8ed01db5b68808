"""Indicator sets as data: checking a definition, checking an assessor's values, scoring them.

A definition (stored on `IndicatorSet.definition`) is plain JSON that staff edit without code:

    {
      "validity_years": 3,        # how long a designation lasts
      "pass_mark": 70,            # a total at or above it designates, or renews
      "warn_mark": 50,            # at or above it (and below pass) warns; below it revokes
      "indicators": [
        {"key": "tenants", "group": "quantitative", "type": "integer", "unit": "enterprises",
         "weight": 20, "target": 100, "label": {"zh-hans": "入驻企业数", "en": "Tenants"}},
        {"key": "management", "group": "qualitative", "weight": 10,
         "label": {"zh-hans": "运营管理", "en": "Management"},
         "levels": [{"zh-hans": "差", "en": "poor"}, …, {"zh-hans": "优", "en": "excellent"}]}
      ]
    }

A quantitative indicator scores its weight in proportion to the value, up to its `target`;
a qualitative one scores its weight in proportion to the level reached (the first level
scores 0, the last the full weight). Weights add up to 100, so the total is out of 100.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wenchuang.core.languages import pick_text
from wenchuang.core.money import finite_decimal

QUANTITATIVE, QUALITATIVE = "quantitative", "qualitative"
GROUPS = {
    QUANTITATIVE: gettext_lazy("Quantitative indicators"),
    QUALITATIVE: gettext_lazy("Qualitative indicators"),
}
TYPES = ("integer", "decimal", "percent")
UNITS = {
    "enterprises": gettext_lazy("enterprises"),
    "persons": gettext_lazy("persons"),
    "cny_10k": gettext_lazy("10,000 CNY"),
    "percent": gettext_lazy("%"),
    "services": gettext_lazy("services a year"),
    "square_metres": gettext_lazy("m²"),
}
TOTAL_WEIGHT = Decimal(100)
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# Every label needs these languages; French and German fall back to English.
LABEL_LANGUAGES = ("zh-hans", "en")
MAX_INDICATORS = 50
MAX_VALUE = Decimal("1e12")

Problems = list[tuple[str, str]]


def _check_label(path: str, label: Any, problems: Problems) -> None:
    if not isinstance(label, dict) or not all(
        isinstance(label.get(code), str) and label[code].strip() for code in LABEL_LANGUAGES
    ):
        problems.append((path, _("A label needs a Chinese and an English text.")))


def _check_indicator(path: str, item: Any, seen: set[str], problems: Problems) -> None:
    if not isinstance(item, dict):
        problems.append((path, _("An indicator is an object with a key, a group and a weight.")))
        return
    key = item.get("key")
    if not isinstance(key, str) or not KEY.match(key):
        problems.append(
            (f"{path}.key", _("A key is lower-case letters, digits and _, starting with a letter."))
        )
    elif key in seen:
        problems.append((f"{path}.key", _("The key %(key)s is used twice.") % {"key": key}))
    else:
        seen.add(key)
    _check_label(f"{path}.label", item.get("label"), problems)
    weight = finite_decimal(item.get("weight"))
    if weight is None or weight <= 0:
        problems.append((f"{path}.weight", _("A weight is a number above 0.")))
    group = item.get("group")
    if group == QUANTITATIVE:
        if item.get("type") not in TYPES:
            problems.append(
                (f"{path}.type", _("The type is one of: %(types)s.") % {"types": ", ".join(TYPES)})
            )
        if item.get("unit") not in UNITS:
            problems.append(
                (f"{path}.unit", _("The unit is one of: %(units)s.") % {"units": ", ".join(UNITS)})
            )
        target = finite_decimal(item.get("target"))
        if target is None or target <= 0:
            problems.append((f"{path}.target", _("A target is a number above 0.")))
    elif group == QUALITATIVE:
        levels = item.get("levels")
        if not isinstance(levels, list) or not 2 <= len(levels) <= 10:
            problems.append((f"{path}.levels", _("A qualitative indicator has 2 to 10 levels.")))
        else:
            for n, level in enumerate(levels):
                _check_label(f"{path}.levels[{n}]", level, problems)
    else:
        problems.append(
            (f"{path}.group", _("The group is “quantitative” or “qualitative”."))  # noqa: RUF001
        )


def check_definition(definition: Any) -> Problems:
    """Every problem of an indicator set's definition, as (path, message); [] when it is sound."""
    if not isinstance(definition, dict):
        return [("", _("The definition is an object with indicators and marks."))]
    problems: Problems = []
    indicators = definition.get("indicators")
    if not isinstance(indicators, list) or not indicators:
        problems.append(("indicators", _("List at least one indicator.")))
        indicators = []
    elif len(indicators) > MAX_INDICATORS:
        problems.append(("indicators", _("At most %(n)s indicators.") % {"n": MAX_INDICATORS}))
    seen: set[str] = set()
    for n, item in enumerate(indicators):
        _check_indicator(f"indicators[{n}]", item, seen, problems)
    weights = [finite_decimal(i.get("weight")) for i in indicators if isinstance(i, dict)]
    if indicators and all(w is not None and w > 0 for w in weights):
        total = sum(weights, Decimal(0))
        if total != TOTAL_WEIGHT:
            problems.append(
                ("indicators", _("The weights add up to %(total)s, not 100.") % {"total": total})
            )
    if {i.get("group") for i in indicators if isinstance(i, dict)} != {QUANTITATIVE, QUALITATIVE}:
        if not problems:
            problems.append(
                ("indicators", _("An indicator set has quantitative and qualitative indicators."))
            )
    pass_mark, warn_mark = (
        finite_decimal(definition.get("pass_mark")),
        finite_decimal(definition.get("warn_mark")),
    )
    if pass_mark is None or not 0 < pass_mark <= 100:
        problems.append(("pass_mark", _("The pass mark is a number from 1 to 100.")))
    if warn_mark is None or not 0 <= warn_mark <= (pass_mark or 100):
        problems.append(("warn_mark", _("The warning mark is a number from 0 to the pass mark.")))
    years = definition.get("validity_years")
    if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= 10:
        problems.append(("validity_years", _("A designation lasts 1 to 10 years.")))
    return problems


def indicators(definition: dict) -> list[dict]:
    return list(definition.get("indicators", []))


def label(item: dict, language: str | None = None) -> str:
    return pick_text(item.get("label") or {}, language) or item.get("key", "")


def level_labels(item: dict, language: str | None = None) -> list[str]:
    return [pick_text(level, language) for level in item.get("levels", [])]


def unit_label(item: dict) -> str:
    return str(UNITS.get(item.get("unit", ""), ""))


def _check_value(item: dict, raw: Any) -> tuple[Any, str]:
    """The value to store and "" , or None and the reason it is refused."""
    if item["group"] == QUALITATIVE:
        level = finite_decimal(raw)
        if level is None or level != level.to_integral() or not 0 <= level < len(item["levels"]):
            return None, _("Choose one of the levels.")
        return int(level), ""
    number = finite_decimal(raw)
    if number is None:
        return None, _("Enter a number.")
    if number < 0:
        return None, _("The value cannot be negative.")
    if number > MAX_VALUE:
        return None, _("The value is too large.")
    if item["type"] == "integer" and number != number.to_integral():
        return None, _("Enter a whole number.")
    if item["type"] == "percent" and number > 100:
        return None, _("A percentage is at most 100.")
    return (int(number) if item["type"] == "integer" else str(number)), ""


def check_values(
    definition: dict, values: Any, *, complete: bool
) -> tuple[dict[str, Any], Problems]:
    """The values an assessor entered, cleaned, and the problems (by indicator key).

    A draft may leave indicators empty (`complete=False`); a submission may not. Keys the
    set does not define are refused rather than silently dropped.
    """
    if not isinstance(values, dict):
        return {}, [("values", _("The values are an object keyed by indicator."))]
    known = {item["key"]: item for item in indicators(definition)}
    cleaned: dict[str, Any] = {}
    problems: Problems = []
    for key in values:
        if key not in known:
            problems.append(
                (str(key), _("This indicator set has no indicator %(key)s.") % {"key": key})
            )
    for key, item in known.items():
        raw = values.get(key)
        if raw is None or raw == "":
            if complete:
                problems.append((key, _("This indicator needs a value.")))
            continue
        value, reason = _check_value(item, raw)
        if reason:
            problems.append((key, reason))
        else:
            cleaned[key] = value
    return cleaned, problems


def indicator_score(item: dict, value: Any) -> Decimal:
    weight = Decimal(str(item["weight"]))
    if value is None:
        return Decimal(0)
    if item["group"] == QUALITATIVE:
        top = len(item["levels"]) - 1
        return weight * Decimal(int(value)) / Decimal(top)
    share = min(Decimal(str(value)) / Decimal(str(item["target"])), Decimal(1))
    return weight * share


def total_score(definition: dict, values: dict[str, Any]) -> Decimal:
    """The weighted total out of 100, to two places."""
    total = sum(
        (indicator_score(item, values.get(item["key"])) for item in indicators(definition)),
        Decimal(0),
    )
    return total.quantize(Decimal("0.01"))


# What a total means for a designated area, by the set's marks.
RENEW, WARN, REVOKE = "renew", "warn", "revoke"


def outcome(definition: dict, score: Decimal) -> str:
    """renew at or above the pass mark, warn at or above the warning mark, else revoke."""
    if score >= Decimal(str(definition["pass_mark"])):
        return RENEW
    if score >= Decimal(str(definition["warn_mark"])):
        return WARN
    return REVOKE
