"""Awards as the centre makes them: a project, its recipient, tranches tied to milestones."""

from __future__ import annotations

import datetime
from decimal import Decimal

from wenchuang.core.money import Money
from wenchuang.funding import services

TODAY = datetime.date(2026, 11, 30)

# A typical plan of a Beijing-style special fund: an advance on signing, the rest against
# the mid-term and completion reports.
PLAN = [
    {
        "milestone": "协议签订 / agreement signed",
        "amount": Decimal("240000.00"),
        "due_on": datetime.date(2026, 3, 1),
        "needs_report": False,
    },
    {
        "milestone": "中期进展 / mid-term progress",
        "amount": Decimal("180000.00"),
        "due_on": datetime.date(2026, 9, 30),
    },
    {
        "milestone": "样片完成 / pilot episodes finished",
        "amount": Decimal("180000.00"),
        "due_on": datetime.date(2027, 3, 31),
    },
]


def make_award(
    staff,
    recipient,
    *,
    project: str = "动漫IP衍生品开发项目 (animation IP merchandise)",
    amount: str = "600000.00",
    tranches=PLAN,
    final_report_due_on: datetime.date = datetime.date(2027, 6, 30),
    signed: bool = False,
):
    """An award made by `staff` to `recipient` through the services, as staff would make it."""
    award = services.award_create(
        by=staff,
        recipient=recipient,
        project=project,
        amount=Money(amount, "CNY"),
        final_report_due_on=final_report_due_on,
        tranches=tranches,
    )
    if signed:
        services.agreement_sign(award=award, by=staff, signed_on=datetime.date(2026, 2, 20))
        award.refresh_from_db()
    return award
