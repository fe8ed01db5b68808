"""Deciding a fund's applications: the award, the budget, batches, the applicants told."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from wenchuang.core.money import Money
from wenchuang.funding import decisions
from wenchuang.funding.kind import fund_stages
from wenchuang.funding.models import Award
from wenchuang.workflows.models import Application
from wenchuang.workflows.tests.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(db):
    """The 2026 round with a budget of 1.5 million yuan and the fund's stages."""
    return CallFactory(budget_amount=Decimal("1500000.00"), stages=fund_stages())


def awaiting(call, organisation, amount="800000.00", title="太湖传说原创动画系列"):
    return ApplicationFactory(
        call=call,
        applicant=organisation,
        decision=True,
        amount_requested_amount=Decimal(amount),
        title=title,
    )


def test_approving_creates_the_award_and_moves_the_application_to_its_agreement(cast, orgs, call):
    application = awaiting(call, orgs["acme"])
    decided = decisions.application_decide(
        application=application, by=cast["wuxi_staff"], approve=True
    )
    award = Award.objects.get(application=application)
    assert award.money == Money("800000.00", "CNY")
    assert award.recipient == orgs["acme"] and award.status == "agreement"
    assert decided.stage == "agreement"
    assert decisions.budget_left(call) == Money("700000.00", "CNY")


def test_the_award_may_be_less_than_requested_never_more(cast, orgs, call):
    application = awaiting(call, orgs["acme"])
    decisions.application_decide(
        application=application,
        by=cast["wuxi_staff"],
        approve=True,
        amount=Money("500000", "CNY"),
    )
    assert Award.objects.get(application=application).amount == Decimal("500000.00")


def test_a_call_cannot_award_more_than_its_budget_left(cast, orgs, call):
    staff = cast["wuxi_staff"]
    decisions.application_decide(application=awaiting(call, orgs["acme"]), by=staff, approve=True)
    second = awaiting(call, orgs["rival"], title="新吴工业设计展")
    with pytest.raises(Exception, match="would exceed what is left") as refused:
        decisions.application_decide(application=second, by=staff, approve=True)
    assert "新吴工业设计展" in str(refused.value)
    assert Application.objects.get(pk=second.pk).stage == "decision"
    assert not Award.objects.filter(application=second).exists()


def test_a_batch_decides_each_and_names_the_one_that_failed(cast, orgs, call):
    staff = cast["wuxi_staff"]
    first = awaiting(call, orgs["acme"], "600000.00", "第一个项目")
    second = awaiting(call, orgs["rival"], "600000.00", "第二个项目")
    third = awaiting(call, orgs["studios_operator"], "600000.00", "第三个项目")
    outcomes = decisions.decide_batch(applications=[first, second, third], by=staff, approve=True)
    assert [o.decided for o in outcomes] == [True, True, False]
    assert outcomes[2].message.startswith("第三个项目:")
    assert "budget" in outcomes[2].message
    assert Application.objects.get(pk=third.pk).stage == "decision"


def test_a_batch_rejection_creates_no_award(cast, orgs, call):
    applications = [awaiting(call, orgs["acme"]), awaiting(call, orgs["rival"])]
    outcomes = decisions.decide_batch(
        applications=applications, by=cast["wuxi_staff"], approve=False, note="预算有限"
    )
    assert all(o.decided for o in outcomes)
    assert set(Application.objects.values_list("stage", flat=True)) == {"rejected"}
    assert not Award.objects.exists()


def test_only_centre_staff_of_the_region_decide(cast, orgs, call):
    application = awaiting(call, orgs["acme"])
    for who in ("district", "dalian_staff", "rep", "expert"):
        with pytest.raises(PermissionDenied):
            decisions.application_decide(application=application, by=cast[who], approve=True)


def test_the_applicant_hears_the_decision_in_their_language(
    cast, orgs, call, django_capture_on_commit_callbacks
):
    rep = cast["rep"]
    rep.language = "de"
    rep.save(update_fields=["language"])
    application = awaiting(call, orgs["acme"])
    with django_capture_on_commit_callbacks(execute=True):
        decisions.application_decide(application=application, by=cast["wuxi_staff"], approve=True)
    (message,) = mail.outbox
    assert message.to == [rep.email]
    assert message.subject.startswith("Antrag bewilligt")
    assert "800.000,00" in message.body


def test_the_application_follows_its_award_to_the_end(cast, orgs, call):
    from wenchuang.funding import services

    staff, rep = cast["wuxi_staff"], cast["rep"]
    application = awaiting(call, orgs["acme"], "600000.00")
    decisions.application_decide(application=application, by=staff, approve=True)
    award = Award.objects.get(application=application)
    plan = [
        {
            "milestone": "一次性拨付",
            "amount": Decimal("600000"),
            "due_on": datetime.date(2026, 6, 1),
            "needs_report": False,
        }
    ]
    services.tranches_set(award=award, by=staff, tranches=plan)
    services.agreement_sign(award=award, by=staff)
    assert Application.objects.get(pk=application.pk).stage == "payments"
    services.tranche_pay(tranche=award.tranches.get(), by=staff)
    final = award.reports.get(kind="final")
    services.report_submit(report=final, by=rep, summary="完成", amount_spent=Decimal(600000))
    services.report_accept(report=final, by=staff)
    assert Application.objects.get(pk=application.pk).stage == "closed"


def test_an_organisation_with_an_overdue_report_may_not_apply_again(cast, orgs):
    from wenchuang.funding.kind import no_unfinished_report

    from .factories import make_award

    assert no_unfinished_report(True, orgs["acme"], None) == ""
    make_award(cast["wuxi_staff"], orgs["acme"], signed=True)  # mid-term due 30 Sep 2026
    reason = no_unfinished_report(True, orgs["acme"], None)
    assert "动漫IP衍生品开发项目" in reason and "2026-09-30" in reason
    assert no_unfinished_report(True, orgs["rival"], None) == ""


def test_the_engine_refuses_a_new_draft_while_an_earlier_report_is_overdue(cast, orgs):
    from django.core.exceptions import ValidationError

    from wenchuang.workflows.services import create_draft

    from .factories import make_award

    call = CallFactory(stages=fund_stages(), eligibility={"no_unfinished_report": True})
    make_award(cast["wuxi_staff"], orgs["acme"], signed=True)  # its mid-term report is late
    with pytest.raises(ValidationError) as refused:
        create_draft(call=call, applicant=orgs["acme"], by=cast["rep"], title="第二期")
    assert "unfinished" in " ".join(refused.value.messages)
    # The rival has no award, so no report to finish.
    assert create_draft(call=call, applicant=orgs["rival"], by=cast["rival_rep"], title="新项目")
