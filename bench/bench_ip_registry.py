"""Near-duplicate search over a million image hashes, and the registration log at 100,000.

    PYTHONPATH=. python bench/bench_ip_registry.py [--hashes 1000000] [--originals 200]
        [--appends 100000] [--reps 200]

Similarity: `--originals` pictures (artwork.picture, deterministic) are registered through
the registration service on a fresh SQLite database; the in-memory index
(similarity.HashIndex) reads their seventeen pHash variants as the site does, then is
filled up to `--hashes` with uniformly random 64-bit values standing for other registered
pictures (the only part not built through the app: a million real registrations would take
hours of hashing). Each original is then queried as transformed copies (rotation by 90°,
mirror, 20 % crop, JPEG quality 50, half size, and harder ones); recall is the share of
copies whose original comes back within the likely-copy distance, and every answer is
compared with an exact brute force written independently (a 16-bit popcount table, no
bitwise_count). Unrelated pictures measure false alarms.

Log: `--appends` registrations' canonical bytes appended through `log.append` (one
transaction, one signed tree head each), then the size of inclusion and consistency proofs
and the time to make and to verify one, at sizes growing by ten.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def setup_django(tag: str) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"ip-registry-{tag}.sqlite3"
    for stale in DATA.glob(path.name + "*"):
        stale.unlink()
    os.environ["SQLITE_PATH"] = str(path)
    os.environ["WENCHUANG_VAR_DIR"] = str(DATA / f"ip-registry-{tag}-var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(q * len(ordered))) - 1)]


_POPCOUNT16 = None


def exact(values, query: int, max_distance: int, work_ids) -> dict[int, int]:
    """Brute force without bitwise_count: a 16-bit popcount table over every stored hash."""
    import numpy as np

    global _POPCOUNT16
    if _POPCOUNT16 is None:
        _POPCOUNT16 = np.array([bin(i).count("1") for i in range(1 << 16)], dtype=np.uint8)
    xor = (values ^ np.uint64(query)).view(np.uint16).reshape(-1, 4)
    distances = _POPCOUNT16[xor].sum(axis=1, dtype=np.int32)
    best: dict[int, int] = {}
    for row in np.flatnonzero(distances <= max_distance):
        work = int(work_ids[row])
        best[work] = min(best.get(work, 99), int(distances[row]))
    return best


def _corner_crop(image):
    """20 % of the width and height cut from the left and top: not the stored centre crop."""
    width, height = image.size
    return image.crop((int(width * 0.2), int(height * 0.2), width, height))


def _small_jpeg(image):
    from wenchuang.ip_registry import artwork

    return artwork.recompressed(artwork.halved(image), 50)


def similarity_bench(hashes: int, originals: int, reps: int) -> list[str]:
    import numpy as np
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wenchuang.accounts.services import user_create
    from wenchuang.ip_registry import artwork, services, similarity

    creator = user_create(username="bench-creator", password="bench-pw-" + "x" * 20)
    started = time.monotonic()
    ids = {}
    for seed in range(originals):
        upload = SimpleUploadedFile(f"{seed}.png", artwork.picture_bytes(seed))
        work = services.work_register(
            by=creator,
            title=f"Picture {seed}",
            language="en",
            kind="image",
            authors="Bench",
            created_on=datetime.date(2026, 1, 1),
            upload=upload,
        ).work
        ids[seed] = work.pk
    register_s = time.monotonic() - started
    index = similarity._INDEX
    index.refresh()
    real = len(index.values)
    rng = np.random.default_rng(7)
    filler = hashes - real
    index.values = np.concatenate(
        [index.values, rng.integers(0, 2**64, size=filler, dtype=np.uint64)]
    )
    index.work_ids = np.concatenate([index.work_ids, -np.arange(1, filler + 1, dtype=np.int64)])
    index.kinds = np.concatenate([index.kinds, np.zeros(filler, dtype=np.int16)])
    limit = similarity.LIKELY_COPY
    lines = [
        f"Registered {originals} pictures through the service in {register_s:.1f} s "
        f"({register_s / originals * 1000:.0f} ms each: file, seventeen pHashes, log append); "
        f"index: {real:,} real + {filler:,} random hashes = {len(index.values):,}; "
        f"likely-copy distance ≤ {limit} of 64 bits.",
        "",
        "| copies | queries | recall (index) | recall (exact) | same answers | hash p50 ms "
        "| search p50 ms | search p95 ms | exact p95 ms | median distance |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    seeds = list(range(originals))[:reps]
    transforms = {
        **artwork.TRANSFORMS,
        "half size + JPEG 50": _small_jpeg,
        "crop 20 % from a corner (harder)": _corner_crop,
    }
    for name, transform in transforms.items():
        print(f"querying {name}", file=sys.stderr)
        found = found_exact = same = 0
        hash_ms, search_ms, exact_ms, distances = [], [], [], []
        for seed in seeds:
            picture = transform(artwork.picture(seed))
            t0 = time.perf_counter()
            query = similarity.query_hash(picture.convert("RGB"))
            t1 = time.perf_counter()
            hits = index.nearest(query, max_distance=limit, limit=10)
            t2 = time.perf_counter()
            truth = exact(index.values, query, limit, index.work_ids)
            t3 = time.perf_counter()
            hash_ms.append((t1 - t0) * 1000)
            search_ms.append((t2 - t1) * 1000)
            exact_ms.append((t3 - t2) * 1000)
            mine = {work: distance for work, distance, _kind in hits}
            found += ids[seed] in mine
            found_exact += ids[seed] in truth
            same += mine == dict(sorted(truth.items(), key=lambda i: (i[1], i[0]))[:10])
            if ids[seed] in mine:
                distances.append(mine[ids[seed]])
        n = len(seeds)
        lines.append(
            f"| {name} | {n} | {found / n:.3f} | {found_exact / n:.3f} | {same}/{n} "
            f"| {statistics.median(hash_ms):.1f} | {statistics.median(search_ms):.2f} "
            f"| {pct(search_ms, 0.95):.2f} | {pct(exact_ms, 0.95):.1f} "
            f"| {statistics.median(distances) if distances else '-'} |"
        )
    alarms = 0
    unrelated = list(range(1_000_000, 1_000_000 + min(reps, 100)))
    for seed in unrelated:
        query = similarity.query_hash(artwork.picture(seed))
        alarms += bool(index.nearest(query, max_distance=limit, limit=10))
    lines += [
        "",
        f"Unrelated pictures (not registered) with any likely copy: {alarms}/{len(unrelated)}.",
    ]
    return lines


def log_bench(appends: int) -> list[str]:
    from wenchuang.ip_registry import canonical, log, merkle

    start_size = log.latest_head().size if log.latest_head() else 0
    started = time.monotonic()
    for i in range(appends):
        facts = {
            "v": 1,
            "registry_id": start_size + i + 1,
            "title": f"作品 {i}",
            "language": "zh-hans",
            "kind": "image",
            "authors": ["王小明"],
            "created_on": "2026-01-01",
            "holder": "bench",
            "content_sha256": f"{i:064x}",
            "registered_at": "2026-11-30T00:00:00.000000Z",
        }
        log.append(canonical.encode(facts))
        if (i + 1) % 10_000 == 0:
            print(f"appended {i + 1:,}", file=sys.stderr)
    elapsed = time.monotonic() - started
    size = start_size + appends
    lines = [
        f"Appended {appends:,} registrations through `log.append` (one transaction and one "
        f"signed tree head each) in {elapsed:.1f} s: **{appends / elapsed:,.0f} appends/s** "
        f"({elapsed / appends * 1000:.2f} ms each).",
        "",
        "| tree size | inclusion proof (hashes) | consistency proof from half (hashes) "
        "| make inclusion ms | verify inclusion ms | verify consistency ms |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    rng = random.Random(3)
    sizes = [s for s in (10, 100, 1_000, 10_000, 100_000, 1_000_000) if s <= size] + [size]
    for n in sorted(set(sizes)):
        t0 = time.perf_counter()
        hashes = log.leaf_hashes(n)
        index = rng.randrange(n)
        proof = merkle.inclusion_proof(index, hashes)
        make_ms = (time.perf_counter() - t0) * 1000
        root = merkle.root(hashes)
        verify = []
        for _ in range(50):
            t0 = time.perf_counter()
            assert merkle.verify_inclusion(hashes[index], index, n, proof, root)
            verify.append((time.perf_counter() - t0) * 1000)
        half = max(1, n // 2)
        cproof = merkle.consistency_proof(half, hashes)
        old = merkle.root(hashes[:half])
        cverify = []
        for _ in range(50):
            t0 = time.perf_counter()
            assert merkle.verify_consistency(half, n, cproof, old, root)
            cverify.append((time.perf_counter() - t0) * 1000)
        lines.append(
            f"| {n:,} | {len(proof)} | {len(cproof)} | {make_ms:.0f} "
            f"| {statistics.median(verify):.3f} | {statistics.median(cverify):.3f} |"
        )
    problems_started = time.monotonic()
    problems = log.check()
    lines += [
        "",
        f"`verify_log` over the {size:,} entries: {'ok' if not problems else problems[0]} "
        f"in {time.monotonic() - problems_started:.1f} s.",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hashes", type=int, default=1_000_000)
    parser.add_argument("--originals", type=int, default=200)
    parser.add_argument("--appends", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=200, help="queries per kind of copy")
    args = parser.parse_args(argv)
    setup_django(f"{args.hashes}-{args.appends}")
    out = [
        "## IP registry: near-duplicate search and the registration log",
        "",
        f"`bench/bench_ip_registry.py --hashes {args.hashes} --originals {args.originals} "
        f"--appends {args.appends} --reps {args.reps}` (SQLite).",
        "",
        "### Near-duplicate search",
        "",
        *similarity_bench(args.hashes, args.originals, args.reps),
        "",
        *(["### Registration log", "", *log_bench(args.appends)] if args.appends else []),
    ]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
