"""Scoring forms and scores: definition checks, weighted means, spread, divergence, ranking.

A call's scoring form is data that staff edit:

    {"criteria": [
        {"key": "innovation", "label": {"zh-hans": "创新性", "en": "Innovation"},
         "weight": 3, "allow_na": false},
        {"key": "budget", "label": {"zh-hans": "预算合理性", "en": "Budget"}, "weight": 1},
    ]}

Each criterion is scored 0–5 (whole points) or, when `allow_na` (the default), "n/a". A
review's score is the weighted mean of its scored criteria (n/a criteria leave the mean and
the weights alike). An application's score is the mean of its reviews' scores; its spread
the difference between the highest and the lowest. A review is *divergent* when its score is
DIVERGENCE points or more away from the mean of the other reviews of the same application, or
when it recommends "yes" where another recommends "no" (or the reverse).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

# An application's or a reviewer's id (database ids in the services).
Id = Any


SCALE_MAX = 5
NOT_APPLICABLE = "n/a"
# 1.5 points of 5: the gap between "good" and "fair" on a usual 0–5 rubric.
DIVERGENCE = Fraction(3, 2)
LANGUAGES = ("zh-hans", "en", "fr", "de")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class Recommendation(models.TextChoices):
    YES = "yes", _("recommend")
    MAYBE = "maybe", _("recommend with reservations")
    NO = "no", _("do not recommend")


Problem = tuple[str, str]  # (path in the definition or the scores, message)

# The scoring form of a call whose staff have not written one.
DEFAULT_REVIEW_FORM: dict[str, Any] = {
    "criteria": [
        {
            "key": "merit",
            "label": {"zh-hans": "项目价值", "en": "Merit", "fr": "Intérêt", "de": "Bedeutung"},
            "weight": 3,
            "allow_na": False,
        },
        {
            "key": "feasibility",
            "label": {
                "zh-hans": "可行性",
                "en": "Feasibility",
                "fr": "Faisabilité",
                "de": "Machbarkeit",
            },
            "weight": 2,
            "allow_na": False,
        },
        {
            "key": "budget",
            "label": {
                "zh-hans": "预算合理性",
                "en": "Budget",
                "fr": "Budget",
                "de": "Budget",
            },
            "weight": 1,
        },
    ]
}


def review_form_of(call: Any) -> dict[str, Any]:
    """The call's scoring form, or the default one when staff have not written any."""
    form = getattr(call, "review_form", None)
    if isinstance(form, dict) and form.get("criteria") and not check_review_form(form):
        return form
    return DEFAULT_REVIEW_FORM


def check_saved_review_form(definition: Any) -> list[Problem]:
    """The call editor's check: an empty form (None, {}) stands for the default one."""
    if definition in (None, {}):
        return []
    return check_review_form(definition)


def check_review_form(definition: Any) -> list[Problem]:
    """What is wrong with a scoring-form definition; nothing when it may be saved."""
    if not isinstance(definition, dict):
        return [("", str(_("A scoring form must be an object with a list of criteria.")))]
    criteria = definition.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        return [("criteria", str(_("A scoring form needs at least one criterion.")))]
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, criterion in enumerate(criteria):
        path = f"criteria[{i}]"
        if not isinstance(criterion, dict):
            problems.append((path, str(_("A criterion must be an object."))))
            continue
        key = criterion.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            problems.append(
                (
                    f"{path}.key",
                    str(_("A key is a lower-case name of letters, digits and underscores.")),
                )
            )
        elif key in seen:
            problems.append((f"{path}.key", str(_("Two criteria have the same key."))))
        else:
            seen.add(key)
        label = criterion.get("label")
        if (
            not isinstance(label, dict)
            or set(label) - set(LANGUAGES)
            or not all(isinstance(v, str) for v in label.values())
            or not (label.get("zh-hans", "").strip() or label.get("en", "").strip())
        ):
            problems.append(
                (
                    f"{path}.label",
                    str(
                        _("A criterion needs a label in Chinese or English (zh-hans, en, fr, de).")
                    ),
                )
            )
        weight = criterion.get("weight")
        if (
            isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or not math.isfinite(weight)
            or weight <= 0
        ):
            problems.append((f"{path}.weight", str(_("A weight is a number above zero."))))
        if not isinstance(criterion.get("allow_na", True), bool):
            problems.append((f"{path}.allow_na", str(_("“n/a allowed” is true or false."))))
    return problems


