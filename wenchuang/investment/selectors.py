"""Reads of the investment domain: project lists, checked fetches, matches and the pipeline."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from wenchuang.accounts import roles
from wenchuang.core import search
from wenchuang.core.permissions import require
from wenchuang.core.regions import jurisdiction_scope
from wenchuang.directory.models import Investor

from . import permissions
from .models import Agreement, InvestorProfile, Lead, Match, Project, ProjectCategory

PROJECT_RELATED = ("category", "industry_class", "region", "park", "currency", "owner")


def categories() -> QuerySet[ProjectCategory]:
    return ProjectCategory.objects.order_by("position", "code")


def projects_for(
    user: Any,
    *,
    q: str = "",
    category: str = "",
    status: str = "",
    province: str = "",
    investment_type: str = "",
    stage: str = "",
    mine: bool = False,
) -> QuerySet[Project]:
    """Published projects, the user's own, and (for staff) those of their jurisdiction."""
    owners = set().union(*(roles.organisations(user, r) for r in permissions.OWNER_ROLES))
    owned = Q(owner_id__in=sorted(owners))
    if mine:
        rows = Project.objects.filter(owned)
    else:
        staff = jurisdiction_scope(user, Project.objects.all()).values("pk")
        rows = Project.objects.filter(Q(status__in=Project.PUBLIC) | owned | Q(pk__in=staff))
    if category:
        rows = rows.filter(category__code=category)
    if status:
        rows = rows.filter(status=status)
    if province:
        rows = rows.filter(province_code=province)
    if investment_type:
        rows = rows.filter(investment_type=investment_type)
    if stage:
        rows = rows.filter(stage=stage)
    rows = rows.select_related(*PROJECT_RELATED)
    if search.query_tokens(q):
        return search.apply_search(rows, q).order_by(search.RANK, "-id")
    return rows.order_by("-id")


def approval_queue(user: Any) -> QuerySet[Project]:
    """Projects awaiting approval within the user's jurisdiction, oldest first."""
    return (
        jurisdiction_scope(user, Project.objects.filter(status=Project.Status.SUBMITTED))
        .select_related(*PROJECT_RELATED)
        .order_by("updated_at", "id")
    )


def get_project_for_view(user: Any, pk: int) -> Project:
    try:
        project = Project.objects.select_related(*PROJECT_RELATED).get(pk=pk)
    except Project.DoesNotExist as error:
        raise Http404 from error
    require(permissions.can_view_project(user, project))
    return project


def get_project(pk: int) -> Project:
    try:
        return Project.objects.select_related(*PROJECT_RELATED).get(pk=pk)
    except Project.DoesNotExist as error:
        raise Http404 from error


def profiles() -> QuerySet[InvestorProfile]:
    """Investors with a profile, public (their interests are what they want known)."""
    return (
        InvestorProfile.objects.filter(investor__status="published")
        .select_related("investor", "currency", "investor__region")
        .prefetch_related("categories")
        .order_by("id")
    )


def get_profile(pk: int) -> InvestorProfile:
    try:
        return (
            InvestorProfile.objects.select_related("investor", "currency")
            .prefetch_related("categories", "classes", "regions")
            .get(pk=pk, investor__status="published")
        )
    except InvestorProfile.DoesNotExist as error:
        raise Http404 from error


def get_investor(pk: int) -> Investor:
    try:
        return Investor.objects.get(pk=pk)
    except Investor.DoesNotExist as error:
        raise Http404 from error


def investors_spoken_for(user: Any) -> QuerySet[Investor]:
    from wenchuang.accounts.models import Role

    return Investor.objects.filter(
        organisation_id__in=sorted(roles.organisations(user, Role.INVESTOR))
    ).order_by("id")


def matches_for_profile(user: Any, profile: InvestorProfile) -> QuerySet[Match]:
    require(permissions.can_see_investor_matches(user, profile.investor))
    return (
        Match.objects.filter(profile=profile, investor_rank__isnull=False)
        .select_related("project", "project__category", "project__region", "project__currency")
        .order_by("investor_rank")
    )


def matches_for_project(user: Any, project: Project) -> QuerySet[Match]:
    require(permissions.can_see_project_matches(user, project))
    return (
        Match.objects.filter(project=project, project_rank__isnull=False)
        .select_related("profile__investor", "profile__currency")
        .order_by("project_rank")
    )


def matches_for_staff(user: Any) -> QuerySet[Match]:
    """Every stored match whose project lies in the user's jurisdiction."""
    projects = jurisdiction_scope(user, Project.objects.all()).values("id")
    return (
        Match.objects.filter(project_id__in=projects)
        .select_related("profile__investor", "project", "project__category")
        .order_by("-score", "id")
    )


def leads_for(user: Any, *, stage: str = "") -> QuerySet[Lead]:
    rows = jurisdiction_scope(user, Lead.objects.all())
    if stage:
        rows = rows.filter(stage=stage)
    return rows.select_related("project", "project__category", "investor", "owner", "currency")


def get_lead_for_staff(user: Any, pk: int) -> Lead:
    try:
        lead = Lead.objects.select_related("project", "investor", "currency").get(pk=pk)
    except Lead.DoesNotExist as error:
        raise Http404 from error
    require(permissions.can_manage_leads(user, lead.region_id))
    return lead


def agreements(*, project: Project | None = None) -> QuerySet[Agreement]:
    rows = Agreement.objects.select_related("project", "currency", "region")
    if project is not None:
        rows = rows.filter(project=project)
    return rows.order_by("-signed_on", "-id")


def get_agreement(pk: int) -> Agreement:
    try:
        return Agreement.objects.select_related("project", "currency", "lead").get(pk=pk)
    except Agreement.DoesNotExist as error:
        raise Http404 from error


def published_q() -> Q:
    return Q(status__in=Project.PUBLIC)


def get_event(pk: int | None):
    """The event of that number (None for none); an unknown number is refused by name."""
    if not pk:
        return None
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from wenchuang.events.models import Event

    event = Event.objects.filter(pk=pk).first()
    if event is None:
        raise ValidationError({"event": _("Unknown event.")})
    return event
