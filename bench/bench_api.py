"""Benchmark: the enterprise list API against a bare Django JSON view, served by gunicorn.

    PYTHONPATH=. python bench/bench_api.py [--enterprises 10000] [--duration 15] [--workers 2]

Builds a SQLite database (migrate, reference data, N enterprises), starts gunicorn on
127.0.0.1, loads each URL with wrk for a fixed time, and prints a markdown section for
bench/RESULTS.md. Only 127.0.0.1 is contacted. `main(argv)` returns that section, for a
runner that assembles RESULTS.md.
"""

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "latency.lua"
API_PATH = "/api/v1/enterprises?page=1"
BASELINE_PATH = "/bench/static.json"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_database(env: dict[str, str], enterprises: int) -> None:
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*manage, "load_reference"], env=env, check=True, stdout=subprocess.DEVNULL)
    code = f"from bench.bench_api import fill; fill({enterprises})"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def fill(count: int) -> None:
    """Enterprises spread over all counties and small categories, with their search text."""
    import django

    django.setup()
    from wenchuang.directory.models import Enterprise
    from wenchuang.directory.search import document
    from wenchuang.reference.models import IndustryCategory, Region

    rng = random.Random(20261120)
    counties = list(Region.objects.filter(level=3))
    smalls = list(IndustryCategory.objects.filter(level=3))
    words = ["动漫", "影视", "设计", "出版", "文旅", "数字", "创意", "演艺", "印刷", "游戏"]
    english = ["Animation", "Film", "Design", "Publishing", "Tourism", "Digital", "Creative"]
    batch = []
    for n in range(count):
        region = rng.choice(counties)
        category = rng.choice(smalls)
        record = Enterprise(
            name_zh_hans=f"{region.name_zh_hans}{rng.choice(words)}{rng.choice(words)}有限公司{n}",
            name_en=f"{region.name_en} {rng.choice(english)} Co. {n}",
            description_zh_hans="".join(rng.choice(words) for _ in range(12)),
            region=region,
            province_code=region.code[:2] + "0000",
            prefecture_code=region.code[:4] + "00",
            category=category,
            major_code=category.code[:2],
            mid_code=category.code[:3],
            domain=category.domain,
            founded_year=rng.randint(1990, 2025),
            employees=rng.randint(3, 3000),
            status="published",
        )
        record.search_text = document(record)
        batch.append(record)
    Enterprise.objects.bulk_create(batch, batch_size=1000)


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url}")


def wrk(url: str, duration: int, connections: int, vary: bool = False) -> dict[str, float]:
    """wrk's figures for `url`; `vary` gives each request a query string of its own."""
    env = {**os.environ, "WRK_VARY_QUERY": "1"} if vary else None
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "-s", str(LUA), url],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return f"{os.cpu_count()} CPUs ({cpu}), {mem_kb / 1024 / 1024:.1f} GiB RAM"


