"""Routes 10,000 consulting requests across 500 certified providers; load spread vs round-robin.

The database is a user's: the demo generator's directory (`wenchuang demo-data`), then, as
centre staff and providers would, service providers added through the directory's service,
each applying for certification with a document and certified by staff through consulting's
services (scopes after its main service, regions served its city, its province or the whole
country). Enterprise representatives then file the requests one by one through
`consulting.services.request_file`, which routes each by category, region and current load.
Requests stay open (the heaviest case for the load count). The same sequence of requests is
then dealt round-robin over the same eligible providers, as the baseline.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SERVICES = ["information", "investment", "legal", "ip", "training"]


def setup_django(enterprises: int, providers: int) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"routing-{enterprises}-{providers}.sqlite3"
    os.environ["SQLITE_PATH"] = str(path)
    # The notifications' mails would go to the console, into this report.
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return path


def build(path: Path, enterprises: int, providers: int, seed: int) -> float:
    """The demo directory and the certified providers, once per size (a marker says done)."""
    marker = path.with_suffix(".ok")
    if marker.exists():
        return float(marker.read_text())
    for stale in DATA.glob(path.name + "*"):
        stale.unlink()
    from django.core.management import call_command

    from wenchuang.directory.demo import generate
    from wenchuang.reference.loading import load_all

    call_command("migrate", verbosity=0)
    load_all()
    generate(enterprises=enterprises, seed=seed, progress=False)
    started = time.monotonic()
    certify(providers, seed)
    took = time.monotonic() - started
    marker.write_text(f"{took:.1f}\n")
    return took


def certify(total: int, seed: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wenchuang.accounts.models import Organisation, Role, User
    from wenchuang.accounts.services import affiliation_add
    from wenchuang.consulting import services
    from wenchuang.consulting.demo import SCOPES
    from wenchuang.directory import services as directory
    from wenchuang.directory.models import Enterprise, ServiceProvider

    rng = random.Random(seed)
    staff = User.objects.get(username="staff_national")
    counties = list(
        Enterprise.objects.filter(status="published").values_list("region_id", flat=True)[:2000]
    )
    # The demo's own consulting step certified some already; add and certify the rest.
    from wenchuang.consulting.models import Certification

    done = set(Certification.objects.values_list("provider_id", flat=True))
    existing = list(
        ServiceProvider.objects.filter(status="published").exclude(pk__in=done).order_by("id")
    )
    total -= Certification.objects.filter(status="certified").count()
    for n in range(len(existing), total):
        existing.append(
            directory.record_create(
                model=ServiceProvider,
                by=staff,
                data={
                    "name_zh_hans": f"第{n}咨询服务有限公司",
                    "name_en": f"Consulting Services No. {n} Co., Ltd.",
                    "service": SERVICES[n % len(SERVICES)],
                    "region": rng.choice(counties),
                },
            )
        )
    for i, provider in enumerate(existing[:total]):
        org = Organisation.objects.create(
            kind="service_provider",
            name_zh_hans=provider.name_zh_hans,
            region_id=provider.region_id,
        )
        ServiceProvider.objects.filter(pk=provider.pk).update(organisation=org)
        provider.organisation = org
        person = User.objects.create_user(username=f"bench_provider_{i}")
        affiliation_add(user=person, role=Role.SERVICE_PROVIDER, organisation=org)
        regions = [
            ["000000"],
            [provider.prefecture_code or provider.province_code],
            [provider.province_code],
        ][rng.choices([0, 1, 2], weights=[1, 6, 3])[0]]
        licence = SimpleUploadedFile("licence.pdf", b"%PDF-1.4\n%licence " + str(i).encode())
        certification = services.certification_apply(
            provider=provider,
            by=person,
            scopes=SCOPES[provider.service],
            regions_served=regions,
            staff_names="张律师",
            documents=[licence],
        )
        services.certification_decide(certification=certification, target="certified", by=staff)


def reps(count: int):
    """Enterprise representatives of published enterprises (made once)."""
    from wenchuang.accounts.models import Organisation, Role, User
    from wenchuang.accounts.services import affiliation_add
    from wenchuang.directory.models import Enterprise

    made = list(User.objects.filter(username__startswith="bench_rep_").order_by("id"))
    if len(made) >= count:
        return made[:count]
    for e in Enterprise.objects.filter(status="published").order_by("id")[len(made) : count]:
        org = Organisation.objects.create(
            kind="enterprise", name_zh_hans=e.name_zh_hans, region_id=e.region_id
        )
        user = User.objects.create_user(username=f"bench_rep_{e.pk}")
        affiliation_add(user=user, role=Role.ENTERPRISE_REP, organisation=org)
        made.append(user)
    return made


def spread(loads: list[int]) -> tuple[float, float, int, int]:
    mean = statistics.fmean(loads)
    return max(loads) / mean, statistics.pstdev(loads) / mean, min(loads), max(loads)


def round_robin(sequence, candidates) -> Counter:
    """The baseline: one pointer walks the providers in turn; each request goes to the next
    provider (from the pointer on) that is eligible for it, and the pointer moves past it."""
    from wenchuang.consulting.routing import ranked

    order = sorted(c.provider_id for c in candidates)
    position = {pk: i for i, pk in enumerate(order)}
    loads: Counter = Counter()
    eligible_of: dict = {}
    pointer = 0
    for category, region in sequence:
        key = (category, region)
        if key not in eligible_of:
            eligible_of[key] = sorted(
                position[c.provider_id] for c in ranked(candidates, category, region)
            )
        eligible = eligible_of[key]
        if not eligible:
            continue
        # The first eligible position at or after the pointer, else wrap around.
        index = next((i for i in eligible if i >= pointer), eligible[0])
        loads[order[index]] += 1
        pointer = (index + 1) % len(order)
    return loads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--providers", type=int, default=500)
    parser.add_argument("--enterprises", type=int, default=3_000)
    parser.add_argument("--reps", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    path = setup_django(args.enterprises, args.providers)
    build_seconds = build(path, args.enterprises, args.providers, args.seed)

    from django.db import connection

    from wenchuang.consulting import selectors, services
    from wenchuang.consulting.models import ConsultingRequest, Scope

    ConsultingRequest.objects.all().delete()
    people = reps(args.reps)
    rng = random.Random(args.seed)
    candidates = selectors.candidates()
    sequence = []
    timings = []
    started = time.monotonic()
    for _ in range(args.requests):
        rep = rng.choice(people)
        category = rng.choice(Scope.values)
        t0 = time.perf_counter()
        filed = services.request_file(
            by=rep, category=category, subject="咨询", question="请问如何办理？"
        )
        timings.append(time.perf_counter() - t0)
        sequence.append((category, filed.region_id))
        if len(sequence) % 1000 == 0:
            print(
                f"{len(sequence):,} requests, {time.monotonic() - started:.0f} s", file=sys.stderr
            )
    total = time.monotonic() - started

    from wenchuang.consulting.routing import Candidate, choose

    # The routing function alone, on the same sequence, with the load counted in memory.
    live = {c.provider_id: c for c in candidates}
    t0 = time.perf_counter()
    for category, region in sequence:
        chosen = choose(list(live.values()), category, region)
        if chosen:
            live[chosen.provider_id] = Candidate(
                chosen.provider_id, chosen.scopes, chosen.regions_served, chosen.load + 1
            )
    pure = time.perf_counter() - t0

    routed = Counter(
        ConsultingRequest.objects.exclude(provider=None).values_list("provider_id", flat=True)
    )
    unassigned = ConsultingRequest.objects.filter(provider=None).count()
    baseline = round_robin(sequence, candidates)
    ids = [c.provider_id for c in candidates]
    ours = spread([routed.get(pk, 0) for pk in ids])
    theirs = spread([baseline.get(pk, 0) for pk in ids])
    timings.sort()
    p = lambda q: timings[int(q * (len(timings) - 1))] * 1000  # noqa: E731
    print(
        f"""## Consulting: routing {args.requests:,} requests across {len(ids):,} providers

