"""Times reviewer assignment (2,000 applications, 300 experts, K=3), conflicts from the directory.

The directory is built by the demo generator, as `wenchuang demo-data` builds a user's;
then, as staff and users would over time, applicant enterprises get their organisations
and 300 expert reviewers get their affiliations: some also represent an enterprise, manage a
park, sit in a park's enterprise or speak for the Weifang association, and a few declared a
relation. `workflows.conflicts` reads the ties from that database; the exact balanced
assignment, the exact optimum of the same problem (no balancing) and the greedy baseline
run on the same problem.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def setup_django(enterprises: int) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"assignment-{enterprises}.sqlite3"
    os.environ["SQLITE_PATH"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return path


def build(path: Path, enterprises: int, seed: int) -> None:
    """The demo directory, once per size; a marker file says the build finished."""
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
    generate(enterprises=enterprises, seed=seed, progress=False)
    marker.write_text(f"{time.monotonic() - started:.1f}\n")


def people(applications: int, experts: int, seed: int):
    """Applicant organisations and expert reviewers with their ties, made once per database."""
    from django.db import transaction

    from wenchuang.accounts.models import Affiliation, Organisation, Role, User
    from wenchuang.directory.models import AssociationMembership, Enterprise, Park

    rng = random.Random(seed)
    enterprises = list(
        Enterprise.objects.filter(status="published").order_by("id")[: applications * 2]
    )
    if len(enterprises) < applications:
        raise SystemExit(f"only {len(enterprises)} published enterprises; raise --enterprises")
    with transaction.atomic():
        for e in enterprises:
            if e.organisation_id is None:
                org = Organisation.objects.create(
                    kind="enterprise",
                    name_zh_hans=e.name_zh_hans,
                    name_en=e.name_en,
                    region_id=e.region_id,
                )
                Enterprise.objects.filter(pk=e.pk).update(organisation=org)
                e.organisation_id = org.pk
        for park in Park.objects.filter(organisation__isnull=True):
            org = Organisation.objects.create(
                kind="park_operator", name_zh_hans=park.name_zh_hans, region_id=park.region_id
            )
            Park.objects.filter(pk=park.pk).update(organisation=org)
        applicants = enterprises[:applications]
        others = enterprises[applications:]
        classes = [e.category_id for e in applicants]
        park_operators = list(
            Park.objects.exclude(organisation=None).values_list("organisation_id", flat=True)
        )
        in_parks = [e for e in enterprises if e.park_id]
        associations = list(
            AssociationMembership.objects.values_list("association_id", flat=True).distinct()
        )
        reviewers = []
        expertise: dict[int, frozenset[str]] = {}
        for i in range(experts):
            user = User.objects.create(
                username=f"bench_expert_{i}", role=Role.EXPERT_REVIEWER, is_active=True
            )
            Affiliation.objects.create(user=user, role=Role.EXPERT_REVIEWER)
            # Expertise like the applications': most experts know the classes applied in.
            expertise[user.pk] = frozenset(rng.choice(classes) for _ in range(rng.randint(1, 3)))
            tie = rng.random()
            if tie < 0.10:  # represents an applicant
                org = rng.choice(applicants).organisation_id
                Affiliation.objects.create(user=user, role=Role.ENTERPRISE_REP, organisation_id=org)
            elif tie < 0.15 and park_operators:  # manages a park
                Affiliation.objects.create(
                    user=user, role=Role.PARK_MANAGER, organisation_id=rng.choice(park_operators)
                )
            elif tie < 0.22 and in_parks:  # an enterprise in a park
                org = rng.choice(in_parks).organisation_id
                Affiliation.objects.create(user=user, role=Role.ENTERPRISE_REP, organisation_id=org)
            elif tie < 0.25 and associations:  # speaks for the association
                Affiliation.objects.create(
                    user=user,
                    role=Role.ASSOCIATION_MEMBER,
                    organisation_id=rng.choice(associations),
                )
            elif tie < 0.30 and others:  # represents an enterprise that does not apply
                org = rng.choice(others).organisation_id
                Affiliation.objects.create(user=user, role=Role.ENTERPRISE_REP, organisation_id=org)
            reviewers.append(user)
    return applicants, reviewers, expertise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--experts", type=int, default=300)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--max-per-reviewer", type=int, default=25)
    parser.add_argument("--enterprises", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    path = setup_django(args.enterprises)
    build(path, args.enterprises, args.seed)

    from django.db import transaction

    from wenchuang.workflows.assignment import Candidate, Reviewer, assign, assign_greedy
    from wenchuang.workflows.conflicts import forbidden_pairs

    with transaction.atomic():  # the applicants and experts of one run, rolled back after
        applicants, reviewers, expertise = people(args.applications, args.experts, args.seed)
        declared = {
            (e.pk, random.Random(args.seed + i).randrange(len(applicants)))
            for i, e in enumerate(reviewers[:20])
        }
        started = time.monotonic()
        tied = forbidden_pairs(
            {e.pk: [e.organisation_id] for e in applicants},
            reviewers,
            declared_on_application=[(applicants[j].pk, r) for r, j in declared],
        )
        read_s = time.monotonic() - started
        transaction.set_rollback(True)

    candidates = [Candidate(e.pk, e.category_id) for e in applicants]
    experts = [Reviewer(u.pk, expertise[u.pk], args.max_per_reviewer) for u in reviewers]
    forbidden = set(tied)
    tie_counts: dict[str, int] = {}
    for reasons in tied.values():
        for reason in reasons:
            tie_counts[reason] = tie_counts.get(reason, 0) + 1

    runs = {}
    for name, solve in (
        (
            "exact, balanced (the assignment)",
            lambda: assign(candidates, experts, per_application=args.k, forbidden=forbidden),
        ),
        (
            "exact optimum, no balancing",
            lambda: assign(
                candidates, experts, per_application=args.k, forbidden=forbidden, balance=False
            ),
        ),
        (
            "greedy first-come best-fit",
            lambda: assign_greedy(candidates, experts, per_application=args.k, forbidden=forbidden),
        ),
    ):
        started = time.monotonic()
        result = solve()
        runs[name] = (time.monotonic() - started, result)
        print(f"{name}: {runs[name][0]:.2f} s, fit {result.total_fit}", file=sys.stderr)
    # The baseline again, held to the assignment's load cap: the fair comparison of balance.
    cap = runs["exact, balanced (the assignment)"][1].load_cap
    capped = [Reviewer(r.id, r.expertise, cap) for r in experts]
    started = time.monotonic()
    result = assign_greedy(candidates, capped, per_application=args.k, forbidden=forbidden)
    runs[f"greedy, held to load {cap}"] = (time.monotonic() - started, result)

    optimum = runs["exact optimum, no balancing"][1].total_fit
    lines = [
        f"## Reviewer assignment, {args.applications:,} applications × {args.experts} experts, "
        f"K={args.k}, L={args.max_per_reviewer}",
        "",
        f"- Date: {datetime.date.today().isoformat()}; load average while measuring: "
        + " / ".join(f"{x:.1f}" for x in os.getloadavg()),
        f"- Directory: `wenchuang demo-data --enterprises {args.enterprises}` (seed {args.seed}); "
        f"the first {args.applications:,} published enterprises apply (class = their category); "
        f"{args.experts} experts with 1–3 classes each and ties as users hold them "
        "(enterprise representatives, park managers, tenants, association, declared)",
        f"- Conflicts read from the directory by `workflows.conflicts`: {len(forbidden):,} "
        f"forbidden pairs ({', '.join(f'{k} {v}' for k, v in sorted(tie_counts.items()))}) "
        f"in {read_s:.2f} s",
        "",
        "| method | seconds | max load | conflicts violated | places short | total fit | "
        "fit / optimum |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, (seconds, result) in runs.items():
        violated = sum(
            1 for app, chosen in result.reviewers.items() for r in chosen if (app, r) in forbidden
        )
        short = sum(result.short.values())
        lines.append(
            f"| {name} | {seconds:.2f} | {result.max_load} | {violated} | {short} | "
            f"{result.total_fit:,} | {result.total_fit / optimum:.4f} |"
        )
    exact = runs["exact, balanced (the assignment)"][1]
    greedy = runs["greedy first-come best-fit"][1]
    unbalanced = runs["exact optimum, no balancing"][1]
    lines += [
        "",
        f"The assignment's fit is **{exact.total_fit / optimum:.4f}** of the optimum "
        f"(target ≥ 0.99) and {exact.total_fit / greedy.total_fit:.4f} × the greedy baseline's "
        f"({exact.total_fit / runs[f'greedy, held to load {cap}'][1].total_fit:.4f} × the "
        "baseline's held to the same largest load); "
        f"its largest load is {exact.max_load} (the smallest that fills every place; the "
        f"optimum without balancing loads up to {unbalanced.max_load}). "
        "Fit per place: 3 same class, 2 same mid category, 1 same major category.",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
