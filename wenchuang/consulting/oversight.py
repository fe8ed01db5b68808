"""Figures staff oversee: volumes, median response time, ratings, overdue requests.

Per provider, per category and per month, over the requests placed in the reader's
jurisdiction (core.regions.jurisdiction_scope), filed in the last `months` months.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wenchuang.core.regions import jurisdiction_scope

from .models import ConsultingRequest


@dataclass
class Figures:
    """One line of the oversight: a provider, a category or a month."""

    key: Any
    label: str
    requests: int = 0
    answered: int = 0
    overdue: int = 0
    hours: list[float] = field(default_factory=list)
    ratings: list[int] = field(default_factory=list)

    @property
    def median_hours(self) -> float | None:
        return round(statistics.median(self.hours), 1) if self.hours else None

    @property
    def mean_rating(self) -> float | None:
        return round(sum(self.ratings) / len(self.ratings), 2) if self.ratings else None

    def add(self, row: dict, now: datetime.datetime) -> None:
        self.requests += 1
        if row["answered_at"]:
            self.answered += 1
            self.hours.append((row["answered_at"] - row["filed_at"]).total_seconds() / 3600)
        if row["rating"]:
            self.ratings.append(row["rating"])
        late_open = row["status"] in ConsultingRequest.OPEN and row["answer_due"] < now
        late_answer = row["answered_at"] and row["answered_at"] > row["answer_due"]
        if late_open or late_answer:
            self.overdue += 1


@dataclass
class Oversight:
    by_provider: list[Figures]
    by_category: list[Figures]
    by_month: list[Figures]
    total: Figures


COLUMNS = (
    "id",
    "provider_id",
    "provider__name_zh_hans",
    "provider__name_en",
    "category",
    "status",
    "filed_at",
    "answered_at",
    "answer_due",
    "rating",
)


def _tally(rows: Iterable[dict], key, label, now) -> list[Figures]:
    found: dict[Any, Figures] = {}
    for row in rows:
        k = key(row)
        if k not in found:
            found[k] = Figures(k, label(row))
        found[k].add(row, now)
    return list(found.values())


def oversight_for(
    user: Any, *, months: int = 12, now: datetime.datetime | None = None
) -> Oversight:
    """The figures of the user's jurisdiction (nothing for users who are not staff)."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=31 * months)
    rows = list(
        jurisdiction_scope(user, ConsultingRequest.objects.filter(filed_at__gte=since)).values(
            *COLUMNS
        )
    )
    labels = dict(ConsultingRequest._meta.get_field("category").choices)
    chinese = (get_language() or "").startswith("zh")

    def provider_name(row: dict) -> str:
        if not row["provider_id"]:
            return _("(no provider)")
        names = (row["provider__name_zh_hans"], row["provider__name_en"])
        return (names[0] if chinese else names[1] or names[0]) or f"#{row['provider_id']}"

    local = timezone.get_current_timezone()
    by_provider = _tally(rows, lambda r: r["provider_id"] or 0, provider_name, now)
    by_provider.sort(key=lambda f: (-f.requests, f.label))
    by_category = _tally(rows, lambda r: r["category"], lambda r: str(labels[r["category"]]), now)
    by_category.sort(key=lambda f: f.label)
    month = lambda r: r["filed_at"].astimezone(local).strftime("%Y-%m")  # noqa: E731
    by_month = _tally(rows, month, month, now)
    by_month.sort(key=lambda f: f.key)
    total = Figures("all", "")
    for row in rows:
        total.add(row, now)
    return Oversight(by_provider, by_category, by_month, total)
