"""Deterministic demo data: the seeds' agencies and parks, N enterprises, one login per role."""

from __future__ import annotations

import datetime
import math
import random
import sys
from bisect import bisect
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from wenchuang.accounts.models import Organisation, Role, User
from wenchuang.accounts.services import user_create
from wenchuang.reference.models import IndustryCategory, Region
from wenchuang.reference.selectors import SizeRule

from . import demo_words as W
from .models import (
    AssociationMembership,
    Enterprise,
    Investor,
    Park,
    PublicationStatus,
    ServiceProvider,
    Talent,
)
from .search import document, tokens, with_facets

DEMO_PASSWORD = "demo1234"
# Every demo contact lives under the reserved .example top-level domain (RFC 2606): no demo
# mail can reach a real mailbox, and the suffix tells demo rows from real ones on --reset.
DEMO_DOMAIN = ".example"
CHUNK = 5000
ORG_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[dict[str, str]] = field(default_factory=list)
    skipped: bool = False


def demo_present() -> bool:
    return User.objects.filter(username="staff_wuxi").exists()


def credit_code(region_code: str, serial: int) -> str:
    """An 18-character unified social credit code with a valid GB 32100 check character."""
    body = "91" + region_code
    digits = []
    for _i in range(9):
        serial, rem = divmod(serial, 31)
        digits.append(ORG_CODE_CHARS[rem])
    body += "".join(reversed(digits))
    total = sum(ORG_CODE_CHARS.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return body + ORG_CODE_CHARS[(31 - total % 31) % 31]


class _Composer:
    """Builds names, descriptions and their search documents from a finite vocabulary.

    jieba costs ~0.1 ms per text; a million records would spend minutes segmenting the same
    few hundred city, brand and industry words. Each part is segmented once and the search
    document is the join of the parts' tokens and the record's facet tokens, which is what
    search.document() would give.
    """

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def tok(self, part: str) -> str:
        cached = self._cache.get(part)
        if cached is None:
            cached = self._cache[part] = " ".join(tokens(part, for_index=True))
        return cached

    def doc(self, parts: list[str]) -> str:
        tok = self.tok
        return " ".join(t for t in (tok(p) for p in parts if p) if t)


@dataclass
class _City:
    code: str
    zh: str
    en: str
    counties: list[str]
    parks: list[Park] = field(default_factory=list)


class DemoGenerator:
    def __init__(self, *, seed: int, progress: bool = True) -> None:
        self.seed = seed
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

    # -- places -----------------------------------------------------------------------

    def _build_cities(self) -> None:
        counties: dict[str, list[str]] = {}
        for r in self.regions.values():
            if r.level == Region.Level.COUNTY:
                counties.setdefault(r.code[:4] + "00", []).append(r.code)
        self.cities: list[_City] = []
        weights: list[float] = []
        seeded = {code for code, *_x in W.SEED_CITIES}
        for code, zh, en, weight in W.SEED_CITIES:
            self.cities.append(_City(code, zh, en, sorted(counties.get(code, [code]))))
            weights.append(weight)
        others = [
            r
            for r in sorted(self.regions.values(), key=lambda r: r.code)
            if r.level == Region.Level.PREFECTURE
            and r.code not in seeded
            and r.name_zh_hans.endswith("市")
            and len(r.name_zh_hans) <= 4
        ]
        for r in others:
            self.cities.append(
                _City(
                    r.code, r.name_zh_hans[:-1], r.name_en, sorted(counties.get(r.code, [r.code]))
                )
            )
            weights.append(W.OTHER_CITIES_WEIGHT / len(others))
        self.city_by_code = {c.code: c for c in self.cities}
        self.city_cum = list(accumulate(weights))

    def place(self, code: str) -> tuple[str, str, str]:
        """(Chinese address prefix, English place, English city) for a county code."""
        cached = self._places.get(code)
        if cached is None:
            county = self.regions[code]
            chain = []
            node = county
            while node is not None and node.level > Region.Level.COUNTRY:
                chain.append(node)
                node = self.regions.get(node.parent_id) if node.parent_id else None
            chain.reverse()
            zh = "".join(r.name_zh_hans for r in chain if r.name_zh_hans != "市辖区")
            city = self.city_by_code.get(code[:4] + "00")
            city_en = city.en if city else chain[0].name_en
            en = f"{county.name_en}, {city_en}" if county.level == Region.Level.COUNTY else city_en
            cached = self._places[code] = (zh, en, city_en)
        return cached

    # -- small pieces -------------------------------------------------------------------

    def person(self) -> tuple[str, str]:
        s = self.rng.choice(W.SURNAMES)
        g = self.rng.choice(W.GIVEN_NAMES)
        return s[0] + g[0], f"{s[1]} {g[1]}"

    def phone(self, prefecture: str) -> str:
        area = W.AREA_CODES.get(prefecture)
        n = self.rng.randrange(10_000_000, 99_999_999)
        if area:
            return f"{area}-{n}"
        return f"13{self.rng.randrange(0, 10)}{n:08d}"

    def category(self) -> IndustryCategory:
        r = self.rng.random() * self.category_cum[-1]
        return self.categories[self.category_codes[bisect(self.category_cum, r)]]

    # -- organisations and parks ---------------------------------------------------------

    def create_organisations(self) -> None:
        for key, kind, zh, en, fr, de, region in W.ORGANISATIONS:
            self.organisations[key] = Organisation.objects.create(
                kind=kind, name_zh_hans=zh, name_en=en, name_fr=fr, name_de=de, region_id=region
            )

    def _finish(self, record, region_code: str) -> None:
        record.region_id = region_code
        record.province_code = region_code[:2] + "0000"
        record.prefecture_code = region_code[:4] + "00"

    def create_parks(self) -> None:
        for key, zh, en, fr, de, county, level, lat, lon, area, vacancy, focus in W.PARKS:
            place_zh, place_en, _city = self.place(county)
            road_zh, road_en = self.rng.choice(W.ROADS)
            number = self.rng.randrange(1, 300)
            park = Park(
                name_zh_hans=zh,
                name_en=en,
                name_fr=fr,
                name_de=de,
                description_zh_hans=(
                    f"{zh}位于{place_zh}，重点发展"
                    + "、".join(self.categories[c].name_zh_hans for c in focus)
                    + "。"
                ),
                description_en=(
                    f"{en} is in {place_en}. It focuses on "
                    + ", ".join(self.categories[c].name_en.lower() for c in focus)
                    + "."
                ),
                level=level,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
                area_hectares=Decimal(area),
                vacancy_rate=Decimal(vacancy),
                address=f"{place_zh}{road_zh}{number}号",
                contact_person=self.person()[0],
                phone=self.phone(county[:4] + "00"),
                email=f"service@{key.replace('_', '-')}{DEMO_DOMAIN}",
                website=f"https://www.{key.replace('_', '-')}{DEMO_DOMAIN}/",
                status=PublicationStatus.PUBLISHED,
            )
            if key == "wuxi_studios":
                park.organisation = self.organisations["wuxi_studios"]
            self._finish(park, county)
            park.search_text = document(park)
            park.save()
            park.focus_categories.set(focus)
            self.parks[key] = park
            city = self.city_by_code.get(county[:4] + "00")
            if city is not None:
                city.parks.append(park)

    # -- enterprises --------------------------------------------------------------------

    def _describe(
        self,
        name_zh_parts: list[str],
        name_en_parts: list[str],
        county: str,
        category: IndustryCategory,
        founded: int,
    ) -> dict[str, str]:
        rng = self.rng
        place_zh, place_en, city_en = self.place(county)
        sentence_zh, sentence_en = rng.choice(W.SENTENCES[category.code[:2]])
        name_zh = "".join(name_zh_parts)
        name_en = " ".join(p for p in name_en_parts if p)
        year = str(founded)
        cat_en = category.name_en[:1].lower() + category.name_en[1:]
        zh = (
            f"{name_zh}成立于{year}年，位于{place_zh}，"
            f"主要从事{category.name_zh_hans}。{sentence_zh}"
        )
        en = f"{name_en} was founded in {year} in {place_en}. It works in {cat_en}. {sentence_en}"
        parts = [
            *name_zh_parts,
            *name_en_parts,
            "成立于",
            year,
            "年",
            "位于",
            place_zh,
            "主要从事",
            category.name_zh_hans,
            sentence_zh,
            "was founded in",
            place_en,
            "It works in",
            category.name_en,
            sentence_en,
        ]
        out = {
            "name_zh_hans": name_zh,
            "name_en": name_en,
            "description_zh_hans": zh,
            "description_en": en,
        }
        roll = rng.random()
        if roll < 0.10:
            out["description_fr"] = (
                f"{name_en} a été fondée en {year} à {city_en}. "
                f"Domaine d'activité : {category.name_fr}."
            )
            parts += ["a été fondée en", city_en, "Domaine d'activité", category.name_fr]
        elif roll < 0.17:
            out["description_de"] = (
                f"{name_en} wurde {year} in {city_en} gegründet. "
                f"Tätigkeitsbereich: {category.name_de}."
            )
            parts += ["wurde", city_en, "gegründet", "Tätigkeitsbereich", category.name_de]
        out["search_text"] = self.compose.doc(parts)
        return out

    def _revenue(self, revenue: Decimal | None, category: str, year: int | None) -> dict:
        return {
            "annual_revenue": revenue,
            "revenue_year": year,
            "above_designated_size": self.size_rule.is_above(category, revenue, year),
        }

    def enterprise(self, serial: int) -> Enterprise:
        rng = self.rng
        city = self.cities[bisect(self.city_cum, rng.random() * self.city_cum[-1])]
        park = None
        if city.parks and rng.random() < 0.3:
            park = rng.choice(city.parks)
            county = park.region_id
        else:
            county = rng.choice(city.counties)
        category = self.category()
        industry = rng.choice(W.INDUSTRY_WORDS[category.code])
        generic = ("", "")
        allowed = self.generics[category.code]
        if allowed and rng.random() < 0.45 and industry[0][-2:] not in {"科技", "文化", "传媒"}:
            generic = rng.choice(allowed)
        brand = rng.choice(W.BRANDS)
        form = W.LEGAL_FORMS[bisect(self.form_cum, rng.random() * self.form_cum[-1])]
        if form[0] == "工作室" and category.code[:2] not in {"02", "03"}:
            form = W.LEGAL_FORMS[0]
        founded = rng.randrange(1995, 2025)
        texts = self._describe(
            [city.zh, brand[0], industry[0], generic[0], form[0]],
            [city.en, brand[1], industry[1], generic[1], form[1]],
            county,
            category,
            founded,
        )
        revenue = None
        year = None
        if rng.random() < 0.9:
            revenue = Decimal(int(math.exp(rng.gauss(15.0, 1.5))) // 1000 * 1000)
            year = 2024 if rng.random() < 0.8 else 2023
            year = max(year, founded)
        roll = rng.random()
        status = (
            PublicationStatus.PUBLISHED
            if roll < 0.92
            else PublicationStatus.PENDING
            if roll < 0.99
            else PublicationStatus.REJECTED
        )
        place_zh = self.place(county)[0]
        if park is not None:
            address = f"{park.name_zh_hans}{rng.randrange(1, 40)}号楼"
        else:
            road = rng.choice(W.ROADS)[0]
            address = f"{place_zh}{road}{rng.randrange(1, 999)}号"
        slug = f"{brand[1].lower()}-{city.en.lower().replace(' ', '')}-{serial}"
        person = self.person()
        e = Enterprise(
            **texts,
            credit_code=credit_code(county, self.serial(serial)),
            category=category,
            major_code=category.code[:2],
            mid_code=category.code[:3],
            domain=category.domain,
            park=park,
            founded_year=founded,
            employees=None
            if revenue is None
            else max(1, int(revenue) // rng.randrange(250_000, 900_000)),
            **self._revenue(revenue, category.code, year),
            address=address,
            contact_person=person[0],
            email=f"info@{slug}{DEMO_DOMAIN}",
            phone=self.phone(city.code),
            website=f"https://www.{slug}{DEMO_DOMAIN}/",
            status=status,
        )
        self._finish(e, county)
        e.search_text = with_facets(e.search_text, e)
        return e

    def seed_enterprise(self, serial: int, spec: tuple) -> Enterprise:
        key, zh, en, county, code, park_key, founded, revenue, desc_zh, desc_en = spec
        category = self.categories[code]
        e = self.enterprise(serial)  # for contacts and the random stream's position
        e.name_zh_hans, e.name_en = zh, en
        e.description_zh_hans, e.description_en = desc_zh, desc_en
        e.description_fr = e.description_de = ""
        e.category, e.major_code, e.mid_code = category, code[:2], code[:3]
        e.domain = category.domain
        e.park = self.parks.get(park_key) if park_key else None
        e.founded_year = founded
        for k, v in self._revenue(Decimal(revenue), code, 2024).items():
            setattr(e, k, v)
        e.employees = int(Decimal(revenue)) // 600_000
        e.status = PublicationStatus.PUBLISHED
        e.credit_code = credit_code(county, self.serial(serial))
        e.phone = self.phone(county[:4] + "00")
        e.email = f"info@{key.replace('_', '-')}{DEMO_DOMAIN}"
        e.website = f"https://www.{key.replace('_', '-')}{DEMO_DOMAIN}/"
        road = self.rng.choice(W.ROADS)[0]
        e.address = (
            f"{e.park.name_zh_hans}{self.rng.randrange(1, 40)}号楼"
            if e.park
            else f"{self.place(county)[0]}{road}{self.rng.randrange(1, 999)}号"
        )
        self._finish(e, county)
        e.search_text = document(e)
        return e

    def create_enterprises(self, n: int) -> None:
        bar = tqdm(
            total=n,
            unit=" enterprises",
            file=sys.stderr,
            disable=not self.progress,
            desc=_("Enterprises"),
        )
        serial = 0
        seeds = W.SEED_ENTERPRISES[:n]
        while serial < n:
            batch = []
            for _i in range(min(CHUNK, n - serial)):
                if serial < len(seeds):
                    batch.append(self.seed_enterprise(serial, seeds[serial]))
                else:
                    batch.append(self.enterprise(serial))
                serial += 1
            with transaction.atomic():
                Enterprise.objects.bulk_create(batch)
            for spec, e in zip(seeds, batch, strict=False):
                if e.pk is None:  # backends that do not return ids
                    e = Enterprise.objects.get(credit_code=e.credit_code)
                self.seed_enterprises[spec[0]] = e
            seeds = []
            bar.update(len(batch))
        bar.close()

    # -- other directories --------------------------------------------------------------

    def create_investors(self) -> list[Investor]:
        focus_pool = ["0221", "0241", "0242", "0245", "0322", "0323", "0510", "0631", "0740"]
        investors = []
        for i, (zh, en, country, currency, kind) in enumerate(W.INVESTORS):
            county = (
                "310115"
                if country != "CN"
                else self.rng.choice([c for city in self.cities[:7] for c in city.counties])
            )
            if zh.startswith(("无锡", "江苏")):
                county = "320211"
            low = Decimal(self.rng.choice([1, 2, 5, 10])) * 1_000_000
            inv = Investor(
                name_zh_hans=zh,
                name_en=en,
                investor_type=kind,
                country=country,
                currency_id=currency,
                ticket_min=low,
                ticket_max=low * self.rng.choice([5, 10, 20]),
                description_en=(
                    f"{en} invests in cultural and creative enterprises in China"
                    + (f" from {country}." if country != "CN" else ".")
                ),
                description_zh_hans=f"{zh or en}投资中国文化创意企业。",
                contact_person=self.person()[1],
                email=f"china@investor-{i}{DEMO_DOMAIN}",
                website=f"https://investor-{i}{DEMO_DOMAIN}/",
                status=PublicationStatus.PUBLISHED,
            )
            self._finish(inv, county)
            inv.search_text = document(inv)
            investors.append(inv)
        Investor.objects.bulk_create(investors)
        investors = list(Investor.objects.filter(email__endswith=DEMO_DOMAIN).order_by("id"))
        through = Investor.focus_categories.through
        through.objects.bulk_create(
            through(investor_id=inv.pk, industrycategory_id=code)
            for inv in investors
            for code in self.rng.sample(focus_pool, 3)
        )
        org = Organisation.objects.create(
            kind="investor", name_en=investors[12].name_en, region_id=investors[12].region_id
        )
        investors[12].organisation = org
        investors[12].save(update_fields=["organisation"])
        self.organisations["investor"] = org
        return investors

    def create_talents(self, n: int) -> None:
        talents = []
        for i in range(n):
            city = self.cities[bisect(self.city_cum, self.rng.random() * self.city_cum[-1])]
            county = self.rng.choice(city.counties)
            zh, en = self.person()
            title = self.rng.choice(W.TALENT_TITLES)
            category = self.category()
            place_zh, place_en, _c = self.place(county)
            t = Talent(
                name_zh_hans=zh,
                name_en=en,
                title=title[0],
                category=category,
                description_zh_hans=f"{zh}，{title[0]}，现居{place_zh}，专长：{category.name_zh_hans}。",
                description_en=f"{en}, {title[1]}, based in {place_en}; field: {category.name_en}.",
                email=f"{en.lower().replace(' ', '.')}.{i}@talent{DEMO_DOMAIN}",
                status=PublicationStatus.PUBLISHED,
            )
            t.search_text = self.compose.doc(
                [
                    zh,
                    title[0],
                    "现居",
                    place_zh,
                    "专长",
                    category.name_zh_hans,
                    en,
                    title[1],
                    "based in",
                    place_en,
                    "field",
                    category.name_en,
                ]
            )
            self._finish(t, county)
            t.search_text = with_facets(t.search_text, t)
            talents.append(t)
        Talent.objects.bulk_create(talents, batch_size=1000)

    def create_providers(self, n: int) -> None:
        services = list(W.PROVIDER_WORDS)
        providers = []
        for i in range(n):
            service = services[i % len(services)]
            word_zh, word_en, form_zh, form_en = self.rng.choice(W.PROVIDER_WORDS[service])
            city = self.cities[i % 7]
            county = self.rng.choice(city.counties)
            brand = self.rng.choice(W.BRANDS)
            name_en = " ".join(p for p in (city.en, brand[1], word_en, form_en) if p)
            p = ServiceProvider(
                name_zh_hans=f"{city.zh}{brand[0]}{word_zh}{form_zh}",
                name_en=name_en,
                service=service,
                certified=self.rng.random() < 0.4,
                description_zh_hans=f"为{city.zh}文化企业提供{word_zh or '法律'}服务。",
                description_en=f"Serves cultural enterprises in {city.en}.",
                contact_person=self.person()[0],
                phone=self.phone(city.code),
                email=f"office@provider-{i}{DEMO_DOMAIN}",
                status=PublicationStatus.PUBLISHED,
            )
            self._finish(p, county)
            p.search_text = document(p)
            providers.append(p)
        ServiceProvider.objects.bulk_create(providers)
        first = (
            ServiceProvider.objects.filter(email__endswith=DEMO_DOMAIN, certified=True)
            .order_by("id")
            .first()
            or ServiceProvider.objects.filter(email__endswith=DEMO_DOMAIN).order_by("id").first()
        )
        org = Organisation.objects.create(
            kind="service_provider",
            name_zh_hans=first.name_zh_hans,
            name_en=first.name_en,
            region_id=first.region_id,
        )
        ServiceProvider.objects.filter(pk=first.pk).update(organisation=org)
        self.organisations["provider"] = org

    # -- memberships and accounts --------------------------------------------------------

    def _enterprise_org(self, e: Enterprise) -> Organisation:
        org = Organisation.objects.create(
            kind="enterprise",
            name_zh_hans=e.name_zh_hans,
            name_en=e.name_en,
            region_id=e.region_id,
        )
        Enterprise.objects.filter(pk=e.pk).update(organisation=org)
        return org

    def create_memberships(self) -> int:
        association = self.organisations["weifang"]
        members = []
        if "yuandu_kites" in self.seed_enterprises:
            members.append(self.seed_enterprises["yuandu_kites"])
        members += list(
            Enterprise.objects.filter(prefecture_code="370700", status="published")
            .exclude(pk__in=[m.pk for m in members])
            .order_by("id")[:39]
        )
        today = self.today
        rows = []
        for i, e in enumerate(members):
            org = self._enterprise_org(e)
            kind, fee = (
                ("president", 20000)
                if i == 0
                else ("vice_president", 10000)
                if i < 4
                else ("director", 5000)
                if i < 12
                else ("member", 2000)
            )
            started = today - datetime.timedelta(days=self.rng.randrange(60, 1500))
            # A few renew within the month, so the reminder task has work to show.
            ahead = self.rng.randrange(3, 28) if i % 8 == 3 else self.rng.randrange(30, 365)
            status = "active"
            renews = today + datetime.timedelta(days=ahead)
            if i == len(members) - 1 and i > 0:
                status, renews = "lapsed", today - datetime.timedelta(days=45)
            rows.append(
                AssociationMembership(
                    association=association,
                    member=org,
                    enterprise=e,
                    membership_type=kind,
                    yearly_fee=Decimal(fee),
                    currency_id="CNY",
                    started_on=started,
                    renews_on=renews,
                    status=status,
                )
            )
            if i == 0:
                self.organisations["member"] = org
        AssociationMembership.objects.bulk_create(rows)
        return len(rows)

    def create_users(self) -> list[dict[str, str]]:
        orgs = self.organisations
        rep_org = None
        if "lingdong" in self.seed_enterprises:
            rep_org = self._enterprise_org(self.seed_enterprises["lingdong"])
        specs = [
            ("staff_national", Role.CENTRE_STAFF, orgs["national"], "000000"),
            ("staff_beijing", Role.CENTRE_STAFF, orgs["beijing"], "110000"),
            ("staff_wuxi", Role.CENTRE_STAFF, orgs["wuxi"], "320200"),
            ("staff_dalian", Role.CENTRE_STAFF, orgs["dalian"], "210200"),
            ("official_binhu", Role.DISTRICT_OFFICIAL, orgs["binhu"], "320211"),
            ("manager_wuxi_studios", Role.PARK_MANAGER, orgs["wuxi_studios"], None),
            ("rep_lingdong", Role.ENTERPRISE_REP, rep_org, None),
            ("investor_demo", Role.INVESTOR, orgs.get("investor"), None),
            ("expert_demo", Role.EXPERT_REVIEWER, orgs["experts"], None),
            ("provider_demo", Role.SERVICE_PROVIDER, orgs.get("provider"), None),
            ("member_weifang", Role.ASSOCIATION_MEMBER, orgs.get("member"), None),
            ("visitor", Role.PUBLIC, None, None),
        ]
        logins = []
        for username, role, org, jurisdiction in specs:
            user_create(
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                organisation=org,
                jurisdiction_code=jurisdiction,
                email=f"{username}@demo{DEMO_DOMAIN}",
            )
            logins.append(login_row(username, role, org, jurisdiction))
        return logins


def login_row(username: str, role: str, org, jurisdiction: str | None) -> dict[str, str]:
    return {
        "username": username,
        "password": DEMO_PASSWORD,
        "role": str(Role(role).label),
        "organisation": str(org) if org else "",
        "jurisdiction": jurisdiction or "",
    }


def existing_logins() -> list[dict[str, str]]:
    users = (
        User.objects.filter(email__endswith=f"@demo{DEMO_DOMAIN}")
        .select_related("organisation")
        .order_by("id")
    )
    return [login_row(u.username, u.role, u.organisation, u.jurisdiction_id) for u in users]


def wipe_demo_data() -> None:
    """Delete what an earlier run created: rows whose contacts are on the demo domain."""
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


def generate(
    *, enterprises: int, seed: int = 2026, progress: bool = True, reset: bool = False
) -> DemoSummary:
    """Create the demo directory; if it is already there, keep it unless `reset` is set."""
    if demo_present():
        if not reset:
            return DemoSummary(skipped=True, logins=existing_logins())
        wipe_demo_data()
    gen = DemoGenerator(seed=seed, progress=progress)
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
    summary.created = {
        "organisations": len(gen.organisations),
        "parks": len(gen.parks),
        "enterprises": enterprises,
        "investors": len(investors),
        "talents": talents,
        "service providers": 60,
        "association memberships": members,
        "users": len(summary.logins),
    }
    return summary
