"""Demo places: the cities records are spread over and the address text of a county."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

from wenchuang.core.regions import placement
from wenchuang.reference.models import Region

from ..models import Park
from . import words as W


@dataclass
class _City:
    code: str
    zh: str
    en: str
    counties: list[str]
    parks: list[Park] = field(default_factory=list)


class PlaceSteps:
    """DemoGenerator's places: cities with their weights, county addresses, region columns."""

    def _build_cities(self) -> None:
        counties: dict[str, list[str]] = {}
        for r in self.regions.values():
            if r.level == Region.Level.COUNTY:
                counties.setdefault(r.code[:4] + "00", []).append(r.code)
        self.cities: list[_City] = []
        weights: list[float] = []
        seeded = {code for code, *_x in W.SEED_CITIES}
        for code, zh, en, weight in W.SEED_CITIES:
            self.cities.append(_City(code, zh, en, sorted(counties.get(code, [code]))))
            weights.append(weight)
        others = [
            r
            for r in sorted(self.regions.values(), key=lambda r: r.code)
            if r.level == Region.Level.PREFECTURE
            and r.code not in seeded
            and r.name_zh_hans.endswith("市")
            and len(r.name_zh_hans) <= 4
        ]
        for r in others:
            self.cities.append(
                _City(
                    r.code, r.name_zh_hans[:-1], r.name_en, sorted(counties.get(r.code, [r.code]))
                )
            )
            weights.append(W.OTHER_CITIES_WEIGHT / len(others))
        self.city_by_code = {c.code: c for c in self.cities}
        self.city_cum = list(accumulate(weights))

    def place(self, code: str) -> tuple[str, str, str]:
        """(Chinese address prefix, English place, English city) for a county code."""
        cached = self._places.get(code)
        if cached is None:
            county = self.regions[code]
            chain = []
            node = county
            while node is not None and node.level > Region.Level.COUNTRY:
                chain.append(node)
                node = self.regions.get(node.parent_id) if node.parent_id else None
            chain.reverse()
            zh = "".join(r.name_zh_hans for r in chain if r.name_zh_hans != "市辖区")
            city = self.city_by_code.get(code[:4] + "00")
            city_en = city.en if city else chain[0].name_en
            en = f"{county.name_en}, {city_en}" if county.level == Region.Level.COUNTY else city_en
            cached = self._places[code] = (zh, en, city_en)
        return cached

    def _finish(self, record, region_code: str) -> None:
        where = placement(region_code, self.regions[region_code].level)
        record.region_id = region_code
        record.province_code = where.province_code
        record.prefecture_code = where.prefecture_code
