"""Benchmark of the bulk importer against raw sqlite3 executemany into the same table.

    python bench/bench_import.py --rows 200000

Generates a deterministic enterprise CSV in bench/data/ (real region and small-category
codes, Chinese and English names, valid credit codes), migrates a template SQLite file
with the reference data, then times, each in its own process so peak memory is its own:
(a) `import_file("enterprises", ...)` into a fresh copy of the template, and
(b) `executemany` of exactly the rows (a) stored, read from (a)'s database file, into
    directory_enterprise of another fresh copy: the speed limit of SQLite itself, and
(c) for reference, csv.reader straight into `executemany` with the derived codes sliced
    and search_text the unsegmented names and descriptions.
Prints a markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
FIXTURES = ROOT / "wenchuang" / "fixtures"

# Pairs of (Chinese, English) pieces that real enterprise names are built from.
BRANDS = [
    ("华艺", "Huayi"),
    ("东方", "Dongfang"),
    ("金石", "Jinshi"),
    ("博雅", "Boya"),
    ("墨韵", "Moyun"),
    ("青瓷", "Qingci"),
    ("丝路", "Silu"),
    ("锦绣", "Jinxiu"),
    ("龙腾", "Longteng"),
    ("天工", "Tiangong"),
    ("匠心", "Jiangxin"),
    ("文渊", "Wenyuan"),
    ("星河", "Xinghe"),
    ("风华", "Fenghua"),
    ("云上", "Yunshang"),
    ("新程", "Xincheng"),
    ("鸢都", "Yuandu"),
    ("瑞祥", "Ruixiang"),
    ("嘉禾", "Jiahe"),
    ("同创", "Tongchuang"),
    ("汇智", "Huizhi"),
    ("远景", "Yuanjing"),
    ("明德", "Mingde"),
    ("九州", "Jiuzhou"),
    ("盛世", "Shengshi"),
    ("和鸣", "Heming"),
    ("长风", "Changfeng"),
    ("书香", "Shuxiang"),
    ("紫光", "Ziguang"),
    ("银杏", "Yinxing"),
    ("泰和", "Taihe"),
    ("鼎新", "Dingxin"),
]
TRADES = [
    ("文化传媒", "Culture Media"),
    ("动漫", "Animation"),
    ("影视制作", "Film Production"),
    ("创意设计", "Creative Design"),
    ("印刷", "Printing"),
    ("广告", "Advertising"),
    ("工艺品", "Crafts"),
    ("演艺", "Performing Arts"),
    ("数字科技", "Digital Technology"),
    ("出版", "Publishing"),
    ("会展服务", "Exhibition Services"),
    ("非遗文化", "Heritage Culture"),
    ("风筝", "Kites"),
    ("年画", "New Year Prints"),
    ("文旅发展", "Culture and Tourism"),
]
FORMS = [("有限公司", "Co., Ltd."), ("股份有限公司", "Corp."), ("工作室", "Studio")]
CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
COLUMNS = [
    "name_zh_hans", "name_en", "description_zh_hans", "description_en", "region_code",
    "category_code", "credit_code", "founded_year", "employees", "annual_revenue",
    "revenue_year", "contact_person", "email", "phone", "website", "address",
]  # fmt: skip


def credit_code(first17: str) -> str:
    total = sum(CHARS.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return first17 + CHARS[(31 - total % 31) % 31]


def _fixture(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def generate(path: Path, rows: int) -> None:
    rng = random.Random(2024)
    regions = {r["code"]: r for r in _fixture("regions-gbt2260.csv")}
    counties = [r for r in regions.values() if r["level"] == "3"]
    categories = [c for c in _fixture("culture-classification-2018.csv") if c["level"] == "small"]
    seen: set[tuple[str, str]] = set()
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for n in range(rows):
            county = rng.choice(counties)
            city = regions[county["parent_code"]]
            if city["name_zh_hans"] in {"市辖区", "县", "省直辖县级行政区划"}:
                city = county
            category = rng.choice(categories)
            while True:
                b1, b2 = rng.choice(BRANDS), rng.choice(BRANDS)
                trade, form = rng.choice(TRADES), rng.choice(FORMS)
                name = f"{city['name_zh_hans']}{b1[0]}{b2[0]}{trade[0]}{form[0]}"
                if (name, county["code"]) not in seen:
                    seen.add((name, county["code"]))
                    break
            name_en = f"{city['name_en']} {b1[1]}{b2[1].lower()} {trade[1]} {form[1]}"
            revenue = round(rng.lognormvariate(15, 1.5), 2)
            writer.writerow(
                [
                    name,
                    name_en,
                    f"主营{category['name_zh_hans']}，位于{county['name_zh_hans']}。",
                    f"{trade[1]} company in {county['name_en']}.",
                    county["code"],
                    category["code"],
                    credit_code(f"91{county['code']}{n:09d}"),
                    rng.randint(1985, 2025),
                    rng.randint(1, 3000),
                    f"{revenue:.2f}",
                    2024,
                    rng.choice(["王伟", "李娜", "张敏", "刘洋", "陈静"]),
                    f"contact{n}@example.cn",
                    f"0536-{rng.randint(1000000, 9999999)}",
                    f"www.company{n}.cn",
                    f"{county['name_zh_hans']}文化路{rng.randint(1, 999)}号",
                ]
            )
    tmp.replace(path)


def _django(db: Path):
    os.environ["SQLITE_PATH"] = str(db)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_template(db: Path) -> None:
    _django(db)
    from django.core.management import call_command

    from wenchuang.reference.loading import load_all

    call_command("migrate", verbosity=0)
    load_all()


def child_import(db: Path, source: Path) -> dict:
    _django(db)
    from wenchuang.directory.importing import import_file

    marks: dict[str, float] = {}

    def on_progress(done: int, total: int) -> None:
        if "written" not in marks and total and done * 2 >= total:
            marks.setdefault("checked", time.perf_counter())

    writer = _Writer(db)
    writer.start()
    start = time.perf_counter()
    try:
        result = import_file("enterprises", source, on_progress=on_progress)
    finally:
        writer.stop()
    seconds = time.perf_counter() - start
    if result.errors:
        raise SystemExit(f"import rejected rows: {result.errors[:5]}")
    return {
        "rows": result.imported,
        "seconds": seconds,
        "check_seconds": marks.get("checked", start) - start,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **writer.summary(),
    }


class _Writer:
    """A staff member saving a change every 0.2 s while the import runs, on its own
    connection with the site's 5 s busy_timeout: how long each save waits for the lock,
    and how many fail with "database is locked"."""

    def __init__(self, db: Path):
        import threading

        self.db = db
        self.waits: list[float] = []
        self.failed = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.done.set()
        self.thread.join()

    def run(self) -> None:
        conn = sqlite3.connect(self.db, timeout=5.0, isolation_level=None)
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("CREATE TABLE IF NOT EXISTS bench_edits (at REAL)")
        while not self.done.wait(0.2):
            started = time.perf_counter()
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO bench_edits VALUES (?)", (started,))
                conn.execute("COMMIT")
            except sqlite3.OperationalError:
                self.failed += 1
                continue
            self.waits.append(time.perf_counter() - started)
        conn.close()

    def summary(self) -> dict:
        waits = sorted(self.waits) or [0.0]
        return {
            "edits": len(self.waits) + self.failed,
            "edits_failed": self.failed,
            "edit_wait_p50_ms": 1000 * waits[len(waits) // 2],
            "edit_wait_max_ms": 1000 * waits[-1],
        }


def child_raw(db: Path, source: Path) -> dict:
    """The fastest honest baseline: csv.reader straight into executemany, one transaction."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    domains = dict(conn.execute("SELECT code, domain FROM reference_industrycategory"))
    sql = (
        "INSERT INTO directory_enterprise (name_zh_hans, name_en, name_fr, name_de, "
        "description_zh_hans, description_en, description_fr, description_de, region_id, "
        "province_code, prefecture_code, address, contact_person, email, phone, website, "
        "status, search_text, created_at, updated_at, credit_code, category_id, major_code, "
        "mid_code, domain, founded_year, employees, annual_revenue, revenue_year, "
        "above_designated_size) VALUES (" + ",".join("?" * 30) + ")"
    )
    now = "2026-01-01 00:00:00"

    def rows():
        with source.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader)
            for r in reader:
                (name_zh, name_en, desc_zh, desc_en, region, category, code, founded,
                 employees, revenue, year, person, email, phone, website, address) = r  # fmt: skip
                yield (
                    name_zh, name_en, "", "", desc_zh, desc_en, "", "", region,
                    region[:2] + "0000", region[:4] + "00", address, person, email, phone,
                    "https://" + website, "published", f"{name_zh} {name_en} {desc_zh} {desc_en}",
                    now, now, code, category, category[:2], category[:3], domains[category],
                    int(founded), int(employees), revenue, int(year), False,
                )  # fmt: skip

    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(sql, rows())
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    count = conn.execute("SELECT count(*) FROM directory_enterprise").fetchone()[0]
    conn.close()
    return {
        "rows": count,
        "seconds": seconds,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child_same_rows(db: Path, source: Path) -> dict:
    """executemany of exactly the rows the importer stored (read from its database file)."""
    imported = sqlite3.connect(DATA / "import.sqlite3")
    columns = [row[1] for row in imported.execute("PRAGMA table_info(directory_enterprise)")][
        1:
    ]  # all but id
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    sql = (
        f"INSERT INTO directory_enterprise ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    rows = imported.execute(f"SELECT {', '.join(columns)} FROM directory_enterprise ORDER BY id")
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(sql, rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    count = conn.execute("SELECT count(*) FROM directory_enterprise").fetchone()[0]
    return {
        "rows": count,
        "seconds": seconds,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _run_child(mode: str, db: Path, source: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--db", str(db), "--file", str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _table_row(label: str, r: dict) -> str:
    rate = r["rows"] / r["seconds"]
    return (
        f"| {label} | {r['rows']:,} | {r['seconds']:.1f} | {rate:,.0f} | {r['max_rss_mb']:.0f} MB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    modes = ["template", "import", "raw", "same"]
    parser.add_argument("--child", choices=modes, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "template":
        make_template(args.db)
        return
    if args.child:
        run = {"import": child_import, "raw": child_raw, "same": child_same_rows}[args.child]
        print(json.dumps(run(args.db, args.file)))
        return

    DATA.mkdir(parents=True, exist_ok=True)
    source = DATA / f"enterprises-{args.rows}.csv"
    if not source.exists():
        started = time.perf_counter()
        generate(source, args.rows)
        print(f"generated {source} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    template = DATA / "template.sqlite3"
    for leftover in DATA.glob("template.sqlite3*"):
        leftover.unlink()
    subprocess.run(
        [sys.executable, __file__, "--child", "template", "--db", str(template)], check=True
    )

    results = {}
    for mode in ("import", "same", "raw"):
        db = DATA / f"{mode}.sqlite3"
        for leftover in DATA.glob(f"{mode}.sqlite3*"):
            leftover.unlink()
        shutil.copy(template, db)
        results[mode] = _run_child(mode, db, source)
        print(mode, results[mode], file=sys.stderr)

    imp, same, raw = results["import"], results["same"], results["raw"]
    imp_rate = imp["rows"] / imp["seconds"]
    same_rate, raw_rate = same["rows"] / same["seconds"], raw["rows"] / raw["seconds"]
    size_mb = source.stat().st_size / 1e6
    print(
        f"""
## Bulk import, {args.rows:,} enterprises ({time.strftime("%Y-%m-%d")})

Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs,
Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}. File: {size_mb:.0f} MB
CSV generated by `python bench/bench_import.py --rows {args.rows}`.

| path | rows | seconds | rows/s | peak RSS |
| --- | ---: | ---: | ---: | ---: |
{_table_row("importer (`import_file`, check + write)", imp)}
{_table_row("raw `executemany` of the importer's stored rows", same)}
{_table_row("raw `executemany` from the CSV, unsegmented search text", raw)}

Ratio importer / raw executemany of the same rows: **{imp_rate / same_rate:.2f}**
(target ≥ 0.33); against the CSV-fed raw path, whose unsegmented search text gives the FTS5
index far fewer words to store: {imp_rate / raw_rate:.2f}. The importer's checking pass
took {imp["check_seconds"]:.1f} s of its {imp["seconds"]:.1f} s; the rest of its time is
segmentation (jieba) and the inserts. Peak RSS is each process's own (ru_maxrss); jieba's
dictionary accounts for about 150 MB of the importer's.

While the importer ran, another connection saved a change every 0.2 s (5 s busy_timeout,
as the site): {imp["edits"]:,} saves, {imp["edits_failed"]:,} failed with "database is
locked"; wait for the lock p50 {imp["edit_wait_p50_ms"]:.0f} ms, max
{imp["edit_wait_max_ms"]:.0f} ms.
"""
    )


if __name__ == "__main__":
    main()