def criteria(definition: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The criteria of a checked definition."""
    return list(definition["criteria"])


def criterion_label(criterion: Mapping[str, Any], language: str) -> str:
    """The criterion's label in `language`, else English, else Chinese."""
    label = criterion.get("label", {})
    for lang in (language, "en", "zh-hans"):
        if label.get(lang):
            return label[lang]
    return criterion["key"]


def check_scores(definition: Mapping[str, Any], scores: Any) -> list[Problem]:
    """What is wrong with a review's scores against its call's scoring form."""
    if not isinstance(scores, dict):
        return [("", str(_("Scores must be given per criterion.")))]
    problems: list[Problem] = []
    known = {c["key"] for c in criteria(definition)}
    for key in sorted(set(scores) - known):
        problems.append((key, str(_("This criterion is not on the scoring form."))))
    for criterion in criteria(definition):
        key = criterion["key"]
        value = scores.get(key)
        if value is None:
            problems.append((key, str(_("Give a score for this criterion."))))
        elif value == NOT_APPLICABLE:
            if not criterion.get("allow_na", True):
                problems.append((key, str(_("This criterion cannot be marked n/a."))))
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= SCALE_MAX:
            problems.append((key, str(_("A score is a whole number from 0 to 5, or n/a."))))
    return problems


def weighted_mean(definition: Mapping[str, Any], scores: Mapping[str, Any]) -> Fraction | None:
    """The review's score: its criteria's weighted mean, n/a left out; None if all are n/a."""
    total = Fraction(0)
    weights = Fraction(0)
    for criterion in criteria(definition):
        value = scores.get(criterion["key"])
        if value is None or value == NOT_APPLICABLE:
            continue
        weight = Fraction(str(criterion["weight"]))
        total += weight * value
        weights += weight
    return total / weights if weights else None


def shown(value: Fraction | None, places: int = 2) -> Decimal | None:
    """A score as the pages show it (half up, `places` decimals)."""
    if value is None:
        return None
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        exponent, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class ScoredReview:
    """One submitted review as scoring needs it."""

    reviewer: Id
    score: Fraction | None
    recommendation: str


@dataclass
class ApplicationScore:
    """An application's scores over its submitted reviews."""

    application: Id
    reviews: list[ScoredReview]
    mean: Fraction | None = None
    spread: Fraction | None = None
    divergent: set[Id] = field(default_factory=set)  # reviewers whose review diverges
    recommendations: dict[str, int] = field(default_factory=dict)

    @property
    def is_divergent(self) -> bool:
        return bool(self.divergent)


def summarise(application: Id, reviews: Sequence[ScoredReview]) -> ApplicationScore:
    """Mean, spread, divergent reviews and the recommendations of one application."""
    result = ApplicationScore(application, list(reviews))
    scored = [(r, r.score) for r in reviews if r.score is not None]
    if scored:
        values = [score for _r, score in scored]
        result.mean = sum(values, Fraction(0)) / len(values)
        result.spread = max(values) - min(values)
    for r, score in scored:
        others = [s for o, s in scored if o is not r]
        if others and abs(score - sum(others, Fraction(0)) / len(others)) >= DIVERGENCE:
            result.divergent.add(r.reviewer)
    said = {r.recommendation for r in reviews}
    if {Recommendation.YES, Recommendation.NO} <= said:
        result.divergent |= {
            r.reviewer
            for r in reviews
            if r.recommendation in (Recommendation.YES, Recommendation.NO)
        }
    for choice in Recommendation.values:
        result.recommendations[choice] = sum(1 for r in reviews if r.recommendation == choice)
    return result


def rank(scores: Sequence[ApplicationScore], order: Mapping[Id, Any]) -> list[ApplicationScore]:
    """A call's ranking: best mean first; ties go to more "yes" recommendations, then the
    smaller spread, then `order` (e.g. the submission time), then the id. Applications
    without any score come last."""

    def key(s: ApplicationScore):
        return (
            s.mean is None,
            -(s.mean or 0),
            -s.recommendations.get(Recommendation.YES, 0),
            s.spread if s.spread is not None else Fraction(SCALE_MAX + 1),
            s.application not in order,
            order.get(s.application),
            s.application,
        )

    return sorted(scores, key=key)
