"""The stages of an award and of a report on the use of funds, as tables (core.transitions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import register_verb

from . import permissions
from .models import Award, UseReport

SIGN = register_verb("sign_agreement", _("agreement signed"))
PAY = register_verb("pay_tranche", _("tranche paid"))
PAID_OUT = register_verb("paid_out", _("every tranche paid"))
CLOSE = register_verb("close", _("closed"))
STOP = register_verb("stop_funding", _("funding stopped"))
CLAIM = register_verb("claim_repayment", _("repayment requested"))
REPAID = register_verb("repaid", _("repayment received"))
SET_TRANCHES = register_verb("set_tranches", _("payment tranches set"))
REMIND_REPORT = register_verb("remind_report", _("report reminder sent"))


def _manage(user, award):
    return permissions.can_manage_award(user, award)


def _recipient(user, award):
    return permissions.can_act_for_recipient(user, award)


S = Award.Status
AWARD = Workflow(
    states=Award.Status,
    moves=[
        Move(
            S.AGREEMENT,
            S.PAYMENTS,
            SIGN,
            _("record the signed agreement"),
            may=permissions.can_sign,
        ),
        # When the last tranche is paid (tranche_pay makes this move).
        Move(S.PAYMENTS, S.REPORTING, PAID_OUT, _("every tranche paid"), may=_manage),
        # When the recipient sends the final report (report_submit makes this move).
        Move(S.REPORTING, S.FINAL_REPORT, "submit", _("send the final report"), may=_recipient),
        Move(S.FINAL_REPORT, S.CLOSED, CLOSE, _("close"), may=_manage),
        Move(S.REPAYMENT, S.CLOSED, REPAID, _("record the repayment"), may=_manage),
        *[
            Move(source, S.STOPPED, STOP, _("stop the funding"), may=_manage)
            for source in (S.AGREEMENT, S.PAYMENTS, S.REPORTING, S.FINAL_REPORT)
        ],
        *[
            Move(source, S.REPAYMENT, CLAIM, _("ask for the money back"), may=_manage)
            for source in (S.PAYMENTS, S.REPORTING, S.FINAL_REPORT)
        ],
    ],
)

R = UseReport.Status
REPORT = Workflow(
    states=UseReport.Status,
    moves=[
        Move(R.DUE, R.SUBMITTED, "submit", _("submit"), may=permissions.can_submit_report),
        Move(
            R.REJECTED, R.SUBMITTED, "submit", _("submit again"), may=permissions.can_submit_report
        ),
        Move(R.SUBMITTED, R.ACCEPTED, "approve", _("accept"), may=permissions.can_decide_report),
        Move(R.SUBMITTED, R.REJECTED, "reject", _("reject"), may=permissions.can_decide_report),
    ],
)