def in_process(repeat: int = 500) -> None:
    """Prints, as JSON, ms per request of both URLs through Django's test client (no server)."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    client = Client()
    figures: dict[str, float] = {"conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"]}
    for name, path in (("api_ms", API_PATH), ("bare_ms", BASELINE_PATH)):
        for _ in range(50):
            assert client.get(path).status_code == 200
        started = time.perf_counter()
        for _ in range(repeat):
            client.get(path)
        figures[name] = (time.perf_counter() - started) / repeat * 1000
    # A query string of its own for every request: the list built afresh each time.
    started = time.perf_counter()
    for n in range(repeat):
        assert client.get(f"{API_PATH}&_={n}").status_code == 200
    figures["api_miss_ms"] = (time.perf_counter() - started) / repeat * 1000
    print(json.dumps(figures))


def main(argv: list[str] | None = None) -> str:
    """Runs the benchmark and returns its section of bench/RESULTS.md as markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    workdir = Path(tempfile.mkdtemp(prefix="wenchuang-bench-"))
    try:
        return _run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run(args: argparse.Namespace, workdir: Path) -> str:
    baseline = workdir / "baseline.json"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "SQLITE_PATH": str(workdir / "bench.sqlite3"),
        "WENCHUANG_VAR_DIR": str(workdir),
        "BENCH_BASELINE_JSON": str(baseline),
        "DEBUG": "0",
    }
    # The baseline view reads the captured page at import; until it is captured, an empty one.
    baseline.write_text("{}", encoding="utf-8")
    started = time.monotonic()
    prepare_database(env, args.enterprises)
    print(f"database ready in {time.monotonic() - started:.0f} s", file=sys.stderr)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_cmd = [
        sys.executable, "-m", "gunicorn", "wenchuang.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
        "--worker-class", "sync", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(server_cmd, env=env, cwd=ROOT)
    try:
        wait_until_up(base + API_PATH)
        with urllib.request.urlopen(base + API_PATH) as response:
            page = response.read()
    finally:
        server.terminate()
        server.wait(timeout=30)
    baseline.write_bytes(page)

    code = "from bench.bench_api import in_process; in_process()"
    local = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )

    server = subprocess.Popen(server_cmd, env=env, cwd=ROOT)
    load_before = os.getloadavg()
    try:
        wait_until_up(base + BASELINE_PATH)
        with urllib.request.urlopen(base + BASELINE_PATH) as response:
            baseline_size = len(response.read())
        api = wrk(base + API_PATH, args.duration, args.connections)
        bare = wrk(base + BASELINE_PATH, args.duration, args.connections)
        miss = wrk(base + API_PATH, args.duration, args.connections, vary=True)
    finally:
        server.terminate()
        server.wait(timeout=30)

    ratio = api["rps"] / bare["rps"]
    load_after = os.getloadavg()
    today = datetime.date.today().isoformat()
    return f"""## API list throughput ({today})

Machine: {machine()}; Python {platform.python_version()}, SQLite {__import__("sqlite3").sqlite_version}.
gunicorn {args.workers} sync workers on 127.0.0.1, wrk 1 thread × {args.connections} connections,
{args.duration} s per URL, {args.enterprises:,} published enterprises,
CONN_MAX_AGE={local["conn_max_age"]} (settings.py). Load average (1/5/15 min) before the
wrk runs: {" / ".join(f"{x:.1f}" for x in load_before)}; after: {" / ".join(f"{x:.1f}" for x in load_after)}
(other work on the machine shares its cores: compare the ratio, not the absolute figures).

| URL | response | req/s | p50 ms | p95 ms | p99 ms | errors / non-2xx | in-process ms |
| --- | --- | ---: | ---: | ---: | ---: | --- | ---: |
| `{API_PATH}` | {len(page):,} B | {api["rps"]:.0f} | {api["p50_ms"]:.1f} | {api["p95_ms"]:.1f} | {api["p99_ms"]:.1f} | {api["errors"]:.0f} / {api["non2xx"]:.0f} | {local["api_ms"]:.2f} |
| `{BASELINE_PATH}` (bare Django JSON, same page) | {baseline_size:,} B | {bare["rps"]:.0f} | {bare["p50_ms"]:.1f} | {bare["p95_ms"]:.1f} | {bare["p99_ms"]:.1f} | {bare["errors"]:.0f} / {bare["non2xx"]:.0f} | {local["bare_ms"]:.2f} |
| `{API_PATH}&_=<n>` (never kept: built afresh) | {len(page):,} B | {miss["rps"]:.0f} | {miss["p50_ms"]:.1f} | {miss["p95_ms"]:.1f} | {miss["p99_ms"]:.1f} | {miss["errors"]:.0f} / {miss["non2xx"]:.0f} | {local["api_miss_ms"]:.2f} |

API / bare ratio: **{ratio:.2f}** (target ≥ 0.5); a list built afresh on every request:
{miss["rps"] / bare["rps"]:.2f}. A visitor's list answer is kept until a write changes it
(decision 0015), so the first row is the answer every visitor after the first gets; the
third row gives each request a query string of its own, so that none is kept.
In-process: Django's test client, no server, mean of 500 requests after 50 to warm up.
"""  # noqa: E501


if __name__ == "__main__":
    print(main(sys.argv[1:]))
