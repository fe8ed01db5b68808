"""Demo records besides enterprises: parks, investors, talents, providers, memberships."""

from __future__ import annotations

import datetime
from bisect import bisect
from decimal import Decimal

from wenchuang.accounts.models import Organisation

from ..models import (
    AssociationMembership,
    Enterprise,
    Investor,
    Park,
    PublicationStatus,
    ServiceProvider,
    Talent,
)
from ..search import document, with_facets
from . import words as W
from .compose import DEMO_DOMAIN


class RecordSteps:
    """DemoGenerator's parks, other directories and the association's memberships."""

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
            park.focus_categories.set(sorted(focus))  # sorted: set order varies by run
            self.parks[key] = park
            city = self.city_by_code.get(county[:4] + "00")
            if city is not None:
                city.parks.append(park)

    def create_investors(self) -> list[Investor]:
        focus_pool = ["0221", "0241", "0242", "0245", "0322", "0323", "0510", "0631", "0740"]
        investors = []
        seed_counties = [c for city in self.cities[:7] for c in city.counties]
        foreign = 0
        for i, (zh, en, country, currency, kind) in enumerate(W.INVESTORS):
            if country != "CN":
                # A foreign fund's China office, in the business districts such offices choose.
                county = (
                    W.FOREIGN_INVESTOR_OFFICES.get(country)
                    or W.INVESTOR_OFFICE_DISTRICTS[foreign % len(W.INVESTOR_OFFICE_DISTRICTS)]
                )
                foreign += 1
            else:
                # A fund named after a city is in that city; the others anywhere in the seeds.
                city = next((c for c in self.cities[:7] if zh.startswith(c.zh)), None)
                county = self.rng.choice(city.counties if city else seed_counties)
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
            # A few renew within the month, so the reminder task has work to show; the first
            # is the demo member login's organisation, who then finds the reminder in the app.
            soon = i % 8 == 3 or i == 0
            ahead = self.rng.randrange(3, 28) if soon else self.rng.randrange(30, 365)
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
