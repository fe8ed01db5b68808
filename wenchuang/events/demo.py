"""Demo events: Dalian's past promotion conference, Wuxi's upcoming cloud conference with
scheduled 1:1 meetings, and a Weifang exhibition with booths (the seeds 001, 004 and 000)."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from typing import Any

from django.db import transaction
from django.utils import timezone

from wenchuang.accounts.models import Organisation, Role, User
from wenchuang.directory.models import Enterprise, Park

from .demo_cast import DALIAN_THEMES, FOREIGN_INVESTORS
from .models import (
    Availability,
    Booth,
    Event,
    Exhibitor,
    FieldVisitSignUp,
    Meeting,
    MeetingRequest,
    Registration,
)
from .services import meetings, organising, participation, scheduling

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DEMO_PREFIX = "demo_evt_"


def _people(prefix: str, count: int, role: str) -> list[User]:
    """Participants who only appear in lists (no login): made in one insert."""
    users = [
        User(username=f"{DEMO_PREFIX}{prefix}{n:03d}", role=role, password="!")
        for n in range(1, count + 1)
    ]
    User.objects.bulk_create(users, batch_size=200)
    return list(User.objects.filter(username__startswith=f"{DEMO_PREFIX}{prefix}").order_by("id"))


def _register(event: Event, user: User, role: str, **fields: Any) -> Registration:
    return Registration(
        event=event,
        user=user,
        role=role,
        status=Registration.Status.APPROVED,
        decided_at=timezone.now(),
        **fields,
    )


def _at(day: dt.date, hour: float) -> dt.datetime:
    base = dt.datetime.combine(day, dt.time(0, 0), tzinfo=SHANGHAI)
    return base + dt.timedelta(hours=hour)


def create_demo(generator: Any = None) -> dict[str, int]:
    """The three events (nothing when the demo directory's staff are missing)."""
    staff = {
        name: User.objects.filter(username=f"staff_{name}").first()
        for name in ("wuxi", "dalian", "national")
    }
    if not all(staff.values()):
        return {}
    today = getattr(generator, "today", None) or timezone.localdate()
    rng = random.Random(getattr(generator, "seed", 2026) or 2026)
    with transaction.atomic():
        dalian = _dalian(staff["dalian"], today - dt.timedelta(days=60))
        wuxi, meetings_placed = _wuxi(staff["wuxi"], today + dt.timedelta(days=30), rng)
        weifang = _weifang(staff["national"], today + dt.timedelta(days=45))
    return {
        "events": 3,
        "event registrations": Registration.objects.filter(
            event__in=[dalian, wuxi, weifang]
        ).count(),
        "1:1 meetings scheduled": meetings_placed,
    }


def _organisation(key_region: str, kind: str) -> Organisation | None:
    return Organisation.objects.filter(kind=kind, region_id=key_region).order_by("id").first()


def _dalian(staff: User, day: dt.date) -> Event:
    organiser = staff.organisation
    event = organising.event_create(
        by=staff,
        organiser=organiser,
        region_code="210200",
        data={
            "title_zh_hans": "大连文化产业招商推介会",
            "title_en": "Dalian Cultural Industry Investment Promotion Conference",
            "title_fr": "Conférence de promotion des investissements culturels de Dalian",
            "title_de": "Investitionskonferenz Kulturwirtschaft Dalian",
            "summary_zh_hans": "八个园区和十家企业推介项目，随后交流洽谈、"
            "举行三项战略合作协议签约仪式，"
            "并组织70人实地考察。",
            "summary_en": "Eight parks and ten enterprises promote projects, then exchange "
            "discussions, a signing ceremony of three strategic cooperation agreements and a "
            "field visit for 70 participants.",
            "kind": Event.Kind.CONFERENCE,
            "format": Event.Format.ON_SITE,
            "time_zone": "Asia/Shanghai",
            "starts_at": _at(day, 9),
            "ends_at": _at(day, 18),
            "venue": "大连国际会议中心",
        },
    )
    sessions = [
        ("项目推介：" + "、".join(DALIAN_THEMES[:4]), "Project promotion (I)", 9, 10.5, False),
        ("项目推介：" + "、".join(DALIAN_THEMES[4:]), "Project promotion (II)", 10.5, 12, False),
        ("交流洽谈", "Exchange discussions", 13.5, 15, False),
        ("战略合作协议签约仪式", "Signing ceremony", 15, 15.5, True),
    ]
    for zh, en, start, end, signing in sessions:
        organising.session_add(
            event=event,
            by=staff,
            title_zh_hans=zh,
            title_en=en,
            starts_at=_at(day, start),
            ends_at=_at(day, end),
            room="一号厅",
            signing=signing,
        )
    visit = organising.field_visit_add(
        event=event,
        by=staff,
        title_zh_hans="老工业建筑改造园区实地考察",
        title_en="Field visit: industrial buildings turned cultural parks",
        starts_at=_at(day, 15.75),
        ends_at=_at(day, 18),
        capacity=70,
        meeting_point="会议中心北门",
        stops=["华录文化产业园", "大连冰山慧谷", "东港文化旅游区"],
    )
    parks = list(Park.objects.filter(status="published").order_by("id")[:8])
    firms = list(Enterprise.objects.filter(status="published").order_by("-id")[:10])
    people = _people("dalian_", 70, Role.PUBLIC)
    rows = []
    for n, user in enumerate(people):
        if n < len(parks):
            rows.append(
                _register(event, user, "project_owner", display_name=str(parks[n]), park=parks[n])
            )
        elif n < len(parks) + len(firms):
            firm = firms[n - len(parks)]
            rows.append(
                _register(event, user, "project_owner", display_name=str(firm), enterprise=firm)
            )
        else:
            rows.append(
                _register(
                    event,
                    user,
                    "visitor" if n % 3 else "investor",
                    display_name=f"参会代表 {n + 1}",
                )
            )
    Registration.objects.bulk_create(rows)
    registrations = Registration.objects.filter(event=event)
    FieldVisitSignUp.objects.bulk_create(
        [FieldVisitSignUp(visit=visit, registration=r) for r in registrations[:70]]
    )
    Event.objects.filter(pk=event.pk).update(status=Event.Status.HELD)
    return event


def _wuxi(staff: User, day: dt.date, rng: random.Random) -> tuple[Event, int]:
    event = organising.event_create(
        by=staff,
        organiser=staff.organisation,
        region_code="320200",
        data={
            "title_zh_hans": "无锡文化产业云招商大会",
            "title_en": "Wuxi Cultural Industry Cloud Investment Conference",
            "title_fr": "Conférence en ligne des investissements culturels de Wuxi",
            "title_de": "Wuxi Online-Investitionskonferenz Kulturwirtschaft",
            "summary_zh_hans": "30余家境外投资机构（来自20个国家）"
            "与约100家本地企业在线交流、洽谈签约。",
            "summary_en": "Over 30 foreign investors from 20 countries and about 100 local firms "
            "meet online in 1:1 meetings and sign deals.",
            "kind": Event.Kind.PROMOTION,
            "format": Event.Format.ONLINE,
            "time_zone": "Asia/Shanghai",
            "starts_at": _at(day, 15),
            "ends_at": _at(day + dt.timedelta(days=1), 18),
            "meetings": True,
            "meeting_minutes": 30,
        },
    )
    organising.event_move(event=event, by=staff, target=Event.Status.OPEN)
    organising.session_add(
        event=event,
        by=staff,
        title_zh_hans="开幕式与无锡文化产业推介",
        title_en="Opening and Wuxi's cultural industry",
        starts_at=_at(day, 14),
        ends_at=_at(day, 15),
    )
    # 12 half-hour slots: 15:00–18:00 Shanghai time on two days (morning in Europe).
    slots = []
    for d in (day, day + dt.timedelta(days=1)):
        slots += organising.slots_add_series(
            event=event, by=staff, first=_at(d, 15), count=6, minutes=30, online=True
        )
    for n in range(1, 21):
        organising.table_add(
            event=event,
            by=staff,
            name=f"云会议室 {n}",
            kind="online",
            online_link=f"https://meet.wenchuang.example/wuxi-{n}",
        )
    investors = _people("wuxi_investor_", len(FOREIGN_INVESTORS), Role.INVESTOR)
    rows = [
        _register(
            event,
            user,
            "investor",
            display_name=name,
            country=country,
            time_zone=zone,
            languages=["en"],
            interests="Cultural tourism, animation, games, heritage and VR projects.",
        )
        for user, (country, zone, name) in zip(investors, FOREIGN_INVESTORS, strict=True)
    ]
    firms = list(
        Enterprise.objects.filter(status="published", prefecture_code="320200").order_by("id")[:100]
    )
    if len(firms) < 100:
        firms += list(
            Enterprise.objects.filter(status="published")
            .exclude(pk__in=[f.pk for f in firms])
            .order_by("id")[: 100 - len(firms)]
        )
    owners = _people("wuxi_firm_", len(firms), Role.ENTERPRISE_REP)
    rows += [
        _register(
            event,
            user,
            "project_owner",
            display_name=str(firm),
            enterprise=firm,
            languages=["zh", "en"],
            interests=firm.description_zh_hans[:300],
        )
        for user, firm in zip(owners, firms, strict=True)
    ]
    Registration.objects.bulk_create(rows)
    # One firm withdrew, and one registration waits for the organiser.
    firm_rows = Registration.objects.filter(event=event, role="project_owner").order_by("-id")
    Registration.objects.filter(pk__in=list(firm_rows.values_list("pk", flat=True)[:1])).update(
        status=Registration.Status.WITHDRAWN
    )
    Registration.objects.filter(pk__in=list(firm_rows.values_list("pk", flat=True)[1:2])).update(
        status=Registration.Status.PENDING
    )
    # The demo's own logins take part: a local firm's representative and an investor.
    own = []
    for username, role in (("rep_lingdong", "project_owner"), ("investor_demo", "investor")):
        user = User.objects.filter(username=username).first()
        if user is not None:
            registration = participation.register(
                event=event, by=user, role=role, country="CN", languages=["zh", "en"]
            )
            participation.registration_decide(registration=registration, by=staff, approve=True)
            own.append(registration)
    approved = list(Registration.objects.filter(event=event, status="approved").order_by("id"))
    # The demo logins' own request is made through the pages' service below.
    own_ids = {r.pk for r in own}
    by_role: dict[str, list[Registration]] = {"investor": [], "project_owner": []}
    for r in approved:
        if r.pk not in own_ids:
            by_role.setdefault(r.role, []).append(r)
    availability = []
    for r in approved:
        zone = zoneinfo.ZoneInfo(r.time_zone)
        for slot in slots:
            local = slot.starts_at.astimezone(zone)
            if 7 <= local.hour < 22 and rng.random() < 0.85:
                availability.append(Availability(registration=r, slot=slot))
    Availability.objects.bulk_create(availability, batch_size=500)
    requests, seen = [], set()
    for investor in by_role["investor"]:
        for owner in rng.sample(by_role["project_owner"], k=min(5, len(by_role["project_owner"]))):
            if (investor.pk, owner.pk) in seen:
                continue
            seen.add((investor.pk, owner.pk))
            status = rng.choice(["accepted"] * 6 + ["requested", "declined"])
            requests.append(
                MeetingRequest(
                    event=event,
                    requester=investor,
                    recipient=owner,
                    status=status,
                    must_meet=rng.random() < 0.2,
                    message="We would like to learn about your project.",
                )
            )
    MeetingRequest.objects.bulk_create(requests)
    if len(own) == 2:
        asked = meetings.request_meeting(
            me=own[1], by=own[1].user, other_id=own[0].pk, message="VR for museums?"
        )
        meetings.request_answer(request=asked, by=own[0].user, accept=True)
        for registration in own:
            participation.availability_set(
                registration=registration,
                by=registration.user,
                slot_ids=[s.pk for s in slots],
            )
    run = scheduling.scheduling_start(event=event, by=staff)
    run = scheduling.scheduling_run(run.pk, time_limit=2.0)
    return event, run.placed


def _weifang(staff: User, day: dt.date) -> Event:
    organiser = _organisation("370700", "association") or staff.organisation
    event = organising.event_create(
        by=staff,
        organiser=organiser,
        region_code="370700",
        data={
            "title_zh_hans": "潍坊文化产品展示展销会",
            "title_en": "Weifang Cultural Products Exhibition and Sale",
            "title_fr": "Salon des produits culturels de Weifang",
            "title_de": "Weifang Messe für Kulturprodukte",
            "summary_zh_hans": "协会组织会员企业展示、展销风筝、木版年画等文化产品。",
            "summary_en": "The association's members show and sell kites, woodblock prints and "
            "other cultural products.",
            "kind": Event.Kind.SALES_EXHIBITION,
            "format": Event.Format.ON_SITE,
            "time_zone": "Asia/Shanghai",
            "starts_at": _at(day, 9),
            "ends_at": _at(day + dt.timedelta(days=2), 17),
            "venue": "潍坊鲁台会展中心",
        },
    )
    organising.event_move(event=event, by=staff, target=Event.Status.OPEN)
    booths = [
        organising.booth_add(event=event, by=staff, code=f"A{n:02d}", hall="A")
        for n in range(1, 13)
    ]
    firms = list(Enterprise.objects.filter(status="published", prefecture_code="370700")[:8])
    if len(firms) < 8:
        firms += list(
            Enterprise.objects.filter(status="published").order_by("-id")[: 8 - len(firms)]
        )
    for booth, firm in zip(booths, firms, strict=False):
        exhibitor = Exhibitor.objects.create(
            event=event,
            name_zh_hans=firm.name_zh_hans,
            name_en=firm.name_en,
            enterprise=firm,
            products="风筝、木版年画、文创礼品",
            sells=True,
        )
        Booth.objects.filter(pk=booth.pk).update(exhibitor=exhibitor)
    return event


def wipe_demo() -> None:
    # Meetings first: they hold their slots and tables (a slot with meetings is protected).
    Meeting.objects.all().delete()
    Event.objects.all().delete()
    User.objects.filter(username__startswith=DEMO_PREFIX).delete()
