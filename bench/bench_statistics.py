"""Statistics at scale: bulk returns, the cube's full rebuild against DuckDB, dashboard p95.

    PYTHONPATH=. python bench/bench_statistics.py --enterprises 125000 [--quarters 20]

The database is built as a user's is: migrate, the reference data, the demo generator
(`wenchuang demo-data --enterprises N`), then every enterprise's returns for `--quarters`
quarters (2014 onwards) × 4 indicators through the app's bulk path
(`statistics.bulk.bulk_enterprise_returns`, what the demo step uses). 500,000 enterprises ×
20 quarters × 4 indicators is the issue's 40 M values; `make bench` runs it at full scale.
Measured, in one process:
- bulk submission: returns/s and values/s written;
- the cube's full rebuild as the app runs it (`statistics.cube.build_cube` outside a
  transaction on a SQLite file: summed by DuckDB in a worker process, stored in SQLite),
  and in the same run DuckDB summing the same cells from the same file without writing
  them — three rounds of each, alternating, and the ratio of the medians; also the same
  rebuild inside SQLite (the path of incremental updates and of PostgreSQL), run first;
- dashboard reads: a random region × class × quarter slice with year-on-year growth
  (`figures.by_class`, `figures.by_region`, `figures.series`), p50/p95 over `--reps`;
- peak memory (max RSS) of the process and of the DuckDB worker.
Prints a markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import random
import resource
import shutil
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FIRST_YEAR = 2014
INDICATORS = ("revenue", "value_added", "cultural_exports", "employees")
ROUNDS = 3  # full rebuilds, each followed by DuckDB's sums alone


def setup_django(enterprises: int, quarters: int) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"statistics-{enterprises}-{quarters}.sqlite3"
    os.environ["SQLITE_PATH"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return path


def build_directory(path: Path, enterprises: int, seed: int) -> float:
    """The directory once per size, kept as a template; each run starts from a copy of it."""
    marker = path.with_suffix(".directory")
    template = path.with_suffix(".template")
    if marker.exists():
        shutil.copyfile(template, path)
        # The template was made by an older checkout: bring its schema up to date, as an
        # upgraded site would be (the cube's key and indexes come from migrations).
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        return float(marker.read_text())
    for stale in DATA.glob(path.name + "*"):
        stale.unlink()
    from django.core.management import call_command

    from wenchuang.core import demo
    from wenchuang.directory.demo import generate
    from wenchuang.reference.loading import load_all

    # The directory and the other domains' demo steps, not the statistics ones: this
    # benchmark writes its own quarters (below) at a scale the demo's checked upload is not for.
    for name in ("statistics", "statistics-figures"):
        demo._STEPS.pop(name, None)
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    load_all()
    with contextlib.redirect_stdout(sys.stderr):
        generate(enterprises=enterprises, seed=seed, progress=True)
    elapsed = time.monotonic() - started
    from django.db import connection

    connection.close()
    shutil.copyfile(path, template)
    marker.write_text(f"{elapsed:.1f}")
    return elapsed


def _in_key_ranges(enterprises, size: int):
    """The enterprises a chunk at a time by id, with no read cursor left open between chunks.

    An open cursor (`.iterator()`) pins SQLite's WAL: every batch the bulk path commits is
    appended and none is checkpointed, and the WAL grew to 7.2 GB at 10 M values.
    """
    last = 0
    while True:
        chunk = list(enterprises.filter(pk__gt=last)[:size])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].pk


def write_returns(quarters: int) -> dict:
    """Every published enterprise's returns through the bulk path; timed."""
    from wenchuang.directory.models import Enterprise
    from wenchuang.statistics.bulk import bulk_enterprise_returns
    from wenchuang.statistics.calendar import due_date
    from wenchuang.statistics.models import Period, ReportingObligation

    obligation = ReportingObligation.objects.get(code="enterprise-quarterly")
    periods = []
    for n in range(quarters):
        year, quarter = FIRST_YEAR + n // 4, n % 4 + 1
        period, _created = Period.objects.get_or_create(
            year=year, quarter=quarter, defaults={"due_on": due_date(year, quarter, 20)}
        )
        periods.append(period)
    enterprises = Enterprise.objects.filter(status="published").only(
        "id", "region_id", "province_code", "prefecture_code", "category_id", "mid_code",
        "major_code", "domain", "park_id", "annual_revenue", "employees",
    ).order_by("id")  # fmt: skip

    def values(enterprise, period):
        base = Decimal(enterprise.annual_revenue or 2_000_000)
        ytd = (base * period.quarter / 4 * (1 + Decimal(period.year - FIRST_YEAR) / 20)).quantize(
            Decimal(1)
        )
        return {
            "revenue": ytd,
            "value_added": (ytd * Decimal("0.3")).quantize(Decimal(1)),
            "cultural_exports": (ytd * Decimal("0.05")).quantize(Decimal(1)),
            "employees": Decimal(enterprise.employees or 20),
        }

    count = enterprises.count()
    started = time.monotonic()
    written = bulk_enterprise_returns(
        obligation=obligation,
        periods=periods,
        enterprises=_in_key_ranges(enterprises, 2000),
        values=values,
    )
    elapsed = time.monotonic() - started
    return {
        "enterprises": count,
        "returns": count * quarters,
        "values": written,
        "seconds": elapsed,
        "periods": periods,
    }


