"""The engine's demo data: a special-fund call and a designation round, applications at every
stage, made from the demo generator's organisations, parks and enterprises (core.demo)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from wenchuang.accounts.models import Organisation
from wenchuang.core.regions import place

from .defaults import standard_form, standard_stages
from .models import Application, Call, Programme
from .plugins import kind_of
from .stages import StageTable

FUND_CODE = "demo-wuxi-special-fund"
DESIGNATION_CODE = "demo-national-demonstration-parks"
# The engine's own stages, in the order applications reach them; plug-ins move them further.
ENGINE_STAGES = [
    "draft",
    "submitted",
    "screening",
    "more_info",
    "field_assessment",
    "expert_review",
    "decision",
    "approved",
    "rejected",
    "withdrawn",
]
PROJECTS = [
    ("原创动画系列《太湖传说》", "The Legends of Taihu, an original animated series"),
    ("惠山泥人数字博物馆", "A digital museum of Huishan clay figurines"),
    ("运河文化沉浸式演艺项目", "An immersive Grand Canal performance"),
    ("宜兴紫砂非遗工坊", "A workshop for Yixing zisha heritage crafts"),
    ("影视后期制作云平台", "A cloud platform for film post-production"),
    ("吴文化主题网络游戏", "An online game on Wu culture"),
    ("城市更新文创街区", "A creative quarter in a renewed city block"),
    ("少儿科普出版数字化", "Digital editions of children's science books"),
    ("文化装备智能制造升级", "Smart manufacturing of cultural equipment"),
    ("乡村文旅融合示范点", "A rural culture-and-tourism showcase"),
]


def _kind_tables(key: str, field_assessment: bool) -> tuple[dict, dict]:
    kind = kind_of(key)
    if kind is not None:
        return dict(kind.default_stages), dict(kind.default_form)
    return standard_stages(field_assessment=field_assessment), standard_form()


def sample_answers(definition: dict, n: int, project: tuple[str, str]) -> dict[str, Any]:
    """Answers of the right type for every non-file field of a form (deterministic)."""
    from .formdef import TEXT_LIMITS, fields_of

    answers: dict[str, Any] = {}
    for _section, field in fields_of(definition):
        kind, key = field["type"], field["key"]
        if kind in TEXT_LIMITS:
            limit = field.get("max_length", TEXT_LIMITS[kind][0])
            text = project[0] if kind == "text" else f"{project[0]}：{project[1]}。"
            answers[key] = text[:limit]
        elif kind == "number":
            answers[key] = str(10 + n)
        elif kind == "money":
            amount = Decimal(200_000 + 50_000 * (n % 17)).quantize(Decimal("0.01"))
            answers[key] = {"amount": str(amount), "currency": field.get("currency", "CNY")}
        elif kind == "date":
            answers[key] = f"{2026 + (n % 2)}-0{1 + n % 9}-01"
        elif kind == "choice":
            answers[key] = field["choices"][n % len(field["choices"])]["value"]
        elif kind == "multi_choice":
            answers[key] = [field["choices"][0]["value"]]
        elif kind == "yes_no":
            answers[key] = n % 3 == 0
    from .formdef import visible_answers

    return visible_answers(definition, answers)


def _call(programme: Programme, today: dt.date, stages: dict, form: dict, **extra: Any) -> Call:
    start = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=45), dt.time(9)))
    end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=30), dt.time(17)))
    return Call.objects.create(
        programme=programme,
        opens_at=start,
        closes_at=end,
        stages=stages,
        form=form,
        status=Call.Status.PUBLISHED,
        **extra,
    )


def _applications(call: Call, applicants: list[tuple[Organisation, Any, str]], user: Any) -> int:
    """One application per applicant (organisation, subject record or None, class code)."""
    table = StageTable(call.stages)
    stages = [s for s in ENGINE_STAGES if s in table.keys]
    submitted = call.opens_at + dt.timedelta(days=10)
    made = 0
    for n, (organisation, subject, category) in enumerate(applicants):
        stage = stages[n % len(stages)]
        project = PROJECTS[n % len(PROJECTS)]
        application = Application(
            call=call,
            applicant=organisation,
            created_by=user if n == 0 else None,
            title=project[0] if subject is None else str(subject),
            answers=sample_answers(call.form, n, project),
            stage=stage,
            stage_table=call.stages,
            submitted_at=None if stage == "draft" else submitted + dt.timedelta(hours=n),
            amount_requested_amount=(
                Decimal(300_000 + 100_000 * (n % 12)) if call.budget_amount else None
            ),
            classification_id=category,
            info_request="请补充近两年的财务审计报告。" if stage == "more_info" else "",
        )
        if subject is not None:
            application.subject_type = ContentType.objects.get_for_model(type(subject))
            application.subject_id = str(subject.pk)
        place(application, organisation.region)
        application.save()
        made += 1
    return made


def _enterprise_applicants(gen: Any, prefecture: str, count: int) -> list[tuple]:
    """(organisation, None, the enterprise's class) for enterprises of a prefecture."""
    from wenchuang.directory.models import Enterprise

    rows = Enterprise.objects.filter(prefecture_code=prefecture).select_related("organisation")
    out: list[tuple] = []
    seen: set[int] = set()
    for enterprise in rows.order_by("id")[: count * 2]:
        if len(out) == count:
            break
        org = enterprise.organisation or gen._enterprise_org(enterprise)
        if org.pk not in seen:
            seen.add(org.pk)
            out.append((org, None, enterprise.category_id))
    return out


def _park_operators(gen: Any) -> list[tuple[Organisation, Any, str]]:
    """(operator, park, class) for every demo park; operators made where a park has none."""
    out = []
    for park in gen.parks.values():
        org = park.organisation
        if org is None:
            org = Organisation.objects.create(
                kind=Organisation.Kind.PARK_OPERATOR,
                name_zh_hans=f"{park.name_zh_hans}运营管理有限公司",
                name_en=f"{park.name_en} Operations Co., Ltd." if park.name_en else "",
                region_id=park.region_id,
            )
            type(park).objects.filter(pk=park.pk).update(organisation=org)
        out.append((org, park, "0522"))  # 文化产业园区管理
    return out


def create(gen: Any) -> dict[str, int]:
    from wenchuang.accounts.models import User

    year = gen.today.year
    rep = User.objects.filter(username="rep_lingdong").select_related("organisation").first()
    manager = User.objects.filter(username="manager_wuxi_studios").first()
    fund = Programme.objects.create(
        kind="fund",
        code=FUND_CODE,
        title_zh_hans="无锡市文化产业发展专项资金",
        title_en="Wuxi Special Fund for Cultural Industry Development",
        title_fr="Fonds spécial de Wuxi pour le développement des industries culturelles",
        title_de="Sonderfonds Wuxi für die Entwicklung der Kulturwirtschaft",
        agency=gen.organisations["wuxi"],
        jurisdiction_id="320200",
    )
    stages, form = _kind_tables("fund", False)
    fund_call = _call(
        fund,
        gen.today,
        stages,
        form,
        title_zh_hans=f"{year}年度无锡市文化产业发展专项资金项目申报",
        title_en=f"{year} call for projects: Wuxi Special Fund for Cultural Industry",
        title_fr=f"Appel à projets {year} : fonds spécial de Wuxi pour les industries culturelles",
        title_de=f"Ausschreibung {year}: Sonderfonds Wuxi für die Kulturwirtschaft",
        description_zh_hans="支持原创内容、数字文化、文化装备与文旅融合项目。",
        description_en=(
            "For original content, digital culture, cultural equipment and culture-tourism "
            "projects."
        ),
        budget_amount=Decimal("30000000.00"),
        eligibility={"regions": ["320200"]},
    )
    wanted = getattr(gen, "fund_applications", None)
    wanted = 3 * len(ENGINE_STAGES) if wanted is None else wanted
    applicants = _enterprise_applicants(gen, "320200", wanted)
    if rep is not None and rep.organisation is not None:
        # The demo representative's own application comes first: a draft they can finish.
        mine = (rep.organisation, None, "0241")
        applicants = [mine] + [a for a in applicants if a[0].pk != rep.organisation_id]
    fund_count = _applications(fund_call, applicants, rep)

    national = gen.organisations["national"]
    designation = Programme.objects.create(
        kind="designation",
        code=DESIGNATION_CODE,
        title_zh_hans="国家级文化产业示范园区认定",
        title_en="National cultural industry demonstration parks",
        title_fr="Parcs nationaux de démonstration des industries culturelles",
        title_de="Nationale Demonstrationsparks der Kulturwirtschaft",
        agency=national,
        jurisdiction_id="000000",
    )
    stages, form = _kind_tables("designation", True)
    round_ = _call(
        designation,
        gen.today,
        stages,
        form,
        title_zh_hans=f"{year}年度国家级文化产业示范园区创建资格认定",
        title_en=f"{year} designation round: national demonstration parks",
        title_fr=f"Campagne de labellisation {year} : parcs nationaux de démonstration",
        title_de=f"Anerkennungsrunde {year}: nationale Demonstrationsparks",
        budget_amount=None,
    )
    operators = _park_operators(gen)
    designation_count = _applications(round_, operators, manager)
    return {"calls": 2, "applications": fund_count + designation_count}


def wipe() -> None:
    programmes = Programme.objects.filter(code__in=[FUND_CODE, DESIGNATION_CODE])
    calls = Call.objects.filter(programme__in=programmes)
    Application.objects.filter(call__in=calls).delete()
    calls.delete()
    programmes.delete()
