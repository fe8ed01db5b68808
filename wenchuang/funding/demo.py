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


def awards_for_approved_applications(staff) -> int:
    """Awards for the demo fund call's approved applications, as the decision would make them.

    The engine's demo puts applications at `approved` directly; the award and its plan follow
    here. The first awaits its agreement; the others are signed (their applications follow
    on to `payments`) and their advance paid.
    """
    from wenchuang.workflows.models import Application

    today = timezone.localdate()
    approved = Application.objects.filter(
        call__programme__kind="fund", stage="approved", award__isnull=True
    ).select_related("applicant", "region", "call")
    made = 0
    for n, application in enumerate(approved.order_by("id")):
        amount = application.amount_requested or Money("500000", "CNY")
        award = services.award_create(
            by=staff,
            recipient=application.applicant,
            project=application.title or str(application),
            amount=amount,
            final_report_due_on=today + datetime.timedelta(days=365),
            tranches=_plan(amount.amount, today + datetime.timedelta(days=200)),
            region=application.region,
            application=application,
        )
        if n:  # the first stays approved, its agreement to be signed
            services.agreement_sign(award=award, by=staff, signed_on=today)
            services.tranche_pay(tranche=award.tranches.get(position=1), by=staff)
        made += 1
    return made


def create(gen) -> dict[str, int]:
    """The demo step (core.demo): awards at each stage, and those of approved applications."""
    staff = _staff()
    if staff is None:
        return {}
    return {
        "awards": generate_awards() + awards_for_approved_applications(staff),
    }


def wipe() -> None:
    """Delete the demo's awards (before the engine's applications and the organisations go)."""
    from django.db.models import Q

    Award.objects.filter(
        Q(created_by__email__endswith=f"@demo{DEMO_DOMAIN}")
        | Q(application__call__programme__code__startswith="demo-")
    ).delete()
