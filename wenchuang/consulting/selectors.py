"""Consulting reads: the register, the routing's candidates, who sees which request."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wenchuang.accounts.models import Affiliation, Role, User
from wenchuang.core.permissions import require
from wenchuang.core.regions import jurisdiction_scope
from wenchuang.directory.models import ServiceProvider

from . import permissions
from .models import Certification, ConsultingRequest
from .routing import Candidate


def register(*, scope: str = "", region_code: str = "") -> QuerySet[Certification]:
    """The public register: certifications in force, with their provider, scope and validity.

    Scope and regions are short JSON lists, read here rather than matched in SQL (the two
    backends search JSON differently); the register holds hundreds of rows, not millions.
    """
    from .routing import serves

    live = Certification.objects.filter(status="certified", valid_until__gte=timezone.localdate())
    if scope or region_code:
        ids = [
            pk
            for pk, scopes, regions in live.values_list("pk", "scopes", "regions_served")
            if (not scope or scope in scopes)
            and (not region_code or serves(regions, region_code) is not None)
        ]
        live = live.filter(pk__in=ids)
    return live.select_related("provider").order_by("provider__name_zh_hans", "id")


def candidates() -> list[Candidate]:
    """Every provider certified today, with its scope, regions and current open requests."""
    live = Certification.objects.filter(
        status="certified", valid_until__gte=timezone.localdate()
    ).values_list("provider_id", "scopes", "regions_served")
    loads = dict(
        ConsultingRequest.objects.filter(status__in=("waiting", "accepted"))
        .exclude(provider=None)
        .values_list("provider_id")
        .annotate(n=Count("id"))
        .values_list("provider_id", "n")
    )
    return [
        Candidate(pk, frozenset(scopes), tuple(regions), loads.get(pk, 0))
        for pk, scopes, regions in live
    ]


def providers_of(user: Any) -> QuerySet[ServiceProvider]:
    """The directory providers the user speaks for."""
    return ServiceProvider.objects.filter(
        organisation_id__in=permissions.provider_organisations(user)
    ).order_by("id")


def certifications_for(user: Any) -> QuerySet[Certification]:
    """A provider's own certification files, and those of staff's jurisdiction."""
    mine = Certification.objects.filter(
        provider__organisation_id__in=permissions.provider_organisations(user)
    )
    rows = mine | jurisdiction_scope(user, Certification.objects.all())
    return rows.select_related("provider").order_by("-id")


def get_certification_for_reader(user: Any, pk: int) -> Certification:
    certification = get_object_or_404(Certification.objects.select_related("provider"), pk=pk)
    require(permissions.can_view_certification(user, certification))
    return certification


def requests_for(user: Any, *, status: str = "") -> QuerySet[ConsultingRequest]:
    """The requests a user may see: their enterprise's, their provider's, their jurisdiction's.

    A provider sees only the requests assigned to it now; never another provider's.
    """
    from wenchuang.accounts import roles

    q = Q(organisation_id__in=roles.organisations(user, Role.ENTERPRISE_REP)) | Q(
        provider__organisation_id__in=permissions.provider_organisations(user)
    )
    rows = ConsultingRequest.objects.filter(q) | jurisdiction_scope(
        user, ConsultingRequest.objects.all()
    )
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("provider", "organisation").order_by("-filed_at", "-id")


def get_request_for_reader(user: Any, pk: int) -> ConsultingRequest:
    """The request if the user may see it: 404 when there is none, else 403 with the reason."""
    request = get_object_or_404(
        ConsultingRequest.objects.select_related("provider", "organisation", "region"), pk=pk
    )
    require(permissions.can_view_request(user, request))
    return request


def thread_of(request: ConsultingRequest):
    return request.messages.select_related("author").order_by("created_at", "id")


def staff_over(region_code: str) -> QuerySet[User]:
    """Centre staff of the narrowest jurisdiction over `region_code` that has any."""
    from wenchuang.core.regions import placement

    where = placement(region_code, 3)
    for code in (where.region_code, where.prefecture_code, where.province_code, "000000"):
        if not code:
            continue
        ids = Affiliation.objects.filter(role=Role.CENTRE_STAFF, jurisdiction_id=code).values(
            "user_id"
        )
        users = User.objects.filter(is_active=True, pk__in=ids).order_by("pk")
        if users.exists():
            return users
    return User.objects.none()


def provider_people(provider: ServiceProvider) -> QuerySet[User]:
    from wenchuang.accounts import roles

    if provider.organisation_id is None:
        return User.objects.none()
    return roles.representatives(provider.organisation_id, Role.SERVICE_PROVIDER)


def enterprise_people(request: ConsultingRequest) -> QuerySet[User]:
    from wenchuang.accounts import roles

    return roles.representatives(request.organisation_id, Role.ENTERPRISE_REP)


def refuse_unless_staff(user: Any) -> None:
    decision = permissions.can_oversee(user)
    if not decision:
        raise PermissionDenied(decision.reason)
