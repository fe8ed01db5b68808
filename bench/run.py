"""Run the benchmarks and write bench/RESULTS.md with the machine and the date (`make bench`).

Each benchmark is a script that prints its own markdown section; this runs them one after
another (they must not share the two cores) and puts the sections together.
`--quick` runs them on small data to check that they work, without touching RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FULL = {
    "bench_import.py": ["--rows", "1000000"],
    "bench_search.py": ["--n", "1000000", "--reps", "50"],
    "bench_api.py": ["--enterprises", "100000"],
    "bench_assignment.py": ["--applications", "2000", "--experts", "300"],
    "bench_call_list.py": ["--applications", "10000", "--reps", "30"],
    "bench_routing.py": ["--requests", "10000", "--providers", "500"],
    "bench_news_search.py": ["--n", "100000", "--reps", "30"],
    "bench_ip_registry.py": ["--hashes", "1000000", "--appends", "100000", "--reps", "200"],
    "bench_matchmaking.py": ["--investors", "10000", "--projects", "100000"],
    "bench_listing_search.py": ["--listings", "200000", "--reps", "30"],
    "bench_scheduler.py": ["--participants", "2000", "--requests", "10000"],
    "bench_statistics.py": ["--enterprises", "500000", "--quarters", "20"],
}
QUICK = {
    "bench_import.py": ["--rows", "5000"],
    "bench_search.py": ["--n", "5000", "--reps", "5"],
    "bench_api.py": ["--enterprises", "2000", "--duration", "3"],
    "bench_assignment.py": ["--applications", "200", "--experts", "30", "--enterprises", "600"],
    "bench_call_list.py": ["--applications", "200", "--reps", "3"],
    "bench_routing.py": ["--requests", "300", "--providers", "80", "--enterprises", "500"],
    "bench_news_search.py": ["--n", "300", "--reps", "3"],
    "bench_ip_registry.py": [
        "--hashes",
        "20000",
        "--originals",
        "20",
        "--appends",
        "500",
        "--reps",
        "20",
    ],
    "bench_matchmaking.py": [
        "--investors",
        "200",
        "--projects",
        "2000",
        "--embedded-projects",
        "40",
        "--embedded-investors",
        "20",
        "--samples",
        "5",
    ],
    "bench_listing_search.py": ["--listings", "2000", "--reps", "3"],
    "bench_scheduler.py": ["--participants", "200", "--requests", "1000", "--tables", "15"],
    "bench_statistics.py": ["--enterprises", "2000", "--quarters", "8", "--reps", "10"],
}


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return (
        f"{os.cpu_count()} cores, {cpu}, {mem_kb / 1024 / 1024:.1f} GiB RAM, "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data; RESULTS.md untouched")
    parser.add_argument("--only", choices=sorted(FULL), action="append")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    sections = []
    # The servers here are local and speak plain HTTP: a throwaway key, no TLS redirect.
    env = {
        "SECRET_KEY": "wenchuang-bench-only-key-" + "b" * 40,
        "HTTPS": "0",
        **os.environ,
        "PYTHONPATH": str(HERE.parent),
    }
    for script, script_args in plan.items():
        if args.only and script not in args.only:
            continue
        print(f"== {script} {' '.join(script_args)}", file=sys.stderr)
        done = subprocess.run(
            [sys.executable, str(HERE / script), *script_args],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        sections.append(done.stdout.strip())
    text = "\n\n".join(
        [
            "# Benchmark results",
            f"Written by `make bench` on {datetime.date.today().isoformat()}.\n\n"
            f"Machine: {machine()}.",
            *sections,
        ]
    )
    if args.quick:
        print(text)
    else:
        (HERE / "RESULTS.md").write_text(text + "\n", encoding="utf-8")
        print(f"wrote {HERE / 'RESULTS.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
