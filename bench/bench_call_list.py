"""Times staff's list of a call with 10,000 applications (page and API) on SQLite (p50/p95).

    PYTHONPATH=. python bench/bench_call_list.py [--applications 10000] [--reps 30]

The database is built as a user's is: migrate, the reference data, then the demo generator
(`wenchuang demo-data --enterprises N --fund-applications A`), whose engine step gives the
demo special-fund call one application per Wuxi enterprise, spread over every stage. Each
request goes through Django's whole stack (middleware, session, view, template or API
serialisation) with the test client, logged in as the demo Wuxi staff member.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# Wuxi receives about a quarter of the generated enterprises; one application each.
ENTERPRISES_PER_APPLICATION = 4.5


def setup_django(applications: int) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"call-{applications}.sqlite3"
    os.environ["SQLITE_PATH"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return path


def build(path: Path, applications: int, seed: int) -> None:
    """Create the database once per size; a marker file says the build finished."""
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
    # What `wenchuang migrate`, `load-reference` and `demo-data` run, nothing more; the demo
    # notifications (console e-mail) go to stderr, away from the markdown on stdout.
    with contextlib.redirect_stdout(sys.stderr):
        generate(
            enterprises=int(applications * ENTERPRISES_PER_APPLICATION),
            seed=seed,
            progress=True,
            fund_applications=applications,
        )
    elapsed = time.monotonic() - started
    marker.write_text(f"{elapsed:.1f}\n")
    print(f"built {path.name} in {elapsed:.1f} s", file=sys.stderr)


def percentile(sorted_ms: list[float], q: float) -> float:
    return sorted_ms[max(0, int(round(q * len(sorted_ms))) - 1)]


def run(reps: int) -> tuple[dict, list[tuple]]:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from wenchuang.accounts.models import User
    from wenchuang.workflows.demo import FUND_CODE
    from wenchuang.workflows.models import Application, Call

    call = Call.objects.get(programme__code=FUND_CODE)
    total = Application.objects.filter(call=call).count()
    by_stage = dict(
        Application.objects.filter(call=call)
        .values_list("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    client = Client()
    client.force_login(User.objects.get(username="staff_wuxi"))
    page_url = reverse("workflows:call-applications", args=[call.pk])
    api_url = f"/api/v1/calls/{call.pk}/applications"
    last25 = (total + 24) // 25
    busiest = max(by_stage, key=by_stage.get)
    cases = [
        ("page: all stages, page 1, 25 rows", page_url, {}, {}),
        ("page: all stages, page 1, 100 rows", page_url, {"size": 100}, {}),
        ("page: all stages, page 200 (offset 4,975)", page_url, {"page": 200}, {}),
        (f"page: all stages, last page ({last25})", page_url, {"page": last25}, {}),
        (f"page: stage={busiest}, page 1", page_url, {"stage": busiest}, {}),
        (
            "page: stage=expert_review, 50 rows, page 3",
            page_url,
            {"stage": "expert_review", "size": 50, "page": 3},
            {},
        ),
        ("page: q=动漫 (title or applicant)", page_url, {"q": "动漫"}, {}),
        ("page: q=Animation (English name)", page_url, {"q": "Animation"}, {}),
        ("page: q=zzzz (no match)", page_url, {"q": "zzzz"}, {}),
        ("page: rows only (htmx), page 2", page_url, {"page": 2}, {"HTTP_HX_REQUEST": "true"}),
        ("API: page 1", api_url, {}, {}),
        ("API: page 100", api_url, {"page": 100}, {}),
        (f"API: stage={busiest}", api_url, {"stage": busiest}, {}),
    ]
    results = []
    for label, url, params, headers in cases:
        first = client.get(url, params, **headers)  # warm-up; also checks the answer
        assert first.status_code == 200, (label, first.status_code)
        timings = []
        for _i in range(reps):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(url, params, **headers)
                timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        ms = sorted(timings)
        results.append(
            (
                label,
                statistics.median(ms),
                percentile(ms, 0.95),
                max(ms),
                len(queries),
                len(response.content),
            )
        )
        print(
            f"{label:50s} p50 {results[-1][1]:7.1f} ms  p95 {results[-1][2]:7.1f} ms  "
            f"{len(queries)} queries",
            file=sys.stderr,
        )
    connection.close()
    return {"total": total, "by_stage": by_stage}, results


def report(applications: int, reps: int, info: dict, results: list[tuple], path: Path) -> str:
    from bench.bench_search import machine

    size = sum(p.stat().st_size for p in DATA.glob(path.name + "*"))
    built = path.with_suffix(".ok").read_text().strip()
    stages = ", ".join(f"{k} {v:,}" for k, v in sorted(info["by_stage"].items()))
    lines = [
        f"## Staff list of a call, {info['total']:,} applications (page and API)",
        "",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Machine: {machine()}",
        "- Load average while measuring (1/5/15 min): "
        + " / ".join(f"{x:.1f}" for x in os.getloadavg())
        + " (other processes share the cores: compare runs on a quiet machine)",
        f"- Database: SQLite, {size / 1e6:.0f} MB, built by `wenchuang migrate`, "
        f"`load-reference` and `demo-data --enterprises "
        f"{int(applications * ENTERPRISES_PER_APPLICATION):,} --fund-applications "
        f"{applications:,}` in {built} s",
        f"- The demo special-fund call's applications by stage: {stages}",
        f"- {reps} requests per case after one warm-up, through the test client (middleware, "
        "session, view, template or API serialisation), logged in as `staff_wuxi`; "
        "queries = the database queries of one request, whatever the page size",
        "",
        "| request | p50 ms | p95 ms | max ms | queries | bytes |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, p50, p95, worst, queries, size_bytes in results:
        lines.append(
            f"| {label} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {queries} | {size_bytes:,} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    path = setup_django(args.applications)
    build(path, args.applications, args.seed)
    if args.build_only:
        return
    info, results = run(args.reps)
    if info["total"] < args.applications:
        raise SystemExit(f"the call has {info['total']} applications, not {args.applications}")
    print(report(args.applications, args.reps, info, results, path))


if __name__ == "__main__":
    main()