Database: the demo directory ({args.enterprises:,} enterprises), {len(ids):,} providers
certified through consulting's services ({build_seconds:.0f} s to add and certify them),
{len(people)} enterprise representatives; SQLite ({connection.vendor}). Each request is filed
through `request_file`, which reads the certified providers with their open requests and
routes by category, region and load; requests stay open.

| measure | value |
|---|---|
| filing and routing {args.requests:,} requests (service, one transaction each) | {total:.1f} s |
| per request p50 / p95 / max | {p(0.5):.1f} / {p(0.95):.1f} / {timings[-1] * 1000:.1f} ms |
| the routing function alone, {args.requests:,} choices | {pure * 1000:.0f} ms |
| requests left for staff (no eligible provider) | {unassigned} |

| load per provider | least-loaded routing | round-robin baseline |
|---|---|---|
| max / mean | {ours[0]:.2f} | {theirs[0]:.2f} |
| coefficient of variation | {ours[1]:.2f} | {theirs[1]:.2f} |
| min – max requests | {ours[2]} – {ours[3]} | {theirs[2]} – {theirs[3]} |

Round-robin walks the providers in turn and gives each request to the next one eligible
for it, blind to what each already holds; the routing gives each request to the eligible
provider holding the fewest open requests. The spread that remains comes from
eligibility: a county served by few providers gives them more."""
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
