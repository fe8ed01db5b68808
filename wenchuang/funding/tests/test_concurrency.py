"""Two staff members at once, on two real connections (PostgreSQL; skipped on SQLite)."""

from decimal import Decimal

import pytest

from wenchuang.core.models import AuditEvent
from wenchuang.core.tests.concurrency import at_once, needs_postgres
from wenchuang.core.transitions import Conflict
from wenchuang.funding import services
from wenchuang.funding.models import Award, Tranche, UseReport

from .factories import make_award


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_an_accept_and_a_reject_of_one_report_at_once_cannot_both_win(reference_data, cast, orgs):
    staff, colleague = cast["wuxi_staff"], cast["jiangsu_staff"]
    award = make_award(staff, orgs["acme"], signed=True)
    report = award.reports.filter(kind="progress").order_by("due_on").first()
    services.report_submit(report=report, by=cast["rep"], summary="进展", amount_spent=Decimal(1))

    def accept():
        return services.report_accept(report=UseReport.objects.get(pk=report.pk), by=staff)

    def reject():
        return services.report_reject(
            report=UseReport.objects.get(pk=report.pk), by=colleague, note="发票不全"
        )

    outcomes = at_once(accept, reject)
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(winners) == 1, outcomes
    loser = next(o for o in outcomes if isinstance(o, Exception))
    assert isinstance(loser, Conflict), loser  # "changed meanwhile by …"
    report.refresh_from_db()
    assert report.status == winners[0].status
    decisions = AuditEvent.objects.filter(
        record_type="funding.usereport", record_id=str(report.pk), action__in=["approve", "reject"]
    )
    assert decisions.count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_last_two_tranches_paid_at_once_end_the_payments(reference_data, cast, orgs):
    staff, colleague = cast["wuxi_staff"], cast["jiangsu_staff"]
    plan = [
        {"milestone": "首付", "amount": "300000", "due_on": "2026-03-01", "needs_report": False},
        {"milestone": "尾款", "amount": "300000", "due_on": "2026-04-01", "needs_report": False},
    ]
    import datetime

    for row in plan:
        row["due_on"] = datetime.date.fromisoformat(row["due_on"])
    award = make_award(staff, orgs["acme"], tranches=plan, signed=True)
    first, second = award.tranches.order_by("position")

    def pay(tranche, by):
        return lambda: services.tranche_pay(tranche=Tranche.objects.get(pk=tranche.pk), by=by)

    outcomes = at_once(pay(first, staff), pay(second, colleague))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Award.objects.get(pk=award.pk).status == "reporting"


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_payment_pays_once(reference_data, cast, orgs):
    staff = cast["wuxi_staff"]
    award = make_award(staff, orgs["acme"], signed=True)
    advance = award.tranches.get(position=1)

    def pay():
        return services.tranche_pay(tranche=Tranche.objects.get(pk=advance.pk), by=staff)

    outcomes = at_once(pay, pay)
    assert sum(isinstance(o, Exception) for o in outcomes) == 1
    assert AuditEvent.objects.filter(record_id=str(award.pk), action="pay_tranche").count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_deciders_at_once_cannot_overspend_the_budget(reference_data, cast, orgs):
    from wenchuang.funding import decisions
    from wenchuang.funding.kind import fund_stages
    from wenchuang.workflows.models import Application
    from wenchuang.workflows.tests.factories import ApplicationFactory, CallFactory

    call = CallFactory(budget_amount=Decimal("1000000.00"), stages=fund_stages())
    first, second = (
        ApplicationFactory(
            call=call, applicant=orgs[key], decision=True, amount_requested_amount=Decimal("600000")
        )
        for key in ("acme", "rival")
    )

    def approve(application, by):
        return lambda: decisions.application_decide(
            application=Application.objects.get(pk=application.pk), by=by, approve=True
        )

    outcomes = at_once(approve(first, cast["wuxi_staff"]), approve(second, cast["jiangsu_staff"]))
    assert sum(isinstance(o, Exception) for o in outcomes) == 1, outcomes
    assert Award.objects.filter(application__call=call).count() == 1
    assert decisions.budget_left(call).amount == Decimal("400000.00")
