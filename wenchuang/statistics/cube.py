"""Builds the cube: current values summed by quarter × region level × class level × park.

The database does the work (INSERT … SELECT … GROUP BY, the same SQL on SQLite and
PostgreSQL), in two passes: the current values are first summed to the finest cells —
county × small class × park — in a temporary table, then every coarser cell is summed from
that much smaller table. Contributor counts add up across a partition (each return sits in
exactly one county and one class), and the largest contributor of a coarser cell is the
largest of its parts, so nothing needs the raw rows twice. National cells are summed from
the provinces' cells, which lets an incremental update touch only the provinces that
received returns.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from wenchuang.core.planner import refresh_planner_statistics
from wenchuang.core.regions import placement
from wenchuang.reference.models import IndustryCategory, Region

from . import sources
from .models import ClassLevel, CubeCell, Indicator, Period, ReturnValue, StatReturn

NATIONAL = "000000"
PARK_LEVEL = 4  # region_level of a park's cells (placed at the park's region)
BASE = "statistics_cube_base"
# One cube build at a time (two workers, or a release and the periodic update): a
# transaction-scoped advisory lock on PostgreSQL; SQLite serialises writers anyway.
CUBE_LOCK = 0x57C0BE

logger = logging.getLogger(__name__)

# How each region level reads the base table: (level, region, province, prefecture, where).
REGION_LEVELS = (
    (3, "region_id", "province_code", "prefecture_code",
     "region_id <> prefecture_code AND region_id <> province_code"),
    (2, "prefecture_code", "province_code", "prefecture_code", "prefecture_code <> ''"),
    (1, "province_code", "province_code", "''", "province_code <> ''"),
)  # fmt: skip
CLASS_LEVELS = (
    (ClassLevel.ALL, "''"),
    (ClassLevel.DOMAIN, "domain"),
    (ClassLevel.MAJOR, "major_code"),
    (ClassLevel.MID, "mid_code"),
    (ClassLevel.SMALL, "class_code"),
)
SUMS = (
    "SUM(value), SUM(quarter_value), SUM(weighted_sum), SUM(weight_sum), "
    "SUM(contributors), MAX(largest)"
)
CELL_COLUMNS = (
    "period_id, indicator_id, region_id, region_level, province_code, prefecture_code, "
    "class_level, class_code, park_id, value, quarter_value, weighted_sum, weight_sum, "
    "contributors, largest, computed_at"
)


@dataclass(frozen=True)
class BuildResult:
    cells: int
    periods: int


def _in(column: str, values: Sequence) -> tuple[str, list]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def base_statements(rv: str, sr: str, where: list[str], params: list) -> list[tuple[str, list]]:
    """SELECTs of the finest cells from the current values: (sql, params), %s placeholders.

    The first covers every indicator but the weighted means; each weighted mean (occupancy
    weighted by tenants) has its own, joining the weight of the same return.
    """
    weighted = dict(Indicator.objects.filter(weight__isnull=False).values_list("id", "weight_id"))
    group = (
        "r.period_id, v.indicator_id, r.region_id, r.province_code, r.prefecture_code, "
        "r.park_id, r.class_code, r.mid_code, r.major_code, r.domain"
    )
    select = (
        f"SELECT r.period_id AS period_id, v.indicator_id AS indicator_id, "
        f"r.region_id AS region_id, r.province_code AS province_code, "
        f"r.prefecture_code AS prefecture_code, COALESCE(r.park_id, 0) AS park_id, "
        f"r.class_code AS class_code, r.mid_code AS mid_code, r.major_code AS major_code, "
        f"r.domain AS domain, SUM(v.value) AS value, SUM(v.single_quarter) AS quarter_value, "
        f"{{weighted}} COUNT(*) AS contributors, MAX(ABS(v.value)) AS largest "
        f"FROM {rv} v JOIN {sr} r ON r.id = v.stat_return_id {{join}} "
        f"WHERE {' AND '.join(['v.current = %s', *where])} {{only}} GROUP BY {group}"
    )
    statements = [
        (
            select.format(
                weighted=(
                    "CAST(NULL AS NUMERIC) AS weighted_sum, CAST(NULL AS NUMERIC) AS weight_sum,"
                ),
                join="",
                only=(
                    f"AND v.indicator_id NOT IN ({', '.join(map(str, weighted))})"
                    if weighted
                    else ""
                ),
            ),
            [True, *params],
        )
    ]
    for indicator_id, weight_id in weighted.items():
        statements.append(
            (
                select.format(
                    weighted="SUM(v.value * w.value) AS weighted_sum, SUM(w.value) AS weight_sum,",
                    join=(
                        f"LEFT JOIN {rv} w ON w.stat_return_id = v.stat_return_id "
                        f"AND w.indicator_id = {int(weight_id)} AND w.current = %s"
                    ),
                    only=f"AND v.indicator_id = {int(indicator_id)}",
                ),
                [True, True, *params],
            )
        )
    return statements


def _create_base(cursor, period_ids: list[int] | None, provinces: list[str] | None) -> None:
    """The finest cells, from the current values of submitted returns (one pass over them)."""
    where, params = [], []
    if period_ids is not None:
        clause, values = _in("r.period_id", period_ids)
        where.append(clause)
        params += values
    if provinces is not None:
        clause, values = _in("r.province_code", provinces)
        where.append(clause)
        params += values
    rv, sr = ReturnValue._meta.db_table, StatReturn._meta.db_table
    (first, first_params), *weighted = base_statements(rv, sr, where, params)
    cursor.execute(f"DROP TABLE IF EXISTS {BASE}")
    cursor.execute(f"CREATE TEMPORARY TABLE {BASE} AS {first}", first_params)
    for sql, sql_params in weighted:
        cursor.execute(f"INSERT INTO {BASE} {sql}", sql_params)


SOURCE_COLUMNS = (
    "period_id, indicator_id, region_id, province_code, prefecture_code, park_id, class_code, "
    "mid_code, major_code, domain, value, quarter_value, weighted_sum, weight_sum, "
    "contributors, largest"
)


def source_rows(periods: Iterable[Period], provinces: list[str] | None) -> Iterator[tuple]:
    """Other domains' figures (registered in sources.py) as finest cells (SOURCE_COLUMNS).

    An enterprise that reported the indicator itself for the quarter is left out: its
    return covers its marketplace sales too, which would otherwise count twice.
    """
    registered = sources.sources()
    if not registered:
        return
    indicators = dict(Indicator.objects.filter(code__in=registered).values_list("code", "id"))
    levels = dict(Region.objects.values_list("code", "level"))
    classes = {
        c.code: (c.mid_code, c.major_code, c.domain)
        for c in IndustryCategory.objects.filter(level=IndustryCategory.Level.SMALL)
    }
    for code, fns in registered.items():
        if code not in indicators:
            continue
        for period in periods:
            reported = sources.reported_themselves(indicators[code], period)
            by_cell: dict[tuple, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
            for fn in fns:
                for row in fn(period):
                    if row.region_code not in levels or row.contributor in reported:
                        continue
                    where = placement(row.region_code, levels[row.region_code])
                    if provinces is not None and where.province_code not in provinces:
                        continue
                    mid, major, domain = classes.get(row.class_code, ("", "", ""))
                    key = (
                        where.region_code,
                        where.province_code,
                        where.prefecture_code,
                        0,
                        row.class_code if row.class_code in classes else "",
                        mid,
                        major,
                        domain,
                    )
                    by_cell[key][row.contributor] += Decimal(row.value)
            for key, contributions in by_cell.items():
                yield (
                    period.pk,
                    indicators[code],
                    *key,
                    sum(contributions.values()),
                    None,
                    None,
                    None,
                    len(contributions),
                    max(abs(v) for v in contributions.values()),
                )


def _add_sources(cursor, periods: Iterable[Period], provinces: list[str] | None) -> None:
    """Other domains' figures, added to the base like returns."""
    marks = ", ".join(["%s"] * len(SOURCE_COLUMNS.split(",")))
    for row in source_rows(periods, provinces):
        cursor.execute(f"INSERT INTO {BASE} ({SOURCE_COLUMNS}) VALUES ({marks})", list(row))


