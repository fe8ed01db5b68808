"""Demo investment promotion: projects in every seed category, investors' interests in four
languages, leads at every stage, agreements (three at Dalian's signing ceremony), matches.

Runs after the directory's generator (order 310); the agreements signed at the demo's events
are a second step (order 330) that runs after the events' own demo step when there is one.
"""

# ruff: noqa: E501 - the demo's data tables keep one record a line
from __future__ import annotations

import datetime
from decimal import Decimal

from wenchuang.accounts.models import Organisation, User
from wenchuang.core.regions import place
from wenchuang.directory.models import Investor, Park

from . import search as project_search
from . import services
from .categories import ensure_seed_categories
from .models import (
    Agreement,
    InvestorProfile,
    Lead,
    LeadStageLog,
    Match,
    MatchFeedback,
    MatchRun,
    Project,
    ProjectCategory,
    TextEmbedding,
)

# (category, region, zh title, en title, zh pitch, amount, currency, type, stage)
PROJECTS = [
    ("industrial-heritage", "210202", "大连老工业建筑改造文创街区", "Dalian old factory creative quarter",
     "将大连老机车厂房改造为文化创意街区，引入设计工作室、展览空间和文化餐饮。", "80000000", "CNY",
     "joint_venture", "planning"),
    ("industrial-heritage", "320211", "无锡纺织厂旧址更新", "Wuxi textile mill renewal",
     "保留百年纺织厂建筑肌理，改造为工业遗产博物馆和创意办公空间。", "45000000", "CNY", "lease", "idea"),
    ("cultural-creativity", "320211", "原创动漫形象孵化平台", "Original animation character incubator",
     "孵化原创动漫形象并开发授权衍生品，已有三个形象进入商业授权。", "20000000", "CNY", "equity",
     "operating"),
    ("cultural-creativity", "210202", "非遗文创设计工坊", "Intangible heritage design workshop",
     "与非遗传承人合作开发现代文创产品，线上线下同步销售。", "6000000", "CNY", "equity", "operating"),
    ("cultural-tourism", "210202", "海滨文化旅游度假区", "Seaside cultural tourism resort",
     "建设以海洋文化为主题的旅游度假区，包括演艺剧场、民宿和滨海步道。", "300000000", "CNY",
     "joint_venture", "planning"),
    ("cultural-tourism", "320211", "太湖古镇夜游项目", "Taihu old town night tour",
     "打造古镇沉浸式夜游演艺，灯光秀与实景演出结合。", "35000000", "CNY", "equity", "construction"),
    ("film-tv-performing-arts", "320211", "无锡影视拍摄基地二期", "Wuxi film studios phase two",
     "扩建影视拍摄棚和后期制作中心，承接国内外剧组。", "150000000", "CNY", "joint_venture",
     "expansion"),
    ("film-tv-performing-arts", "210202", "沉浸式剧场演艺中心", "Immersive theatre centre",
     "建设沉浸式戏剧剧场，引进国际剧目并原创本土作品。", "5000000", "EUR", "equity", "planning"),
    ("vr-applications", "320211", "博物馆虚拟现实体验", "Virtual reality for museums",
     "为博物馆开发虚拟现实沉浸式体验，让游客在数字空间里参观文物和古建筑。", "18000000", "CNY",
     "equity", "operating"),
    ("vr-applications", "210202", "VR文旅主题乐园", "VR cultural theme park",
     "以本地历史故事为主题的虚拟现实体验乐园。", "60000000", "CNY", "equity", "planning"),
    ("culture-and-blogs", "320211", "文化博主孵化基地", "Culture blogger incubator",
     "培养文化类短视频和博客创作者，提供拍摄场地、流量扶持和商业对接。", "8000000", "CNY", "equity",
     "operating"),
    ("culture-and-blogs", "210202", "城市文化内容平台", "City culture content platform",
     "聚合城市文化活动、展览和博客内容的线上平台。", "3000000", "USD", "equity", "idea"),
    ("culture-science-education", "320211", "少儿科普研学营地", "Children's science study camp",
     "结合科技馆和文化遗址的少儿研学营地。", "25000000", "CNY", "loan", "construction"),
    ("culture-science-education", "210202", "海洋科普教育馆", "Ocean science education hall",
     "面向青少年的海洋科普与文化教育场馆。", "40000000", "CNY", "joint_venture", "planning"),
    ("agriculture-integration", "320211", "生态茶园农旅融合", "Tea garden agritourism",
     "在山区茶园发展农业体验旅游，建设采摘园和民宿，带动农民增收。", "12000000", "CNY", "lease",
     "operating"),
    ("agriculture-integration", "210202", "乡村非遗文化农场", "Rural heritage farm",
     "把有机农场改造成乡村文化旅游目的地，体验农耕文化和民俗手艺。", "9000000", "CNY", "equity",
     "planning"),
]  # fmt: skip
# Statuses in the order of PROJECTS: mostly public, and one of each other status.
STATUSES = ["published", "draft", "in_talks", "published", "published", "submitted", "signed",
            "published", "in_talks", "published", "landed", "withdrawn", "published", "published",
            "published", "in_talks"]  # fmt: skip
