"""Times staff's list of a call's applications (the page, through Django's test client) with
N applications on SQLite: p50/p95 per page size and filter, and the queries each page makes."""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def setup_django(n: int) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"applications-{n}.sqlite3"
    os.environ["SQLITE_PATH"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return path


def build(path: Path, n: int) -> None:
    """The demo data (with its calls), then N applications to the demo fund call."""
    marker = path.with_suffix(".ok")
    if marker.exists():
        return
    for stale in DATA.glob(path.name + "*"):
        stale.unlink()
    from decimal import Decimal

    from django.core.management import call_command

    from wenchuang.accounts.models import Organisation
    from wenchuang.core.planner import refresh_planner_statistics
    from wenchuang.core.regions import placement
    from wenchuang.directory.demo import generate
    from wenchuang.reference.loading import load_all
    from wenchuang.workflows.demo import ENGINE_STAGES, FUND_CODE
    from wenchuang.workflows.models import Application, Call

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    load_all()
    generate(enterprises=1000, seed=2026, progress=False)
    call = Call.objects.get(programme__code=FUND_CODE)
    counties = ["320211", "320213", "320214", "320205", "320206", "320281", "320282"]
    orgs = Organisation.objects.bulk_create(
        Organisation(
            kind="enterprise",
            name_zh_hans=f"无锡第{i}号文化科技有限公司",
            name_en=f"Wuxi No. {i} Culture Tech Co., Ltd.",
            region_id=counties[i % len(counties)],
        )
        for i in range(n)
    )
    stages = [s for s in ENGINE_STAGES if s != "field_assessment"]
    rows = []
    for i, org in enumerate(orgs):
        where = placement(org.region_id, 3)
        rows.append(
            Application(
                call=call,
                applicant=org,
                title=f"文化项目 {i}",
                answers={"summary": "原创动画系列", "start": "2026-03-01"},
                stage=stages[i % len(stages)],
                stage_table=call.stages,
                submitted_at=call.opens_at if i % len(stages) else None,
                amount_requested_amount=Decimal(300_000 + i),
                classification_id="0241",
                region_id=org.region_id,
                province_code=where.province_code,
                prefecture_code=where.prefecture_code,
            )
        )
    Application.objects.bulk_create(rows, batch_size=2000)
    refresh_planner_statistics(thorough=True)
    elapsed = time.monotonic() - started
    marker.write_text(f"{elapsed:.1f}\n")
    print(f"built {path.name} in {elapsed:.1f} s", file=sys.stderr)


def run(reps: int) -> tuple[list[tuple[str, float, float, int, int]], int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from wenchuang.accounts.models import User
    from wenchuang.workflows.demo import FUND_CODE
    from wenchuang.workflows.models import Call

    # Lets the client see the page's context (rows shown) and accept "testserver".
    setup_test_environment()
    call = Call.objects.get(programme__code=FUND_CODE)
    client = Client()
    client.force_login(User.objects.get(username="staff_wuxi"))
    url = reverse("workflows:call-applications", args=[call.pk])
    cases = [
        ("25 per page, page 1", {"size": 25}),
        ("100 per page, page 1", {"size": 100}),
        ("100 per page, page 50", {"size": 100, "page": 50}),
        ("stage=screening, 50 per page", {"stage": "screening", "size": 50}),
        ("search q=文化项目 99", {"q": "文化项目 99", "size": 25}),
        ("htmx fragment, 100 per page", {"size": 100, "hx": 1}),
    ]
    results = []
    for label, params in cases:
        headers = {"HX-Request": "true"} if params.pop("hx", None) else {}
        client.get(url, params, headers=headers)  # warm
        times = []
        for _i in range(reps):
            t0 = time.perf_counter()
            response = client.get(url, params, headers=headers)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params, headers=headers)
        rows = len(response.context["page"].object_list)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        results.append((label, statistics.median(times), p95, rows, len(queries)))
        print(f"{label:40s} {statistics.median(times):8.1f} {p95:8.1f} ms", file=sys.stderr)
    return results, call.applications.count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=40)
    args = parser.parse_args()
    path = setup_django(args.n)
    build(path, args.n)
    results, total = run(args.reps)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"## Staff list of a call's applications, {total:,} applications (SQLite)\n")
    print(f"- Date: {datetime.date.today().isoformat()}; load average (1/5/15 min): {load}")
    print(
        f"- The page `/calls/<id>/applications/` as Wuxi centre staff, through Django's test "
        f"client (templates included, no HTTP server); {args.reps} repetitions after a warm-up"
    )
    print("\n| request | p50 ms | p95 ms | rows | queries |\n| --- | ---: | ---: | ---: | ---: |")
    for label, p50, p95, rows, queries in results:
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {rows} | {queries} |")
    print(
        "\nThe query count is the same at 25 and 100 rows a page "
        "(`test_the_staff_list_takes_the_same_queries_at_any_page_size`)."
    )


if __name__ == "__main__":
    main()