def _group_by(*columns: str) -> str:
    # PostgreSQL refuses a constant ('') in GROUP BY; it groups nothing anyway.
    return ", ".join(c for c in columns if c != "''")


def roll_up_selects(base: str) -> list[str]:
    """SELECTs of every cell above the finest, from the table `base`; %s is the time."""
    selects = []
    for level, region, province, prefecture, where in REGION_LEVELS:
        # Counties stop at major categories: a county × small-class cell would hold about one
        # enterprise (withheld anyway) and make the cube nearly as large as the values.
        for class_level, class_expr in CLASS_LEVELS[:3] if level == 3 else CLASS_LEVELS:
            has_class = f" AND {class_expr} <> ''" if class_level != ClassLevel.ALL else ""
            group = _group_by("period_id", "indicator_id", region, province, prefecture, class_expr)
            selects.append(
                f"SELECT period_id, indicator_id, {region}, {level}, {province}, {prefecture}, "
                f"{int(class_level)}, {class_expr}, 0, {SUMS}, %s FROM {base} "
                f"WHERE {where}{has_class} GROUP BY {group}"
            )
    for class_level, class_expr in CLASS_LEVELS[:3]:  # parks: all classes, domain, major
        has_class = f" AND {class_expr} <> ''" if class_level != ClassLevel.ALL else ""
        group = _group_by("period_id", "indicator_id", "park_id", class_expr)
        selects.append(
            f"SELECT period_id, indicator_id, MIN(region_id), {PARK_LEVEL}, MIN(province_code), "
            f"MIN(prefecture_code), {int(class_level)}, {class_expr}, park_id, {SUMS}, %s "
            f"FROM {base} WHERE park_id <> 0{has_class} GROUP BY {group}"
        )
    return selects