# (language, statement, categories, regions, ticket range, currency)
INTERESTS = [
    ("zh-hans", "我们关注文化旅游和海滨度假项目，重点投资辽宁和江苏的文旅融合项目。",
     ["cultural-tourism", "agriculture-integration"], ["210000", "320000"], ("10000000", "400000000"),
     "CNY"),
    ("en", "We invest in virtual reality experiences for museums and digital cultural heritage.",
     ["vr-applications", "cultural-creativity"], [], ("2000000", "30000000"), "USD"),
    ("de", "Wir investieren in Filmstudios, Theater und darstellende Künste in China.",
     ["film-tv-performing-arts"], [], ("1000000", "20000000"), "EUR"),
    ("fr", "Nous finançons la reconversion de bâtiments industriels en lieux culturels.",
     ["industrial-heritage"], ["210200"], ("5000000", "50000000"), "EUR"),
    ("en", "Education technology and science centres for children and families.",
     ["culture-science-education"], [], ("1000000", "10000000"), "USD"),
    ("de", "Landwirtschaft und ländlicher Tourismus: Bauernhöfe, Teegärten und Dorfkultur.",
     ["agriculture-integration"], [], ("500000", "5000000"), "EUR"),
]  # fmt: skip
LEAD_PATHS = [
    [], ["contacted"], ["contacted", "negotiating"], ["contacted", "negotiating", "signed"],
    ["contacted", "negotiating", "signed", "landed"], ["contacted", "lost"],
]  # fmt: skip


def _owners(generator) -> list[Organisation]:
    orgs = generator.organisations
    found = [orgs.get("wuxi_studios")]
    rep = User.objects.filter(username="rep_lingdong").select_related("organisation").first()
    found.append(rep.organisation if rep else None)
    found += list(Organisation.objects.filter(kind="enterprise").order_by("id")[:2])
    return [o for o in found if o is not None]


def create_demo(generator) -> dict[str, int]:
    ensure_seed_categories()
    categories = {c.code: c for c in ProjectCategory.objects.all()}
    owners = _owners(generator)
    parks = {p.region_id[:4]: p for p in Park.objects.filter(status="published").order_by("id")}
    today = generator.today
    projects = []
    for n, row in enumerate(PROJECTS):
        code, region, zh, en, pitch, amount, currency, kind, stage = row
        project = Project(
            owner=owners[n % len(owners)],
            title_zh_hans=zh,
            title_en=en,
            pitch_zh_hans=pitch,
            category=categories[code],
            industry_class_id=None,
            amount=Decimal(amount),
            currency_id=currency,
            investment_type=kind,
            stage=stage,
            status=STATUSES[n],
            park=parks.get(region[:4]),
        )
        place(project, generator.regions[region])
        project.search_text = project_search.document(project)
        projects.append(project)
    Project.objects.bulk_create(projects)
    search_generation_bump()
    profiles = _profiles()
    staff = User.objects.filter(username="staff_national").first()
    leads = _leads(projects, profiles, staff, today) if staff else []
    agreements = _agreements(leads, staff)
    from .matching.run import run_matching

    run_matching(MatchRun.objects.create(requested_by=staff).pk)
    return {
        "investment projects": len(projects),
        "investor profiles": len(profiles),
        "leads": len(leads),
        "agreements": len(agreements),
    }


