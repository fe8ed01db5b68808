"""Demo enterprises: the seeds' enterprises, then as many generated ones as asked for."""

from __future__ import annotations

import math
import sys
from bisect import bisect
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from ..models import Enterprise, PublicationStatus
from ..search import document, with_facets
from . import words as W
from .compose import DEMO_DOMAIN, credit_code

CHUNK = 5000


class EnterpriseSteps:
    """DemoGenerator's enterprises, written in chunks with bulk_create."""

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
