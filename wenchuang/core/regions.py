"""Where a record lies in the GB/T 2260 tree, and which records a staff member oversees.

Every model placed in a region carries three copied columns — the region's own code, its
province's and its prefecture's — filled by `place()`. A jurisdiction or a region filter is
then one indexed equality on one of them (decision 0001), never a prefix match, and
`jurisdiction_scope(user, queryset)` is the one way any list, export, queue or audit query
narrows to what a staff member oversees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet

COUNTRY_CODE = "000000"
# Region.Level values; repeated here so that this module needs no import of `reference`.
COUNTRY, PROVINCE, PREFECTURE, COUNTY = 0, 1, 2, 3


@dataclass(frozen=True)
class Placement:
    """A region's code with the province and prefecture codes a record in it copies."""

    region_code: str
    province_code: str
    prefecture_code: str  # "" for a record placed at province level


def placement(code: str, level: int) -> Placement:
    """The copies for a region of GB/T 2260 `code` at `level` (the one place they are derived).

    GB/T 2260 nests by code: a county's first four digits are its prefecture's, the first two
    its province's (checked against the shipped tree by the reference tests).
    """
    if level <= COUNTRY:
        return Placement(code, "", "")
    prefecture = code[:4] + "00" if level >= PREFECTURE else ""
    return Placement(code, code[:2] + "0000", prefecture)


def placement_of(region: Any) -> Placement:
    """`placement` of a Region row."""
    return placement(region.code, region.level)


@dataclass(frozen=True)
class RegionColumns:
    """The names of a model's three placement columns (the region one may be a foreign key)."""

    region: str = "region_id"
    province: str = "province_code"
    prefecture: str = "prefecture_code"

    def values(self, where: Placement) -> dict[str, str]:
        return {
            self.region: where.region_code,
            self.province: where.province_code,
            self.prefecture: where.prefecture_code,
        }

    def for_level(self, level: int) -> str:
        return {PROVINCE: self.province, PREFECTURE: self.prefecture}.get(level, self.region)


# Directory records: a `region` foreign key and the two copies.
RECORD_COLUMNS = RegionColumns()
# Rows that note a place as plain codes (queued changes, audit events).
CODE_COLUMNS = RegionColumns(region="region_code")
ORIGIN_COLUMNS = RegionColumns(
    region="origin_region_code",
    province="origin_province_code",
    prefecture="origin_prefecture_code",
)


def columns_of(model: type[Model]) -> tuple[RegionColumns, ...]:
    """Every placement of a model's rows: a change that moves a record has two (from and to)."""
    return getattr(model, "region_columns", (RECORD_COLUMNS,))


def place(row: Model, region: Any, columns: RegionColumns = RECORD_COLUMNS) -> None:
    """Put `row` in `region` (a Region, or None to clear), filling the copied columns."""
    where = placement_of(region) if region is not None else Placement("", "", "")
    if columns.region == "region_id":
        row.region = region  # type: ignore[attr-defined]
    for name, value in columns.values(where).items():
        if name != "region_id":
            setattr(row, name, value)


def region_q(region: Any, columns: Iterable[RegionColumns] = (RECORD_COLUMNS,)) -> Q:
    """Rows placed inside `region` (in any of their placements), as indexed equalities."""
    if region.level <= COUNTRY:
        return Q()
    q = Q(pk__in=[])
    for cols in columns:
        q |= Q(**{cols.for_level(region.level): region.code})
    return q


def region_within(code: str | None, region: Any) -> bool:
    """Does the region `code` lie inside `region`? The same equality `region_q` makes."""
    if not code or region is None:
        return False
    if region.level <= COUNTRY:
        return True
    # A code's level only matters for its prefecture copy, and a province-level code can
    # never equal a prefecture's code, so any level >= PREFECTURE gives the right answer.
    where = placement(code, COUNTY)
    return region.code == {
        PROVINCE: where.province_code,
        PREFECTURE: where.prefecture_code,
    }.get(region.level, where.region_code)


@dataclass(frozen=True)
class Jurisdiction:
    """The regions a user oversees: the union of all their staff affiliations' jurisdictions.

    Regions inside another of the set are dropped (Wuxi and Jiangsu is Jiangsu); the country
    root alone means everything.
    """

    regions: tuple[Any, ...]

    def covers(self, code: str | None) -> bool:
        return any(region_within(code, region) for region in self.regions)

    def q(self, columns: Iterable[RegionColumns]) -> Q:
        """Rows placed inside any of the regions; an empty Q() for the whole country."""
        columns = tuple(columns)
        q = Q(pk__in=[])
        for region in self.regions:
            part = region_q(region, columns)
            if not part:
                return Q()
            q |= part
        return q

    @property
    def name(self) -> str:
        return ", ".join(str(region.name) for region in self.regions)


def jurisdiction_of(user: Any) -> Jurisdiction | None:
    """The regions a user acts within as agency staff: None for everyone else.

    Every staff affiliation (centre staff, district official) counts: staff of Wuxi who are
    also a Binhu district official oversee both. An administrator oversees the whole
    country; so does staff of the national office, whose jurisdiction is the root (000000).
    """
    from wenchuang.accounts.roles import staff_regions

    regions = staff_regions(user)
    if not regions:
        return None
    outermost = tuple(
        r
        for r in regions
        if not any(o is not r and o.code != r.code and region_within(r.code, o) for o in regions)
    )
    return Jurisdiction(outermost)


def in_jurisdiction(user: Any, code: str | None) -> bool:
    """Is the region `code` inside the user's jurisdiction (any of its regions)?"""
    jurisdiction = jurisdiction_of(user)
    return jurisdiction is not None and jurisdiction.covers(code)


def jurisdiction_scope(user: Any, queryset: QuerySet) -> QuerySet:
    """The rows of `queryset` placed inside the user's jurisdiction; none for non-staff.

    Works on any model with placement columns (`columns_of`): directory records, queued
    profile changes (where the record is *or will be* — both regions' staff see a move),
    audit events. Combine with `|` for "published, or overseen": `published | scope`.
    """
    jurisdiction = jurisdiction_of(user)
    if jurisdiction is None:
        return queryset.none()
    q = jurisdiction.q(columns_of(queryset.model))
    return queryset.filter(q) if q else queryset.all()
