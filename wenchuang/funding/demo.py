"""Demo awards of a special fund at each stage, for `demo-data` and the site crawl."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wenchuang.accounts.models import User
from wenchuang.core.money import Money
from wenchuang.directory.demo.compose import DEMO_DOMAIN

from . import services
from .models import Award

PROJECTS = [
    # (project, amount in yuan, stage reached)
    ("原创动画《太湖精灵》第二季制作", "800000", "overdue"),
    ("非遗紫砂数字博物馆建设", "500000", "agreement"),
    ("影视基地虚拟拍摄棚升级", "1200000", "report_submitted"),
    ("园区公共技术服务平台", "600000", "final_report"),
]


def _plan(amount: Decimal, today: datetime.date) -> list[dict]:
    """An advance of 40 % on signing, then 30 % after each of two progress reports."""
    advance = (amount * Decimal("0.4")).quantize(Decimal("0.01"))
    rest = amount - advance
    second = (rest / 2).quantize(Decimal("0.01"))
    return [
        {
            "milestone": "协议签订 / agreement signed",
            "amount": advance,
            "due_on": today - datetime.timedelta(days=200),
            "needs_report": False,
        },
        {
            "milestone": "中期进展 / mid-term progress",
            "amount": second,
            "due_on": today - datetime.timedelta(days=10),
        },
        {
            "milestone": "项目完成 / project completed",
            "amount": rest - second,
            "due_on": today + datetime.timedelta(days=60),
        },
    ]


def _staff() -> User | None:
    return User.objects.filter(username="staff_national").first()


def _recipients() -> list:
    names = ["rep_lingdong", "manager_wuxi_studios"]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    return [users[n] for n in names if n in users and users[n].organisation_id]


@transaction.atomic
def generate_awards() -> int:
    """Four awards of the demo's staff to the demo's enterprise and park, at different stages."""
    staff, reps = _staff(), _recipients()
    if staff is None or not reps:
        return 0
    today = timezone.localdate()
    made = 0
    for n, (project, amount, stage) in enumerate(PROJECTS):
        rep = reps[n % len(reps)]
        award = services.award_create(
            by=staff,
            recipient=rep.organisation,
            project=project,
            amount=Money(amount, "CNY"),
            final_report_due_on=today + datetime.timedelta(days=120),
            tranches=_plan(Decimal(amount), today),
        )
        made += 1
        if stage == "agreement":
            continue
        services.agreement_sign(
            award=award, by=staff, signed_on=today - datetime.timedelta(days=210)
        )
        services.tranche_pay(tranche=award.tranches.get(position=1), by=staff)
        reports = list(award.reports.filter(kind="progress").order_by("due_on"))
        if stage == "overdue":
            continue
        services.report_submit(
            report=reports[0],
            by=rep,
            summary="已完成中期目标，支出明细见附件。",
            amount_spent=amount,
        )
        if stage == "report_submitted":
            continue
        for report, tranche in zip(reports, award.tranches.order_by("position")[1:], strict=True):
            report.refresh_from_db()
            if report.status == "due":
                services.report_submit(
                    report=report, by=rep, summary="项目按计划完成。", amount_spent=amount
                )
            services.report_accept(report=report, by=staff)
            services.tranche_pay(tranche=tranche, by=staff)
        final = award.reports.get(kind="final")
        services.report_submit(
            report=final,
            by=rep,
            summary="项目已全部完成，资金使用情况见审计报告。",
            amount_spent=amount,
        )
    return made


def _wuxi_enterprises(count: int) -> list:
    """Organisations of Wuxi enterprises, made for the first demo enterprises without one."""
    from wenchuang.accounts.models import Organisation
    from wenchuang.directory.models import Enterprise

    found = list(
        Organisation.objects.filter(kind="enterprise", region__code__startswith="3202").order_by(
            "id"
        )[:count]
    )
    spare = Enterprise.objects.filter(
        organisation=None, status="published", region__code__startswith="3202"
    ).order_by("id")
    for enterprise in spare[: count - len(found)]:
        organisation = Organisation.objects.create(
            kind="enterprise",
            name_zh_hans=enterprise.name_zh_hans,
            name_en=enterprise.name_en,
            region_id=enterprise.region_id,
        )
        Enterprise.objects.filter(pk=enterprise.pk).update(organisation=organisation)
        found.append(organisation)
    return found


# Applications to the 2026 round of the Wuxi fund: (title, amount requested, stage).
APPLICATIONS = [
    ("太湖传说原创动画系列", "800000", "decision"),
    ("惠山泥人数字化传承平台", "450000", "decision"),
    ("运河文化沉浸式演艺项目", "1200000", "decision"),
    ("宜兴紫砂文创设计大赛", "300000", "expert_review"),
    ("锡剧经典剧目影像化", "600000", "rejected"),
]


@transaction.atomic
def generate_fund_call() -> int:
    """The Wuxi centre's 2026 special-fund round, closed, with applications to decide.

    Skipped when a fund programme already exists (the engine's demo may make one).
    """
    from wenchuang.accounts.models import Organisation
    from wenchuang.core.regions import place
    from wenchuang.workflows.models import Application, Call, Programme

    from .kind import FUND_FORM, fund_stages

    agency = Organisation.objects.filter(name_zh_hans="无锡市文化产业促进中心").first()
    if agency is None or Programme.objects.filter(kind="fund").exists():
        return 0
    applicants = _wuxi_enterprises(len(APPLICATIONS))
    programme = Programme.objects.create(
        kind="fund",
        code="wuxi-culture-fund",
        title_zh_hans="无锡市文化产业发展专项资金",
        title_en="Wuxi Special Fund for Cultural Industry Development",
        agency=agency,
        jurisdiction_id="320200",
    )
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        title_zh_hans="2026年度文化产业发展专项资金项目申报",
        title_en="2026 call for cultural industry projects",
        title_fr="Appel à projets 2026 pour les industries culturelles",
        title_de="Ausschreibung 2026 für Kulturwirtschaftsprojekte",
        opens_at=now - datetime.timedelta(days=90),
        closes_at=now - datetime.timedelta(days=30),
        budget_amount=Decimal("3000000.00"),
        form=FUND_FORM,
        stages=fund_stages(),
        eligibility={"regions": ["320200"], "no_unfinished_report": True},
        status=Call.Status.PUBLISHED,
    )
    for organisation, (title, amount, stage) in zip(applicants, APPLICATIONS, strict=False):
        application = Application(
            call=call,
            applicant=organisation,
            title=title,
            answers={
                "summary": f"{title}：立足无锡文化资源，打造具有地方特色的文化产品。",
                "goals": "新增就业30人，年营业收入增长20%。",
                "start": "2026-06-01",
                "end": "2027-05-31",
                "total_cost": {"amount": str(Decimal(amount) * 3), "currency": "CNY"},
                "own_funds": {"amount": str(Decimal(amount) * 2), "currency": "CNY"},
                "breakdown": "设备购置 40%；内容制作 45%；宣传推广 15%。",
            },
            stage=stage,
            stage_table=call.stages,
            submitted_at=now - datetime.timedelta(days=35),
            amount_requested_amount=Decimal(amount),
            classification_id="0221",
        )
        place(application, organisation.region)
        application.save()
    return len(applicants)


def wipe_awards() -> None:
    """Delete the demo's awards (before the demo's organisations go)."""
    Award.objects.filter(created_by__email__endswith=f"@demo{DEMO_DOMAIN}").delete()
