"""Reads of calls and applications, each narrowed to what the reader may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wenchuang.accounts import roles
from wenchuang.core.permissions import require
from wenchuang.core.regions import jurisdiction_of, jurisdiction_scope

from . import permissions
from .models import Application, Call, Programme


def public_calls() -> QuerySet[Call]:
    """Published calls: open ones first (closing soonest), then upcoming, then closed."""
    return Call.objects.filter(status=Call.Status.PUBLISHED).select_related("programme")


def calls_for_list(user: Any) -> dict[str, list[Call]]:
    """Published calls by state ("open", "upcoming", "closed"); staff also see the ones in
    preparation that they may manage."""
    now = timezone.now()
    calls = list(public_calls().order_by("closes_at", "id"))
    groups: dict[str, list[Call]] = {"open": [], "upcoming": [], "closed": [], "draft": []}
    for call in calls:
        if call.opens_at > now:
            groups["upcoming"].append(call)
        elif call.closes_at > now:
            groups["open"].append(call)
        else:
            groups["closed"].append(call)
    groups["closed"].reverse()
    if jurisdiction_of(user) is not None:
        drafts = Call.objects.filter(status=Call.Status.DRAFT).select_related("programme")
        groups["draft"] = [
            c for c in drafts.order_by("-id") if permissions.may_manage_call(user, c)
        ]
    return groups


def get_call_for_view(user: Any, pk: int) -> Call:
    """A published call, or one in preparation for the staff who may manage it."""
    call = Call.objects.select_related("programme", "programme__agency").filter(pk=pk).first()
    if call is None:
        raise Http404("call")
    if call.status == Call.Status.DRAFT and not permissions.may_manage_call(user, call):
        raise Http404("call")
    return call


def get_call_for_staff(user: Any, pk: int) -> Call:
    call = get_call_for_view(user, pk)
    require(permissions.may_manage_call(user, call))
    return call


def programmes_for_staff(user: Any) -> list[Programme]:
    return [
        p
        for p in Programme.objects.select_related("jurisdiction").order_by("code")
        if permissions.may_manage_programme(user, p)
    ]


def applications_of(user: Any) -> QuerySet[Application]:
    """The applications of the organisations the user speaks for (as applicant or co-applicant)."""
    ids = roles.organisations(user)
    if not ids:
        return Application.objects.none()
    return (
        Application.objects.filter(Q(applicant_id__in=ids) | Q(co_applicants__in=ids))
        .distinct()
        .select_related("call", "call__programme", "applicant")
        .order_by("-updated_at", "-id")
    )


def _application(pk: int) -> Application:
    application = (
        Application.objects.select_related(
            "call", "call__programme", "applicant", "classification", "region", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404("application")
    return application


def get_application_for_reader(user: Any, pk: int) -> Application:
    """The application if the user is its applicant, a co-applicant or staff of its region."""
    application = _application(pk)
    require(permissions.may_read_application(user, application))
    return application


def get_application_for_applicant(user: Any, pk: int) -> Application:
    application = _application(pk)
    require(permissions.may_act_as_applicant(user, application))
    return application


def get_application_for_staff(user: Any, pk: int) -> Application:
    application = _application(pk)
    require(permissions.may_act_as_staff(user, application))
    return application


def call_applications_for_staff(
    user: Any, call: Call, *, stage: str = "", q: str = ""
) -> QuerySet[Application]:
    """A call's applications in the user's jurisdiction, in a stage, oldest first.

    One query for any page size: the applicant and class come joined.
    """
    rows = jurisdiction_scope(user, Application.objects.filter(call=call))
    if stage:
        rows = rows.filter(stage=stage)
    if q:
        rows = rows.filter(
            Q(title__icontains=q)
            | Q(applicant__name_zh_hans__icontains=q)
            | Q(applicant__name_en__icontains=q)
        )
    # The answers and the stage table (kilobytes of JSON a row) are not shown in the list.
    return (
        rows.select_related("applicant", "classification", "region")
        .defer("answers", "stage_table")
        .order_by("id")
    )


def stage_counts(user: Any, call: Call) -> dict[str, int]:
    from django.db.models import Count

    rows = jurisdiction_scope(user, Application.objects.filter(call=call))
    return dict(rows.values_list("stage").annotate(n=Count("id")).values_list("stage", "n"))
