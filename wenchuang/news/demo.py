"""Demo news: 50 items made through the services, as the agencies' staff would make them.

The five seed stories (Weifang's association, Dalian's conference in Shanghai, the Shenzhen
parks forum, Beijing's service platform, Wuxi's cloud conference) in the languages they came
in, some untranslated to show the fallback; policies with document numbers; a call for
proposals linked to the engine's special-fund call; event announcements; items in draft, in
review, scheduled and archived. Publication dates are spread over the past months.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from wenchuang.accounts.models import User
from wenchuang.core.generations import bump
from wenchuang.directory.demo import DEMO_DOMAIN
from wenchuang.reference.models import Region

from . import services
from .demo_stories import POLICIES, SEED_STORIES, SHORT_ITEMS
from .models import Category, NewsItem

DEMO_ITEMS = 50
CATEGORIES = [
    ("policy", "政策法规", "Policy", "Politique", "Politik"),
    ("investment", "投资促进", "Investment", "Investissement", "Investitionen"),
    ("parks", "园区动态", "Parks", "Parcs", "Parks"),
    ("associations", "协会动态", "Associations", "Associations", "Verbände"),
    ("services", "中介服务", "Services", "Services", "Dienstleistungen"),
    ("trade", "文化贸易", "Trade", "Commerce", "Handel"),
    ("funding", "专项资金", "Funding", "Financement", "Förderung"),
]


def _categories() -> dict[str, Category]:
    out = {}
    for code, zh, en, fr, de in CATEGORIES:
        out[code], _created = Category.objects.update_or_create(
            code=code,
            defaults={"name_zh_hans": zh, "name_en": en, "name_fr": fr, "name_de": de},
        )
    return out


def _publish(item: NewsItem, staff: User, when: datetime.datetime) -> None:
    services.item_move(item=item, by=staff, target="review")
    services.item_move(item=item, by=staff, target="published")
    # The archive's history: an item published earlier keeps its date.
    NewsItem.objects.filter(pk=item.pk).update(published_at=when)


@transaction.atomic
def create_demo(generator: object = None) -> dict[str, int]:
    staff = User.objects.filter(username="staff_national").first()
    if staff is None:
        return {}
    categories = _categories()
    regions = {r.code: r for r in Region.objects.filter(code__in=_region_codes())}
    now = timezone.now()
    made: list[tuple[NewsItem, str]] = []

    def make(region: str, data: dict, cats: list[str], state: str = "published") -> NewsItem:
        item = services.item_create(
            by=staff,
            region=regions[region],
            data=data,
            categories=[categories[c] for c in cats],
        )
        made.append((item, state))
        return item

    for story in SEED_STORIES:
        data = {k: v for k, v in story.items() if k not in ("region", "categories")}
        make(story["region"], data, story["categories"])
    for region, authority, number, zh, en, de in POLICIES:
        make(
            region,
            {
                "kind": "policy",
                "title_zh_hans": zh,
                "title_en": en,
                "title_de": de,
                "summary_zh_hans": f"{authority}印发{number}。",
                "body_zh_hans": f"<p>{zh}全文。</p>",
                "issuing_authority": authority,
                "document_number": number,
                "effective_on": datetime.date(2026, 1, 1),
                "expires_on": datetime.date(2030, 12, 31),
            },
            ["policy"],
        )
    _call_item(make)
    for kind, region, zh, en, fr, de in SHORT_ITEMS:
        make(region, _short(kind, zh, en, fr, de), ["parks" if kind == "news" else "investment"])
    # Weekly bulletins fill the list up to fifty, some left in draft, review, scheduled.
    number = 1
    while len(made) < DEMO_ITEMS:
        kind, region, zh, en, fr, de = SHORT_ITEMS[number % len(SHORT_ITEMS)]
        state = {1: "draft", 2: "review", 3: "scheduled", 4: "archived", 5: "draft"}.get(
            number, "published"
        )
        make(
            region,
            _short(
                "news",
                f"文化产业周报 第{number}期：{zh}",
                f"Culture industry weekly no. {number}: {en}",
                "",
                "",
            ),
            ["trade"],
            state,
        )
        number += 1
    for age, (item, state) in enumerate(reversed(made)):
        _finish(item, state, staff, now - datetime.timedelta(days=3 * age + 1))
    bump(NewsItem)
    return {"news items": NewsItem.objects.count(), "news categories": Category.objects.count()}


def _short(kind: str, zh: str, en: str, fr: str, de: str) -> dict:
    return {
        "kind": kind,
        "title_zh_hans": zh,
        "title_en": en,
        "title_fr": fr,
        "title_de": de,
        "summary_zh_hans": zh + "。",
        "summary_en": en + "." if en else "",
        "body_zh_hans": f"<p>{zh}。</p>",
        "body_en": f"<p>{en}.</p>" if en else "",
    }


def _call_item(make) -> None:
    from wenchuang.workflows.models import Call

    call = Call.objects.filter(programme__kind="fund").exclude(status="draft").first()
    make(
        "320200",
        {
            "kind": "call",
            "title_zh_hans": "2026年度无锡市文化产业专项资金项目申报通知",
            "title_en": "Wuxi culture industry special fund 2026: call for proposals",
            "summary_zh_hans": "符合条件的文化企业可在线提交申报材料。",
            "summary_en": "Eligible cultural enterprises apply online.",
            "body_zh_hans": "<p>申报请通过平台的专项资金申报页面提交。</p>",
            "body_en": "<p>Apply through the platform's special fund call page.</p>",
            "call": call,
        },
        ["funding"],
    )


def _finish(item: NewsItem, state: str, staff: User, when: datetime.datetime) -> None:
    if state == "draft":
        return
    if state == "review":
        services.item_move(item=item, by=staff, target="review")
        return
    if state == "scheduled":
        services.item_move(item=item, by=staff, target="review")
        services.item_move(
            item=item,
            by=staff,
            target="scheduled",
            publish_at=timezone.now() + datetime.timedelta(days=7),
        )
        return
    _publish(item, staff, when)
    if state == "archived":
        services.item_move(item=item, by=staff, target="archived")


def _region_codes() -> set[str]:
    codes = {story["region"] for story in SEED_STORIES}
    codes |= {p[0] for p in POLICIES} | {s[1] for s in SHORT_ITEMS} | {"320200"}
    return codes


def wipe_demo() -> None:
    """Delete the items the demo's staff wrote, and its categories once no item uses them."""
    NewsItem.objects.filter(created_by__email__endswith=DEMO_DOMAIN).delete()
    Category.objects.filter(code__in=[c[0] for c in CATEGORIES], items=None).delete()
