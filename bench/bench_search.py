"""Times the directory search and filtered list over N demo enterprises on SQLite (p50/p95)."""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def setup_django(n: int) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"enterprises-{n}.sqlite3"
    os.environ["SQLITE_PATH"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if os.environ.get("BENCH_MMAP"):
        from django.db.backends.signals import connection_created

        def tune(sender, connection, **kwargs):
            # What a deployment's init_command could add: read the file through the OS page
            # cache (mmap) and keep 64 MB of pages per connection.
            with connection.cursor() as cur:
                cur.execute(f"PRAGMA mmap_size={int(os.environ['BENCH_MMAP'])}")
                cur.execute("PRAGMA cache_size=-65536")

        connection_created.connect(tune)
    return path


def build(path: Path, n: int, seed: int) -> None:
    """Create the database once per N; a marker file says the build finished."""
    marker = path.with_suffix(".ok")
    if marker.exists():
        return
    for stale in DATA.glob(path.name + "*"):
        stale.unlink()
    from django.core.management import call_command

    from wenchuang.directory.demo import generate
    from wenchuang.reference.loading import load_all

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    load_all()
    # Exactly what `wenchuang migrate`, `load-reference` and `demo-data` run, and nothing
    # more: the planner statistics are the ones the app itself keeps (no ANALYZE of our own).
    generate(enterprises=n, seed=seed, progress=True)
    elapsed = time.monotonic() - started
    marker.write_text(f"{elapsed:.1f}\n")
    print(f"built {path.name} in {elapsed:.1f} s", file=sys.stderr)


def cases():
    """(label, DirectoryFilters keywords) for each query kind the directory list serves."""
    return [
        ("q=动漫", {"q": "动漫"}),
        ("q=无锡 影视", {"q": "无锡 影视"}),
        ("q=文化科技", {"q": "文化科技"}),
        ("q=animation", {"q": "animation"}),
        ("q=design Wuxi", {"q": "design Wuxi"}),
        ("q=7Road (rare)", {"q": "7Road"}),
        ("q=s (one letter)", {"q": "s"}),
        ("q=a (one letter)", {"q": "a"}),
        ("q=文 (one character)", {"q": "文"}),
        ("q=文化 (most common word)", {"q": "文化"}),
        ("q=des (common prefix)", {"q": "des"}),
        ("q=动漫, sorted by name", {"q": "动漫", "sort": "name"}),
        ("province=320000 + q=动漫", {"region": "320000", "q": "动漫"}),
        ("prefecture=320200 + q=animation", {"region": "320200", "q": "animation"}),
        ("major=03 + q=design", {"category": "03", "q": "design"}),
        ("above size + q=影视", {"above_size": True, "q": "影视"}),
        (
            "prefecture=370700 + above size + q=文化",
            {"region": "370700", "above_size": True, "q": "文化"},
        ),
        ("province=320000 (no q)", {"region": "320000"}),
        ("major=02 + above size (no q)", {"category": "02", "above_size": True}),
        ("no filter, no q", {}),
    ]


def run(reps: int, plain: bool) -> list[tuple[str, float, float, float, float, str]]:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from wenchuang.core.pagination import CappedPaginator
    from wenchuang.directory.models import Enterprise
    from wenchuang.directory.selectors import DirectoryFilters, directory_list

    def page_count(qs):
        if plain:
            return qs.count(), False
        paginator = CappedPaginator(qs, 20)
        return paginator.count, paginator.has_more

    results = []
    visitor = AnonymousUser()

    # First search after the process starts: wsgi.py loads jieba's dictionary at start-up,
    # so that is not counted; the database connection and its first pages are.
    from wenchuang.core.search import load_dictionary

    load_dictionary()
    t0 = time.perf_counter()
    first = directory_list(user=visitor, model=Enterprise, filters=DirectoryFilters(q="动漫"))
    list(first[:20])
    page_count(first)
    cold = (time.perf_counter() - t0) * 1000
    print(f"{'first search after start (q=动漫)':45s} {cold:8.1f} ms", file=sys.stderr)
    results.append(("first search after start (q=动漫), once", cold, cold, cold, cold, ""))

    for label, filters in cases():

        def once(filters=filters):
            # The page's own selector: visibility, filters, search and ordering (with the
            # look-ups it makes: the prefix check and the count that decides the sort).
            t0 = time.perf_counter()
            qs = directory_list(user=visitor, model=Enterprise, filters=DirectoryFilters(**filters))
            if plain:
                qs = qs.order_by("id")
            page = list(qs[:20])
            t1 = time.perf_counter()
            total, more = page_count(qs)
            t2 = time.perf_counter()
            return page, f"{total:,}{'+' if more else ''}", t1 - t0, t2 - t1

        page, total, *_t = once()  # warm the page cache and jieba
        timings = [once() for _i in range(reps)]
        both = sorted((p + c) * 1000 for *_x, p, c in timings)
        pages = sorted(p * 1000 for *_x, p, _c in timings)
        counts = sorted(c * 1000 for *_x, _p, c in timings)
        p95 = both[max(0, int(round(0.95 * len(both))) - 1)]
        results.append(
            (
                label,
                statistics.median(both),
                p95,
                statistics.median(pages),
                statistics.median(counts),
                f"{len(page)} / {total}",
            )
        )
        print(
            f"{label:45s} p50 {results[-1][1]:8.1f} ms  p95 {p95:8.1f} ms  {results[-1][5]}",
            file=sys.stderr,
        )
    connection.close()
    return results


def machine() -> str:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    import sqlite3

    return (
        f"{os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {cpu}, "
        f"{mem_kb / 1024 / 1024:.1f} GiB RAM; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def report(n: int, reps: int, results, path: Path, plain: bool) -> str:
    size = sum(p.stat().st_size for p in DATA.glob(path.name + "*"))
    build = path.with_suffix(".ok").read_text().strip()
    lines = [
        f"## Directory search, {n:,} enterprises (SQLite FTS5, jieba tokens)",
        "",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Machine: {machine()}",
        "- Load average while measuring (1/5/15 min): "
        + " / ".join(f"{x:.1f}" for x in os.getloadavg())
        + " (other processes share the cores: compare runs on a quiet machine)",
        f"- SQLite tuning: mmap_size={os.environ.get('BENCH_MMAP', '0')}"
        + (", cache_size=64 MB" if os.environ.get("BENCH_MMAP") else " (defaults)"),
        f"- Database: {size / 1e9:.2f} GB, built by `wenchuang demo-data` in {build} s",
        f"- {reps} repetitions per query after one warm-up; each repetition fetches page 1 "
        "(20 rows) and the count the page shows, through `selectors.directory_list` as the "
        "page does (page ms includes the selector's own look-ups); "
        + (
            "plain `qs.order_by('id')` and `qs.count()`"
            if plain
            else "its ordering and `CappedPaginator` (counts capped at 10,000)"
        ),
        "",
        "| query | p50 ms | p95 ms | page p50 ms | count p50 ms | rows / count |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, p50, p95, page, count, rows in results:
        lines.append(f"| {label} | {p50:.1f} | {p95:.1f} | {page:.1f} | {count:.1f} | {rows} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="order with qs.order_by() and count with qs.count(), as a list would without "
        "search.order_by() and CappedPaginator",
    )
    args = parser.parse_args()
    path = setup_django(args.n)
    build(path, args.n, args.seed)
    if args.build_only:
        return
    print(report(args.n, args.reps, run(args.reps, args.plain), path, args.plain))


if __name__ == "__main__":
    main()
