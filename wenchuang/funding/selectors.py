"""Reads on awards and reports: who sees which, what is overdue, what has been paid."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, Exists, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404
from django.utils import timezone

from wenchuang.core.permissions import require
from wenchuang.core.regions import jurisdiction_scope

from . import permissions
from .models import Award, Tranche, UseReport

# Awards whose reports are still expected (not closed, stopped or being repaid).
RUNNING = (Award.Status.AGREEMENT, Award.Status.PAYMENTS, Award.Status.REPORTING)
OPEN_REPORT = (UseReport.Status.DUE, UseReport.Status.REJECTED)
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=16, decimal_places=2))


def overdue_reports(today: datetime.date | None = None) -> QuerySet[UseReport]:
    """Reports past their due date that the recipient has not sent (or must send again)."""
    today = today or timezone.localdate()
    return UseReport.objects.filter(
        status__in=OPEN_REPORT, due_on__lt=today, award__status__in=RUNNING
    )


def visible_awards(user: Any) -> QuerySet[Award]:
    """Awards placed in the user's jurisdiction (staff), and those of their organisations."""
    mine = Award.objects.filter(recipient_id__in=permissions.recipient_organisations(user))
    return jurisdiction_scope(user, Award.objects.all()) | mine


def awards_for(user: Any, *, overdue: bool = False) -> QuerySet[Award]:
    """The awards a user sees: their jurisdiction's (staff), their organisations' (recipients).

    Each comes with `paid` (the sum of its paid tranches) and `overdue` (a report is late).
    """
    visible = visible_awards(user)
    late = overdue_reports().filter(award=OuterRef("pk"))
    awards = (
        visible.select_related("recipient", "currency", "region")
        .annotate(
            paid=Coalesce(Sum("tranches__amount", filter=Q(tranches__paid_on__isnull=False)), ZERO),
            overdue=Exists(late),
        )
        .order_by("-created_at", "-id")
    )
    return awards.filter(overdue=True) if overdue else awards


def get_award_for_viewer(user: Any, pk: int) -> Award:
    """The award if the user may see it: 404 when there is none, 403 with the reason."""
    award = Award.objects.select_related("recipient", "currency", "region").filter(pk=pk).first()
    if award is None:
        raise Http404("award")
    require(permissions.can_view_award(user, award))
    return award


def reports_of(award: Award) -> QuerySet[UseReport]:
    return award.reports.select_related("tranche").order_by("due_on", "kind", "id")


def tranches_of(award: Award) -> QuerySet[Tranche]:
    return award.tranches.select_related("report").order_by("position")


def reports_for(user: Any) -> QuerySet[UseReport]:
    """The reports a user sees (of the awards they see), soonest due first."""
    return (
        UseReport.objects.filter(award__in=visible_awards(user).values("pk"))
        .select_related("award", "tranche")
        .order_by("due_on", "id")
    )


def get_report_for_viewer(user: Any, pk: int) -> UseReport:
    report = UseReport.objects.select_related("award", "tranche").filter(pk=pk).first()
    if report is None:
        raise Http404("report")
    require(permissions.can_view_report(user, report))
    return report


def paid_and_awarded_by_year(user: Any) -> list[tuple[int, str, Decimal, Decimal]]:
    """(year, currency, awarded, paid) over the awards a user sees, by the year they were made."""
    awards = visible_awards(user)
    rows = (
        awards.order_by()
        .annotate(year=ExtractYear("created_at"))
        .values("year", "currency_id")
        .annotate(awarded=Sum("amount"))
        .order_by("year", "currency_id")
    )
    paid_rows = (
        Tranche.objects.filter(award__in=awards.values("pk"), paid_on__isnull=False)
        .annotate(year=ExtractYear("award__created_at"))
        .values("year", "award__currency_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    paid_map = {(r["year"], r["award__currency_id"]): r["total"] for r in paid_rows}
    return [
        (
            row["year"],
            row["currency_id"],
            row["awarded"],
            paid_map.get((row["year"], row["currency_id"]), Decimal(0)),
        )
        for row in rows
    ]


def unfinished_reports(organisation_id: int) -> QuerySet[UseReport]:
    """An organisation's reports that block a new application: overdue, or owed with a repayment."""
    today = timezone.localdate()
    return (
        UseReport.objects.filter(award__recipient_id=organisation_id)
        .filter(
            Q(status__in=OPEN_REPORT, due_on__lt=today, award__status__in=RUNNING)
            | Q(status=UseReport.Status.REJECTED, award__status=Award.Status.REPAYMENT)
        )
        .select_related("award")
        .order_by("due_on", "id")
    )


def awaiting_decision(user: Any, call: Any) -> QuerySet:
    """The call's applications awaiting a decision, in the user's jurisdiction, oldest first."""
    from wenchuang.workflows.models import Application

    return jurisdiction_scope(
        user,
        Application.objects.filter(call=call, stage="decision").select_related("applicant", "call"),
    ).order_by("submitted_at", "id")


def fund_calls_to_decide(user: Any) -> list[tuple[Any, int]]:
    """Fund calls with applications awaiting a decision in the user's jurisdiction."""
    from django.db.models import Count

    from wenchuang.workflows.models import Application, Call

    waiting = (
        jurisdiction_scope(
            user, Application.objects.filter(stage="decision", call__programme__kind="fund")
        )
        .order_by()
        .values("call")
        .annotate(n=Count("id"))
    )
    counts = {row["call"]: row["n"] for row in waiting}
    calls = Call.objects.filter(pk__in=counts).order_by("-opens_at")
    return [(call, counts[call.pk]) for call in calls]
