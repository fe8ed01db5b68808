"""Reads of the designation domain: the public register, assessment queues, checked fetches."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.permissions import require
from wenchuang.core.regions import jurisdiction_scope

from . import permissions
from .models import Designation, FieldAssessment


def register(
    *, status: str = "", province: str = "", prefecture: str = ""
) -> QuerySet[Designation]:
    """The public register of designated areas (every status), newest first, filtered."""
    rows = Designation.objects.select_related("park", "region")
    if status:
        rows = rows.filter(status=status)
    if province:
        rows = rows.filter(province_code=province)
    if prefecture:
        rows = rows.filter(prefecture_code=prefecture)
    return rows.order_by("-valid_from", "-id")


def count_by_status(rows: QuerySet[Designation]) -> dict[str, int]:
    counts = dict(rows.order_by().values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in Designation.Status.values}


def count_by_province(rows: QuerySet[Designation]) -> list[tuple[str, int, int]]:
    """(province code, areas in force, all areas) for each province with a designation."""
    live = Q(status__in=Designation.LIVE)
    return list(
        rows.order_by()
        .values_list("province_code")
        .annotate(live=Count("id", filter=live), total=Count("id"))
        .order_by("province_code")
    )


def get_designation(pk: int) -> Designation:
    """A designation of the register (public), or 404."""
    try:
        return Designation.objects.select_related("park", "region", "indicator_set").get(pk=pk)
    except Designation.DoesNotExist as error:
        raise Http404 from error


def assessments_of(designation: Designation) -> QuerySet[FieldAssessment]:
    """The field assessment it was based on and its yearly assessments, newest first."""
    q = Q(designation=designation)
    if designation.assessment_id:
        q |= Q(pk=designation.assessment_id)
    return (
        FieldAssessment.objects.filter(q).select_related("assessor").order_by("-created_at", "-id")
    )


def assessments_for(user: Any) -> QuerySet[FieldAssessment]:
    """An assessor's queue (their institutions' assessments) and staff's (their jurisdiction's)."""
    rows = FieldAssessment.objects.select_related("park", "assessor", "indicator_set")
    mine = rows.filter(assessor_id__in=sorted(roles.organisations(user, Role.ASSESSOR)))
    return (mine | jurisdiction_scope(user, rows)).order_by("status", "-created_at", "-id")


def get_assessment_for_view(user: Any, pk: int) -> FieldAssessment:
    """An assessment the user may see: 404 when there is none, 403 with the reason otherwise."""
    try:
        assessment = FieldAssessment.objects.select_related(
            "park", "assessor", "indicator_set", "designation"
        ).get(pk=pk)
    except FieldAssessment.DoesNotExist as error:
        raise Http404 from error
    require(permissions.can_view_assessment(user, assessment))
    return assessment


def institutions() -> QuerySet:
    """The entrusted institutions staff may order an assessment from."""
    from wenchuang.accounts.models import Organisation

    return Organisation.objects.filter(kind=Organisation.Kind.INSTITUTION).order_by("id")
