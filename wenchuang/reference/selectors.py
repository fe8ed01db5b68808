"""Reads over reference data: region subtrees and the 'above designated size' rule."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from .models import IndustryCategory, Region, SizeThreshold


def region_children(code: str | None) -> QuerySet[Region]:
    if not code:
        return Region.objects.filter(level=Region.Level.PROVINCE)
    return Region.objects.filter(parent_id=code)


def region_ancestry(region: Region) -> list[Region]:
    """The region and its parents, country first."""
    chain = []
    node: Region | None = region
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def category_choices(level: int, parent: str | None = None) -> QuerySet[IndustryCategory]:
    qs = IndustryCategory.objects.filter(level=level)
    return qs.filter(parent_id=parent) if parent else qs


@dataclass(frozen=True)
class SizeRule:
    """All thresholds loaded once, so a million-row import can flag every row without queries."""

    thresholds: tuple[SizeThreshold, ...]
    division_of: dict[str, str]

    @classmethod
    def load(cls) -> SizeRule:
        divisions = {
            cat.code: cat.gbt_classes[0][:2]
            for cat in IndustryCategory.objects.filter(level=IndustryCategory.Level.SMALL)
            if cat.gbt_classes
        }
        return cls(tuple(SizeThreshold.objects.order_by("-valid_from_year")), divisions)

    def threshold_for(self, category_code: str, year: int) -> SizeThreshold | None:
        division = self.division_of.get(category_code)
        if division is None:
            return None
        for rule in self.thresholds:
            if rule.valid_from_year <= year and rule.covers(division):
                return rule
        return None

    def is_above(self, category_code: str, revenue: Decimal | None, year: int | None) -> bool:
        if revenue is None or year is None:
            return False
        rule = self.threshold_for(category_code, year)
        return rule is not None and revenue >= rule.min_revenue_yuan