def duckdb_baseline(path: Path) -> tuple[float, int]:
    """DuckDB over the same SQLite file: every cell of the cube summed, nothing written.

    The same SELECTs and the same worker process as the rebuild (`cube_duckdb`), stopped
    before the write: what remains of the rebuild beyond this is writing and indexing.
    """
    from wenchuang.statistics import cube_duckdb

    started = time.monotonic()
    cells = cube_duckdb.run_worker(cube_duckdb.job(str(path), None, "2026-01-01 00:00:00"))
    return time.monotonic() - started, cells


def dashboard_reads(reps: int, seed: int) -> dict:
    from wenchuang.accounts.models import User
    from wenchuang.reference.models import Region
    from wenchuang.statistics import figures
    from wenchuang.statistics.models import CubeCell, Indicator, Period

    user = User.objects.get(username="staff_national")
    reader = figures.Reader.of(user)
    rng = random.Random(seed)
    prefectures = list(
        Region.objects.filter(
            code__in=CubeCell.objects.filter(region_level=2).values("region_id").distinct()
        )
    )
    indicators = list(Indicator.objects.filter(code__in=INDICATORS))
    periods = list(Period.objects.filter(year__gt=FIRST_YEAR))
    timings = {"by_class": [], "by_region": [], "series": []}
    for _ in range(reps):
        region, indicator = rng.choice(prefectures), rng.choice(indicators)
        period = rng.choice(periods)
        calls = {
            "by_class": (figures.by_class, (reader, indicator, period, region.code)),
            "by_region": (figures.by_region, (reader, indicator, period, region)),
            "series": (figures.series, (reader, indicator, region.code)),
        }
        for name, (read, arguments) in calls.items():
            started = time.perf_counter()
            read(*arguments)
            timings[name].append((time.perf_counter() - started) * 1000)
    return {
        name: (statistics.median(ms), sorted(ms)[max(0, round(0.95 * len(ms)) - 1)])
        for name, ms in timings.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=500_000)
    parser.add_argument("--quarters", type=int, default=20)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    path = setup_django(args.enterprises, args.quarters)
    directory_s = build_directory(path, args.enterprises, args.seed)
    from django.db import connection

    from wenchuang.core.planner import refresh_planner_statistics
    from wenchuang.statistics.cube import _build_in_database, build_cube

    bulk = write_returns(args.quarters)
    refresh_planner_statistics()
    connection.close()
    phases: list[str] = []  # the rebuild logs its phases (summed, written, swapped)
    handler = logging.Handler()
    handler.emit = lambda record: phases.append(record.getMessage())  # type: ignore[method-assign]
    rebuild_log = logging.getLogger("wenchuang.statistics.cube_duckdb")
    rebuild_log.addHandler(handler)
    rebuild_log.setLevel(logging.INFO)
    started = time.monotonic()
    in_database = _build_in_database(None, None)
    in_database_s = time.monotonic() - started
    # Three rounds, each a full rebuild then DuckDB alone: the first replaces the cube the
    # in-database build left, the others one the rebuild wrote. Medians are compared.
    rounds = []
    for _round in range(ROUNDS):
        started = time.monotonic()
        result = build_cube()  # outside a transaction, on a file: summed by DuckDB
        rounds.append((time.monotonic() - started, *duckdb_baseline(path)))
    cube_s = statistics.median(r[0] for r in rounds)
    duck_s = statistics.median(r[1] for r in rounds)
    duck_cells = rounds[0][2]
    reads = dashboard_reads(args.reps, args.seed)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    import duckdb

    values_m = bulk["values"] / 1e6
    print(
        f"### Statistics: {args.enterprises:,} enterprises × {args.quarters} quarters × 4 "
        f"indicators ({values_m:.1f} M values), SQLite\n"
    )
    print(f"Directory by the demo generator: {directory_s:.0f} s (cached between runs).\n")
    print("| measure | result | target |\n| --- | --- | --- |")
    print(
        f"| bulk submission ({bulk['returns']:,} returns, {bulk['values']:,} values) | "
        f"{bulk['returns'] / bulk['seconds']:,.0f} returns/s, "
        f"{bulk['values'] / bulk['seconds']:,.0f} values/s ({bulk['seconds']:.0f} s) | rows/s |"
    )
    each = ", ".join(f"{r[0]:.1f}" for r in rounds)
    print(
        f"| full cube rebuild, `build_cube()` (DuckDB sums, SQLite stores; "
        f"{result.cells:,} cells), median of {ROUNDS} ({each} s) | {cube_s:.1f} s | |"
    )
    each = ", ".join(f"{r[1]:.1f}" for r in rounds)
    print(
        f"| DuckDB {duckdb.__version__}, the same cells summed from the same file, "
        f"nothing written ({duck_cells:,} cells), median of {ROUNDS} ({each} s) | "
        f"{duck_s:.1f} s | |"
    )
    print(f"| rebuild / DuckDB (medians) | {cube_s / duck_s:.2f}× | ≤ 2× |")
    print(
        f"| the same rebuild inside SQLite (incremental updates, PostgreSQL; "
        f"{in_database.cells:,} cells) | {in_database_s:.1f} s | |"
    )
    for name, (p50, p95) in reads.items():
        print(
            f"| dashboard read `figures.{name}` p50 / p95 ({args.reps} random slices) | "
            f"{p50:.1f} / {p95:.1f} ms | p95 ≤ 100 ms |"
        )
    print(f"| peak memory (max RSS, whole run) | {peak_mb:,.0f} MB | ≤ 4 GB |")
    print(f"| peak memory of the DuckDB worker process (max RSS) | {worker_mb:,.0f} MB | ≤ 4 GB |")
    print("\nThe rebuilds' own log:\n")
    for line in phases:
        print(f"- {line}.")


if __name__ == "__main__":
    main()
