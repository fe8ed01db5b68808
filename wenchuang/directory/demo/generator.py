"""The demo generator: one seeded random stream through every step, and `generate()`."""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass, field
from itertools import accumulate

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wenchuang.accounts.models import Organisation, User
from wenchuang.core import generations
from wenchuang.core.demo import run_demo_steps, wipe_demo_steps
from wenchuang.core.planner import refresh_planner_statistics
from wenchuang.reference.models import IndustryCategory, Region
from wenchuang.reference.selectors import SizeRule

from ..models import AssociationMembership, Enterprise, Investor, Park, ServiceProvider, Talent
from . import words as W
from .accounts import AccountSteps, existing_logins
from .compose import DEMO_DOMAIN, TextSteps, _Composer
from .enterprises import EnterpriseSteps
from .places import PlaceSteps
from .records import RecordSteps

# What the demo writes with bulk_create and QuerySet.update, which send no post_save.
WRITTEN = (Organisation, Park, Enterprise, Investor, Talent, ServiceProvider, AssociationMembership)


@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[dict[str, str]] = field(default_factory=list)
    skipped: bool = False


def demo_present() -> bool:
    return User.objects.filter(username="staff_wuxi").exists()


class DemoGenerator(PlaceSteps, TextSteps, AccountSteps, RecordSteps, EnterpriseSteps):
    def __init__(
        self, *, seed: int, progress: bool = True, fund_applications: int | None = None
    ) -> None:
        self.seed = seed
        # How many applications the demo special-fund call receives (None: the engine's
        # default, a few per stage); the staff-list benchmark asks for 10,000.
        self.fund_applications = fund_applications
        self.rng = random.Random(seed)
        self.progress = progress
        self.compose = _Composer()
        self.size_rule = SizeRule.load()
        self.today = timezone.localdate()
        self.regions = {r.code: r for r in Region.objects.all()}
        self.categories = {
            c.code: c for c in IndustryCategory.objects.filter(level=IndustryCategory.Level.SMALL)
        }
        self.organisations: dict[str, Organisation] = {}
        self.parks: dict[str, Park] = {}
        self.seed_enterprises: dict[str, Enterprise] = {}
        self._places: dict[str, tuple[str, str, str]] = {}
        self._build_cities()
        codes = sorted(self.categories)
        self.category_codes = codes
        self.category_cum = list(accumulate(W.CATEGORY_WEIGHTS.get(c, 1) for c in codes))
        self.form_cum = list(accumulate(w for *_x, w in W.LEGAL_FORMS))
        self.generics = {
            code: [(zh, en) for zh, en, prefixes in W.GENERIC_WORDS if code.startswith(prefixes)]
            for code in codes
        }
        # A multiplier coprime with 31 makes serial -> organisation code a bijection, so
        # codes are unique without a lookup, and the seed shifts them between runs.
        self.serial_offset = (seed * 104_729) % 31**9

    def serial(self, n: int) -> int:
        return (n * 1_000_003 + self.serial_offset) % 31**9

    def category(self) -> IndustryCategory:
        r = self.rng.random() * self.category_cum[-1]
        return self.categories[self.category_codes[bisect(self.category_cum, r)]]


def wipe_demo_data() -> None:
    """Delete what an earlier run created: rows whose contacts are on the demo domain."""
    # Other domains' demo records (applications, awards) refer to these organisations.
    wipe_demo_steps()
    demo = Q(email__endswith=DEMO_DOMAIN)
    org_ids: set[int] = set()
    for model in (Enterprise, Park, Investor, Talent, ServiceProvider):
        org_ids |= set(
            model.objects.filter(demo, organisation__isnull=False).values_list(
                "organisation_id", flat=True
            )
        )
    users = User.objects.filter(email__endswith=f"@demo{DEMO_DOMAIN}")
    org_ids |= set(users.exclude(organisation=None).values_list("organisation_id", flat=True))
    names = [zh for _k, _kind, zh, *_rest in W.ORGANISATIONS]
    org_ids |= set(Organisation.objects.filter(name_zh_hans__in=names).values_list("id", flat=True))
    AssociationMembership.objects.filter(
        Q(association_id__in=org_ids) | Q(member_id__in=org_ids)
    ).delete()
    users.delete()
    Enterprise.objects.filter(demo).update(park=None)
    for model in (Enterprise, Park, Investor, Talent, ServiceProvider):
        ids = list(model.objects.filter(demo).values_list("id", flat=True))
        for start in range(0, len(ids), 20_000):
            model.objects.filter(id__in=ids[start : start + 20_000]).delete()
    Organisation.objects.filter(id__in=org_ids).delete()
    generations.bump(*WRITTEN)


def generate(
    *,
    enterprises: int,
    seed: int = 2026,
    progress: bool = True,
    reset: bool = False,
    fund_applications: int | None = None,
) -> DemoSummary:
    """Create the demo directory; if it is already there, keep it unless `reset` is set."""
    if demo_present():
        if not reset:
            return DemoSummary(skipped=True, logins=existing_logins())
        wipe_demo_data()
    gen = DemoGenerator(seed=seed, progress=progress, fund_applications=fund_applications)
    summary = DemoSummary()
    with transaction.atomic():
        gen.create_organisations()
        gen.create_parks()
    gen.create_enterprises(enterprises)
    with transaction.atomic():
        investors = gen.create_investors()
        talents = min(5000, max(20, enterprises // 200))
        gen.create_talents(talents)
        gen.create_providers(60)
        members = gen.create_memberships()
        summary.logins = gen.create_users()
    generations.bump(*WRITTEN)
    with transaction.atomic():
        # Other domains' demo records (calls, applications, awards) built on the directory's.
        contributed = run_demo_steps(gen)
    # The records just written are most of the database: the planner must know their sizes.
    refresh_planner_statistics(thorough=True)
    summary.created = {
        "organisations": len(gen.organisations),
        "parks": len(gen.parks),
        "enterprises": enterprises,
        "investors": len(investors),
        "talents": talents,
        "service providers": 60,
        "association memberships": members,
        "users": len(summary.logins),
        **contributed,
    }
    return summary
