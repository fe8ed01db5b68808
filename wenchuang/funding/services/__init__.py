"""Writes on awards and on the reports on the use of funds (one module per topic)."""

from .awards import (
    AWARD_ACTIONS,
    agreement_sign,
    award_create,
    award_link,
    award_move,
    locked,
    recipients_of,
    tranche_pay,
    tranches_set,
)
from .reports import (
    ATTACHMENT_MAX_BYTES,
    Consequence,
    report_accept,
    report_attach,
    report_reject,
    report_submit,
)

__all__ = [
    "ATTACHMENT_MAX_BYTES",
    "AWARD_ACTIONS",
    "Consequence",
    "agreement_sign",
    "award_create",
    "award_link",
    "award_move",
    "locked",
    "recipients_of",
    "report_accept",
    "report_attach",
    "report_reject",
    "report_submit",
    "tranche_pay",
    "tranches_set",
]