def national_select(cells: str, where: str = "") -> str:
    """The SELECT of the country's cells, summed from the provinces' cells in `cells`."""
    return (
        f"SELECT period_id, indicator_id, '{NATIONAL}', 0, '', '', class_level, class_code, 0, "
        f"{SUMS}, %s FROM {cells} WHERE region_level = 1 AND park_id = 0{where} "
        f"GROUP BY period_id, indicator_id, class_level, class_code"
    )


def _roll_up(cursor, now) -> None:
    cube = CubeCell._meta.db_table
    for select in roll_up_selects(BASE):
        cursor.execute(f"INSERT INTO {cube} ({CELL_COLUMNS}) {select}", [now])


def _national(cursor, period_ids: list[int] | None, now) -> None:
    """The country's cells, summed from the provinces' cells."""
    cube = CubeCell._meta.db_table
    where, params = "", [now]
    if period_ids is not None:
        clause, values = _in("period_id", period_ids)
        where, params = f" AND {clause}", [now, *values]
    cursor.execute(f"INSERT INTO {cube} ({CELL_COLUMNS}) {national_select(cube, where)}", params)


def build_cube(
    *, period_ids: Iterable[int] | None = None, province_codes: Iterable[str] | None = None
) -> BuildResult:
    """Recompute the cube's cells: all of them, or those of some quarters and provinces.

    The cells of the given quarters (and, with `province_codes`, only those provinces'
    cells and the national ones) are deleted and summed again from the current values. A
    full rebuild of a SQLite file is summed by DuckDB when it can be (cube_duckdb.py).
    """
    if period_ids is None and province_codes is None:
        from . import cube_duckdb

        path = cube_duckdb.database_file(connection)
        if path is not None:
            try:
                cells, quarters = cube_duckdb.rebuild(path)
            except Exception:
                # Nothing was swapped in: the database's own (slower) build still gives the cube.
                logger.exception("the cube's rebuild by DuckDB failed; building in SQLite")
            else:
                refresh_planner_statistics()
                return BuildResult(cells=cells, periods=quarters)
    return _build_in_database(period_ids, province_codes)


@transaction.atomic
def _build_in_database(
    period_ids: Iterable[int] | None, province_codes: Iterable[str] | None
) -> BuildResult:
    moment = timezone.now()
    now = connection.ops.adapt_datetimefield_value(moment)  # raw SQL: the ORM's format
    periods_list = sorted(set(period_ids)) if period_ids is not None else None
    provinces = sorted(set(province_codes)) if province_codes is not None else None
    periods = list(
        Period.objects.filter(pk__in=periods_list) if periods_list is not None
        else Period.objects.all()
    )  # fmt: skip
    cells = CubeCell.objects.all()
    if periods_list is not None:
        cells = cells.filter(period_id__in=periods_list)
    if provinces is not None:
        cells = cells.filter(Q(province_code__in=provinces) | Q(region_level=0))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CUBE_LOCK])
    cells._raw_delete(cells.db)  # no signals, no cascades: one DELETE
    with connection.cursor() as cursor:
        _create_base(cursor, periods_list, provinces)
        _add_sources(cursor, periods, provinces)
        _roll_up(cursor, now)
        # The national cells were deleted too: summed again from every province's cells.
        _national(cursor, periods_list, now)
        cursor.execute(f"DROP TABLE IF EXISTS {BASE}")
    count = CubeCell.objects.filter(computed_at=moment).count()
    if periods_list is None:
        # A new cube: without fresh planner statistics SQLite reads a region's cells through
        # the indicator alone (every cell of it) instead of the place index (decision 0021).
        transaction.on_commit(refresh_planner_statistics)
    return BuildResult(cells=count, periods=len(periods))


def changed_since(since) -> tuple[set[int], set[str]]:
    """The quarters and provinces whose values changed at or after `since`."""
    rows = (
        ReturnValue.objects.filter(created_at__gte=since)
        .values_list("stat_return__period_id", "stat_return__province_code")
        .distinct()
    )
    periods, provinces = set(), set()
    for period_id, province in rows:
        periods.add(period_id)
        provinces.add(province)
    return periods, provinces


def refresh_changed() -> BuildResult | None:
    """Bring the cube up to date with the values entered since it was last computed."""
    last = CubeCell.objects.order_by("-computed_at").values_list("computed_at", flat=True).first()
    if last is None:
        return build_cube()
    periods, provinces = changed_since(last)
    if not periods:
        return None
    return build_cube(period_ids=periods, province_codes=provinces)
