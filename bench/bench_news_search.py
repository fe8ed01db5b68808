"""Times the news search (Chinese, English, French, German words) over N items on SQLite.

The database is built the way an agency's is: migrate, the reference data, the demo
directory's people, then every item written and published through the news services
(`item_create`, `item_move`), in four languages. Prints a markdown section (p50/p95 of the
list's first page and its count, as the page runs them).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

PLACES = [
    ("无锡", "Wuxi", "Wuxi", "Wuxi"),
    ("大连", "Dalian", "Dalian", "Dalian"),
    ("潍坊", "Weifang", "Weifang", "Weifang"),
    ("北京", "Beijing", "Pékin", "Peking"),
    ("深圳", "Shenzhen", "Shenzhen", "Shenzhen"),
    ("苏州", "Suzhou", "Suzhou", "Suzhou"),
]
TOPICS = [
    ("动漫", "animation", "animation", "Animation"),
    ("工业设计", "industrial design", "design industriel", "Industriedesign"),
    ("影视", "film and television", "cinéma et télévision", "Film und Fernsehen"),
    ("非物质文化遗产", "intangible heritage", "patrimoine immatériel", "immaterielles Kulturerbe"),
    ("文化旅游", "cultural tourism", "tourisme culturel", "Kulturtourismus"),
    ("数字出版", "digital publishing", "édition numérique", "digitales Verlagswesen"),
    ("网络游戏", "online games", "jeux en ligne", "Onlinespiele"),
    ("演艺", "performing arts", "arts du spectacle", "darstellende Künste"),
    ("广告", "advertising", "publicité", "Werbung"),
    ("风筝", "kites", "cerfs-volants", "Drachen"),
]
ACTIONS = [
    (
        "发布专项资金申报通知",
        "opens a special fund call",
        "ouvre un appel du fonds",
        "eröffnet einen Förderaufruf",
    ),
    (
        "举办投资促进会",
        "holds an investment conference",
        "tient une conférence d'investissement",
        "veranstaltet eine Investorenkonferenz",
    ),
    (
        "出台扶持政策",
        "issues support measures",
        "publie des mesures de soutien",
        "erlässt Fördermaßnahmen",
    ),
    (
        "园区入驻企业增长",
        "park tenants grow",
        "les parcs accueillent plus d'entreprises",
        "Parks gewinnen Mieter",
    ),
    (
        "签约合作项目",
        "signs cooperation projects",
        "signe des projets de coopération",
        "unterzeichnet Kooperationsprojekte",
    ),
]
KINDS = ["news"] * 6 + ["policy"] * 2 + ["call", "event"]
CASES = [
    ("q=动漫", "", "动漫"),
    ("q=文化 (in most items)", "", "文化"),
    ("q=无锡 动漫", "", "无锡 动漫"),
    ("q=风筝 潍坊", "", "风筝 潍坊"),
    ("q=animation", "", "animation"),
    ("q=anim (prefix)", "", "anim"),
    ("q=Förderaufruf", "", "Förderaufruf"),
    ("q=patrimoine immatériel", "", "patrimoine immatériel"),
    ("q=Quokka (no match)", "", "Quokka"),
    ("kind=policy + q=动漫", "policy", "动漫"),
    ("kind=policy, no words", "policy", ""),
    ("no filter (newest first)", "", ""),
]


def setup_django(n: int) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"news-{n}.sqlite3"
    os.environ["SQLITE_PATH"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return path


def texts(rng: random.Random, number: int) -> dict[str, str]:
    place, topic, action = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(ACTIONS)
    data = {
        "title_zh_hans": f"{place[0]}{topic[0]}产业{action[0]}（第{number}号）",
        "summary_zh_hans": f"{place[0]}市文化产业促进中心：{topic[0]}企业{action[0]}。",
        "body_zh_hans": f"<p>{place[0]}{topic[0]}文化产业{action[0]}，推动高质量发展。</p>",
    }
    # Most items have English; about half French and German too; some Chinese only.
    suffixes = [s for s, share in (("en", 0.8), ("fr", 0.5), ("de", 0.5)) if rng.random() < share]
    for s in suffixes:
        i = {"en": 1, "fr": 2, "de": 3}[s]
        data[f"title_{s}"] = f"{place[i]}: {topic[i]} — {action[i]} (no. {number})"
        data[f"summary_{s}"] = f"{place[i]} {topic[i]} {action[i]}."
        data[f"body_{s}"] = f"<p>{place[i]} {topic[i]} {action[i]}.</p>"
    return data


def build(path: Path, n: int, seed: int) -> float:
    marker = path.with_suffix(".ok")
    if marker.exists():
        from django.core.management import call_command

        # A cached database gets the migrations added since, as an upgraded site would.
        call_command("migrate", verbosity=0)
        return float(marker.read_text())
    for stale in DATA.glob(path.name + "*"):
        stale.unlink()
    from django.core.management import call_command
    from django.db import transaction

    from wenchuang.accounts.models import Organisation, Role
    from wenchuang.accounts.services import user_create
    from wenchuang.core.planner import refresh_planner_statistics
    from wenchuang.news import services
    from wenchuang.reference.loading import load_all
    from wenchuang.reference.models import Region

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    load_all()
    # The national office's editor, as an administrator would add one.
    office = Organisation.objects.create(
        kind=Organisation.Kind.AGENCY, name_zh_hans="文化和旅游部产业发展司", region_id="000000"
    )
    staff = user_create(
        username="bench_editor",
        password="bench-editor-pw",
        role=Role.CENTRE_STAFF,
        organisation=office,
        jurisdiction_code="000000",
    )
    regions = list(Region.objects.filter(code__in=["320200", "210200", "370700", "110000"]))
    rng = random.Random(seed)
    for start in range(0, n, 500):
        with transaction.atomic():
            for number in range(start, min(n, start + 500)):
                data = {"kind": rng.choice(KINDS), **texts(rng, number)}
                if data["kind"] == "policy":
                    data["issuing_authority"] = "文化和旅游局"
                    data["document_number"] = f"文旅发〔2026〕{number}号"
                item = services.item_create(by=staff, region=rng.choice(regions), data=data)
                services.item_move(item=item, by=staff, target="review")
                services.item_move(item=item, by=staff, target="published")
        print(f"{min(n, start + 500)} / {n}", file=sys.stderr, end="\r")
    refresh_planner_statistics()
    elapsed = time.monotonic() - started
    marker.write_text(f"{elapsed:.1f}\n")
    return elapsed


def measure(reps: int) -> list[tuple[str, float, float, int]]:
    from django.db import connection, reset_queries

    from wenchuang.core.pagination import CappedPaginator
    from wenchuang.news import selectors
    from wenchuang.news.reading import reading

    rows = []
    for label, kind, q in CASES:
        times = []
        count = 0
        for _ in range(reps):
            reset_queries()
            started = time.perf_counter()
            page = CappedPaginator(selectors.published(kind=kind, q=q), 20).get_page(1)
            entries = [(item, reading(item)) for item in page]
            count = page.paginator.count
            times.append((time.perf_counter() - started) * 1000)
            assert len(entries) <= 20
        connection.close()
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        rows.append((label, statistics.median(times), p95, count))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="news items (default 100,000)")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    path = setup_django(args.n)
    built = build(path, args.n, args.seed)
    rows = measure(args.reps)
    print(f"## News search ({args.n:,} items in four languages)\n")
    print(
        f"`bench/bench_news_search.py --n {args.n} --reps {args.reps}`: items written and "
        f"published through the news services (build {built:.0f} s); the list's first page "
        "(20 items, each read in the reader's language) and its count (capped at 10,000), as "
        "`/news/?q=` runs them, on SQLite.\n"
    )
    print("| case | p50 ms | p95 ms | matches |")
    print("| --- | --- | --- | --- |")
    for label, p50, p95, count in rows:
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {count:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
