"""The reference codes an import checks rows against, loaded once per import."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..models import Park
from ..permissions import jurisdiction_prefix


@dataclass
class _Lookups:
    """Every code a row may refer to, loaded once per import so rows need no queries."""

    regions: dict[str, tuple[str, str]]  # code -> (province_code, prefecture_code)
    categories: dict[str, tuple[str, str, str]]  # small code -> (major, mid, domain)
    currencies: frozenset[str]
    parks: frozenset[int]
    size_rule: Any
    # Region-code prefix a staff importer acts within; None for the command line and admins.
    jurisdiction: str | None = None

    @classmethod
    def load(cls, kind: str, by: Any = None) -> _Lookups:
        from wenchuang.reference.models import Currency, IndustryCategory, Region
        from wenchuang.reference.selectors import SizeRule

        regions = {}
        for code, level in Region.objects.values_list("code", "level"):
            if level == Region.Level.COUNTRY:
                continue
            # The same copies services._derive makes: none for a province-level record.
            prefecture = "" if level == Region.Level.PROVINCE else code[:4] + "00"
            regions[code] = (code[:2] + "0000", prefecture)
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
            jurisdiction=_importer_scope(by),
        )


def _importer_scope(by: Any) -> str | None:
    if by is None or by.is_superuser:
        return None
    # Staff without a jurisdiction may import nowhere: no region code starts with "-".
    prefix = jurisdiction_prefix(by)
    return "-" if prefix is None else prefix


@cache
def _countries() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)