def search_generation_bump() -> None:
    from wenchuang.core import generations

    generations.bump(Project)


def _profiles() -> list[InvestorProfile]:
    investors = list(Investor.objects.filter(status="published").order_by("id")[: len(INTERESTS)])
    demo_investor = Investor.objects.exclude(organisation=None).filter(status="published").first()
    if demo_investor and demo_investor not in investors and investors:
        investors[0] = demo_investor
    profiles = []
    for investor, (language, text, cats, regions, (low, high), currency) in zip(
        investors, INTERESTS, strict=False
    ):
        profile = InvestorProfile.objects.create(
            investor=investor,
            interest_statement=text,
            languages=[language],
            ticket_min=Decimal(low),
            ticket_max=Decimal(high),
            currency_id=currency,
        )
        profile.categories.set(ProjectCategory.objects.filter(code__in=cats))
        profile.regions.set(regions)
        profiles.append(profile)
    return profiles


def _leads(projects, profiles, staff, today) -> list[Lead]:
    public = [p for p in projects if p.status in Project.PUBLIC]
    leads = []
    for n, path in enumerate(LEAD_PATHS * 2):
        if not profiles or not public:
            break
        project, profile = public[n % len(public)], profiles[n % len(profiles)]
        start = today - datetime.timedelta(days=200 - 12 * n)
        lead = services.lead_create(
            project=project,
            investor=profile.investor,
            by=staff,
            expected_signing_on=today + datetime.timedelta(days=30 + n),
            expected_value=project.amount,
            currency=project.currency_id,
            on=start,
        )
        for step, stage in enumerate(path, start=1):
            services.lead_move(
                lead=lead, target=stage, by=staff, on=start + datetime.timedelta(days=21 * step)
            )
        leads.append(lead)
    return leads


def _agreements(leads, staff) -> list[Agreement]:
    rows = []
    for lead in leads:
        lead.refresh_from_db()
        if lead.stage not in ("signed", "landed"):
            continue
        signed = lead.log.filter(stage="signed").values_list("entered_on", flat=True).first()
        rows.append(
            Agreement.objects.create(
                title=f"{lead.project.title_zh_hans} 战略合作协议",
                project=lead.project,
                lead=lead,
                parties=[str(lead.project.owner), str(lead.investor)],
                value=lead.expected_value,
                currency_id=lead.currency_id,
                signed_on=signed,
                region_id=lead.region_id,
                province_code=lead.province_code,
                prefecture_code=lead.prefecture_code,
                created_by=staff,
            )
        )
    return rows


def sign_at_events(generator) -> dict[str, int]:
    """Dalian's signing ceremony: three strategic cooperation agreements at the demo's past
    on-site event, and one at the cloud conference (when the events' demo made them)."""
    from wenchuang.events.models import Event

    events = list(Event.objects.order_by("starts_at")[:2])
    if not events:
        return {}
    staff = User.objects.filter(username="staff_national").first()
    projects = list(Project.objects.filter(status__in=Project.PUBLIC).order_by("id")[:4])
    investors = list(Investor.objects.filter(status="published").order_by("-id")[:4])
    made = 0
    for n, (project, investor) in enumerate(zip(projects, investors, strict=False)):
        event = events[0] if n < 3 else events[-1]
        services.agreement_record(
            project=project,
            by=staff,
            title=f"战略合作协议（{project.title_zh_hans}）",
            parties=[str(project.owner), str(investor)],
            signed_on=event.starts_at.date(),
            value=project.amount,
            currency=project.currency_id,
            event=event,
        )
        made += 1
    return {"agreements signed at events": made}


def wipe_demo() -> None:
    Agreement.objects.all().delete()
    LeadStageLog.objects.all().delete()
    Lead.objects.all().delete()
    Match.objects.all().delete()
    MatchRun.objects.all().delete()
    MatchFeedback.objects.all().delete()
    InvestorProfile.objects.all().delete()
    Project.objects.all().delete()
    TextEmbedding.objects.all().delete()
