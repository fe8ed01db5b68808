"""Awards, their tranches and payments: sums, milestones, the stages of an award."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.core.models import AuditEvent
from wenchuang.funding import services
from wenchuang.funding.models import Award, UseReport

from .factories import PLAN, make_award

pytestmark = pytest.mark.django_db


def test_tranches_that_do_not_add_up_to_the_award_are_refused_naming_the_field(cast, orgs):
    plan = [dict(t) for t in PLAN]
    plan[2]["amount"] = Decimal("170000.00")
    with pytest.raises(ValidationError) as refused:
        make_award(cast["wuxi_staff"], orgs["acme"], tranches=plan)
    assert "tranches" in refused.value.message_dict
    message = refused.value.message_dict["tranches"][0]
    assert "CN¥590,000.00" in message and "CN¥600,000.00" in message
    assert not Award.objects.exists()


def test_setting_tranches_creates_a_report_per_milestone_and_a_final_report(cast, orgs):
    award = make_award(cast["wuxi_staff"], orgs["acme"])
    kinds = list(award.reports.order_by("due_on").values_list("kind", "due_on"))
    assert kinds == [
        ("progress", datetime.date(2026, 9, 30)),
        ("progress", datetime.date(2027, 3, 31)),
        ("final", datetime.date(2027, 6, 30)),
    ]
    # Placed where the recipient is, so Binhu's and Wuxi's staff see it.
    assert (award.region_id, award.prefecture_code) == ("320211", "320200")


def test_the_plan_is_fixed_once_the_agreement_is_signed(cast, orgs):
    award = make_award(cast["wuxi_staff"], orgs["acme"], signed=True)
    assert award.status == "payments" and award.agreement_signed_on == datetime.date(2026, 2, 20)
    with pytest.raises(ValidationError) as refused:
        services.tranches_set(award=award, by=cast["wuxi_staff"], tranches=PLAN)
    assert "tranches" in refused.value.message_dict


def test_a_tranche_is_paid_only_after_its_milestones_report_is_accepted(cast, orgs):
    staff = cast["wuxi_staff"]
    award = make_award(staff, orgs["acme"], signed=True)
    advance, midterm, _last = award.tranches.order_by("position")
    services.tranche_pay(tranche=advance, by=staff)  # needs no report
    with pytest.raises(PermissionDenied, match="mid-term progress"):
        services.tranche_pay(tranche=midterm, by=staff)
    report = midterm.report
    services.report_submit(
        report=report, by=cast["rep"], summary="两集样片完成", amount_spent=Decimal("250000")
    )
    with pytest.raises(PermissionDenied):
        services.tranche_pay(tranche=midterm, by=staff)  # submitted, not yet accepted
    services.report_accept(report=report, by=staff)
    services.tranche_pay(tranche=midterm, by=staff)
    midterm.refresh_from_db()
    assert midterm.paid_on is not None


def test_a_tranche_is_paid_once_however_often_it_is_clicked(cast, orgs):
    staff = cast["wuxi_staff"]
    award = make_award(staff, orgs["acme"], signed=True)
    advance = award.tranches.get(position=1)
    services.tranche_pay(tranche=advance, by=staff)
    with pytest.raises(PermissionDenied, match="already been paid"):
        services.tranche_pay(tranche=advance, by=staff)
    assert AuditEvent.objects.filter(record_id=str(award.pk), action="pay_tranche").count() == 1


def _walk_to_final_report(cast, orgs):
    staff, rep = cast["wuxi_staff"], cast["rep"]
    award = make_award(staff, orgs["acme"], signed=True)
    for tranche in award.tranches.order_by("position"):
        if tranche.needs_report:
            services.report_submit(
                report=tranche.report, by=rep, summary="进展顺利", amount_spent=Decimal("1")
            )
            services.report_accept(report=tranche.report, by=staff)
        services.tranche_pay(tranche=tranche, by=staff)
    award.refresh_from_db()
    return award


def test_the_last_payment_moves_the_award_to_its_reports_and_the_final_report_closes_it(cast, orgs):
    award = _walk_to_final_report(cast, orgs)
    assert award.status == "reporting"
    final = award.reports.get(kind="final")
    services.report_submit(
        report=final, by=cast["rep"], summary="项目完成", amount_spent=Decimal("600000")
    )
    award.refresh_from_db()
    assert award.status == "final_report"
    services.report_accept(report=final, by=cast["wuxi_staff"])
    award.refresh_from_db()
    assert award.status == "closed"


@pytest.mark.parametrize(
    ("consequence", "status"), [("repayment", "repayment"), ("stop", "stopped")]
)
def test_a_rejected_final_report_flags_repayment_or_stops_the_funding(
    cast, orgs, consequence, status
):
    award = _walk_to_final_report(cast, orgs)
    final = award.reports.get(kind="final")
    services.report_submit(
        report=final, by=cast["rep"], summary="项目完成", amount_spent=Decimal("600000")
    )
    services.report_reject(
        report=final, by=cast["wuxi_staff"], note="发票不全", consequence=consequence
    )
    award.refresh_from_db()
    assert award.status == status
    final.refresh_from_db()
    assert final.status == "rejected"


def test_a_rejected_final_report_cannot_simply_go_back_for_correction(cast, orgs):
    award = _walk_to_final_report(cast, orgs)
    final = award.reports.get(kind="final")
    services.report_submit(report=final, by=cast["rep"], summary="完成", amount_spent=1)
    with pytest.raises(ValidationError) as refused:
        services.report_reject(
            report=final, by=cast["wuxi_staff"], note="No", consequence="resubmit"
        )
    assert "consequence" in refused.value.message_dict


def test_a_rejected_progress_report_goes_back_to_the_recipient_who_sends_it_again(cast, orgs):
    staff, rep = cast["wuxi_staff"], cast["rep"]
    award = make_award(staff, orgs["acme"], signed=True)
    report = award.reports.filter(kind="progress").first()
    services.report_submit(report=report, by=rep, summary="进展", amount_spent=100)
    services.report_reject(report=report, by=staff, note="请补充发票")
    award.refresh_from_db()
    assert award.status == "payments"
    services.report_submit(report=report, by=rep, summary="进展，附发票", amount_spent=100)
    assert UseReport.objects.get(pk=report.pk).status == "submitted"


def test_a_report_without_a_summary_names_the_field(cast, orgs):
    award = make_award(cast["wuxi_staff"], orgs["acme"], signed=True)
    report = award.reports.filter(kind="progress").first()
    with pytest.raises(ValidationError) as refused:
        services.report_submit(report=report, by=cast["rep"], summary="  ", amount_spent=None)
    assert set(refused.value.message_dict) == {"summary", "amount_spent"}


def test_a_decision_from_a_stale_page_is_refused(cast, orgs):
    staff, rep = cast["wuxi_staff"], cast["rep"]
    award = make_award(staff, orgs["acme"], signed=True)
    report = award.reports.filter(kind="progress").first()
    services.report_submit(report=report, by=rep, summary="进展", amount_spent=100)
    seen = UseReport.objects.get(pk=report.pk)
    from wenchuang.core.transitions import version_of

    old_version = version_of(seen)
    services.report_reject(report=seen, by=staff, note="补充")
    services.report_submit(report=report, by=rep, summary="补充后", amount_spent=100)
    with pytest.raises(ValidationError, match="changed meanwhile"):
        services.report_accept(report=seen, by=staff, version=old_version)
