"""The reference codes an import checks rows against, loaded once per import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wenchuang.core.regions import in_jurisdiction, placement

from ..models import Park


@dataclass
class _Lookups:
    """Every code a row may refer to, loaded once per import so rows need no queries."""

    regions: dict[str, tuple[str, str]]  # code -> (province_code, prefecture_code)
    categories: dict[str, tuple[str, str, str]]  # small code -> (major, mid, domain)
    currencies: frozenset[str]
    parks: frozenset[int]
    size_rule: Any
    # The staff importer whose jurisdiction rows must lie in; None for the command line.
    importer: Any = None

    def in_jurisdiction(self, region_code: str) -> bool:
        return self.importer is None or in_jurisdiction(self.importer, region_code)

    @classmethod
    def load(cls, kind: str, by: Any = None) -> _Lookups:
        from wenchuang.reference.models import Currency, IndustryCategory, Region
        from wenchuang.reference.selectors import SizeRule

        regions = {}
        for code, level in Region.objects.values_list("code", "level"):
            if level == Region.Level.COUNTRY:
                continue
            where = placement(code, level)
            regions[code] = (where.province_code, where.prefecture_code)
        categories = {
            code: (code[:2], code[:3], domain)
            for code, domain in IndustryCategory.objects.filter(
                level=IndustryCategory.Level.SMALL
            ).values_list("code", "domain")
        }
        return cls(
            regions=regions,
            categories=categories,
            currencies=frozenset(Currency.objects.values_list("code", flat=True)),
            parks=frozenset(Park.objects.values_list("id", flat=True))
            if kind == "enterprises"
            else frozenset(),
            size_rule=SizeRule.load() if kind == "enterprises" else None,
            importer=by,
        )
