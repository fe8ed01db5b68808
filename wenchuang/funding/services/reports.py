"""Writes on reports on the use of funds: submitted with attachments, accepted, rejected."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core.files import DOCUMENT_TYPES, file_store
from wenchuang.core.models import StoredFile
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.transitions import transition

from .. import permissions
from ..applications import follow_award
from ..models import Award, UseReport
from ..workflows import AWARD, REPORT
from .awards import award_link, locked, recipients_of

# Attachments of a report: documents, spreadsheets and scans, up to 20 MB each.
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


class Consequence:
    """What follows a rejected report."""

    RESUBMIT = "resubmit"  # a progress report goes back to the recipient
    REPAYMENT = "repayment"  # the recipient is asked to pay the money back
    STOP = "stop"  # no further payments

    ALL = (RESUBMIT, REPAYMENT, STOP)


@transaction.atomic
def report_submit(
    *,
    report: UseReport,
    by: Any,
    summary: str,
    amount_spent: Any,
    uploads: Iterable[Any] = (),
    version: str | None = None,
) -> UseReport:
    """The recipient sends a report on the use of funds, with its attachments (checked by
    content and size); a final report starts the final review."""
    require(permissions.can_act_for_recipient(by, report.award))
    report = locked(UseReport, report, version)
    report.summary = (summary or "").strip()
    report.amount_spent = amount_spent
    errors = {}
    if not report.summary:
        errors["summary"] = _("Say what the funds were used for.")
    if amount_spent in (None, ""):
        errors["amount_spent"] = _("Give the amount spent so far.")
    if errors:
        raise ValidationError(errors)
    report.full_clean(exclude=["award", "tranche", "region", "submitted_by"])
    for upload in uploads:
        try:
            report_attach(report=report, by=by, upload=upload)
        except ValidationError as error:
            name = getattr(upload, "name", "")
            raise ValidationError(
                {"attachments": f"{name}: {' '.join(error.messages)}" if name else error.messages}
            ) from None
    transition(
        report,
        REPORT,
        UseReport.Status.SUBMITTED,
        by=by,
        updates={
            "summary": report.summary,
            "amount_spent": report.amount_spent,
            "submitted_at": timezone.now(),
            "submitted_by": by,
            "decision_note": "",
        },
    )
    if report.kind == UseReport.Kind.FINAL:
        award = Award.objects.select_for_update().get(pk=report.award_id)
        transition(award, AWARD, Award.Status.FINAL_REPORT, by=by, expected=Award.Status.REPORTING)
        follow_award(award)
    return report


@transaction.atomic
def report_attach(*, report: UseReport, by: Any, upload: Any) -> StoredFile:
    """Attach a file (checked by content and size) to a report not yet sent."""
    return file_store(
        upload=upload,
        owner=report,
        by=by,
        accept=DOCUMENT_TYPES,
        max_bytes=ATTACHMENT_MAX_BYTES,
    )


@transaction.atomic
def report_accept(
    *, report: UseReport, by: Any, note: str = "", version: str | None = None
) -> UseReport:
    """Accept a report: its tranche may be paid; an accepted final report closes the award."""
    require(permissions.can_manage_award(by, report.award))
    report = locked(UseReport, report, version)
    transition(
        report,
        REPORT,
        UseReport.Status.ACCEPTED,
        by=by,
        expected=UseReport.Status.SUBMITTED,
        updates={"decided_at": timezone.now(), "decision_note": note[:500]},
        note=note,
    )
    if report.kind == UseReport.Kind.FINAL:
        award = Award.objects.select_for_update().get(pk=report.award_id)
        transition(award, AWARD, Award.Status.CLOSED, by=by, expected=Award.Status.FINAL_REPORT)
        follow_award(award)
    _tell_decision(report)
    return report


@transaction.atomic
def report_reject(
    *,
    report: UseReport,
    by: Any,
    note: str,
    consequence: str = Consequence.RESUBMIT,
    version: str | None = None,
) -> UseReport:
    """Reject a report with a reason: it goes back to the recipient, or (always for a final
    report) the funding stops or the money is asked back."""
    require(permissions.can_manage_award(by, report.award))
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the report is rejected.")})
    if consequence not in Consequence.ALL:
        raise ValidationError({"consequence": _("Choose what follows the rejection.")})
    report = locked(UseReport, report, version)
    if report.kind == UseReport.Kind.FINAL and consequence == Consequence.RESUBMIT:
        raise ValidationError(
            {"consequence": _("A rejected final report stops the funding or asks for repayment.")}
        )
    transition(
        report,
        REPORT,
        UseReport.Status.REJECTED,
        by=by,
        expected=UseReport.Status.SUBMITTED,
        updates={"decided_at": timezone.now(), "decision_note": note.strip()[:500]},
        note=note,
    )
    if consequence != Consequence.RESUBMIT:
        award = Award.objects.select_for_update().get(pk=report.award_id)
        target = (
            Award.Status.REPAYMENT if consequence == Consequence.REPAYMENT else Award.Status.STOPPED
        )
        transition(award, AWARD, target, by=by, note=note)
    _tell_decision(report, consequence)
    return report


def _tell_decision(report: UseReport, consequence: str = "") -> None:
    notify(
        "funding_report_decided",
        recipients_of(report.award),
        {"report": report, "award": report.award, "consequence": consequence},
        link=award_link(report.award),
    )
