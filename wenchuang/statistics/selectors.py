"""Reads of statistics: current values for the cube, returns for a reader, the calendar."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q, QuerySet

from .models import ReturnValue


def current_values(
    period_ids: Iterable[int] | None = None, since: datetime.datetime | None = None
) -> QuerySet[ReturnValue]:
    """The current value of every figure, with its return's placement and classification.

    `period_ids` narrows to those quarters; `since` to values entered at or after that
    moment (a revision makes a new row, so this is what changed since the last cube update).
    Each row has `stat_return` (region, province_code, prefecture_code, class_code, mid_code,
    major_code, domain, park_id, period_id) and `indicator` loaded.
    """
    rows = ReturnValue.objects.filter(current=True).select_related(
        "stat_return", "stat_return__period", "indicator"
    )
    if period_ids is not None:
        rows = rows.filter(stat_return__period_id__in=list(period_ids))
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    return rows.order_by("id")


# Which directory fields an obligation's `applies_to` rule may name.
RULE_FIELDS = {
    "enterprise": {
        "above_designated_size",
        "major_code",
        "mid_code",
        "domain",
        "province_code",
        "prefecture_code",
        "region_id",
    },
    "park": {"level", "province_code", "prefecture_code", "region_id"},
}


def obligated_records(obligation) -> QuerySet:
    """The published enterprises or parks an obligation binds, by its rule data."""
    from wenchuang.directory.models import Enterprise, Park, PublicationStatus

    model = {"enterprise": Enterprise, "park": Park}.get(obligation.reporter)
    if model is None:
        return Enterprise.objects.none()
    rule = {
        k: v
        for k, v in (obligation.applies_to or {}).items()
        if k in RULE_FIELDS[obligation.reporter]
    }
    return model.objects.filter(status=PublicationStatus.PUBLISHED, **rule)


def obligations_of(user) -> list[tuple]:
    """(obligation, record) pairs the user reports for as a representative."""
    from wenchuang.accounts import roles
    from wenchuang.accounts.models import Role

    from .models import ReportingObligation

    pairs = []
    for obligation in ReportingObligation.objects.filter(active=True).order_by("code"):
        role = {"enterprise": Role.ENTERPRISE_REP, "park": Role.PARK_MANAGER}.get(
            obligation.reporter
        )
        if role is None:
            continue
        own = roles.organisations(user, role)
        if not own:
            continue
        for record in obligated_records(obligation).filter(organisation_id__in=own).order_by("id"):
            pairs.append((obligation, record))
    return pairs


def returns_for(user) -> QuerySet:
    """The returns a user may read: their organisations' and their jurisdiction's."""
    from wenchuang.accounts import roles
    from wenchuang.accounts.models import Role
    from wenchuang.core.regions import jurisdiction_scope

    from .models import StatReturn

    base = StatReturn.objects.select_related(
        "period", "obligation", "enterprise", "park", "district"
    )
    if not getattr(user, "is_authenticated", False):
        return base.none()
    own = Q(pk__in=[])
    enterprises = roles.organisations(user, Role.ENTERPRISE_REP)
    parks = roles.organisations(user, Role.PARK_MANAGER)
    if enterprises:
        own |= Q(reporter="enterprise", enterprise__organisation_id__in=enterprises)
    if parks:
        own |= Q(reporter="park", park__organisation_id__in=parks)
    scoped = jurisdiction_scope(user, StatReturn.objects.all()).values("pk")
    return base.filter(own | Q(pk__in=scoped)).order_by("-period__year", "-period__quarter", "id")


def get_return_for_reader(user, pk: int):
    """One return, or 404 / 403 with the reason."""
    from django.shortcuts import get_object_or_404

    from wenchuang.core.permissions import require

    from . import permissions
    from .models import StatReturn

    stat_return = get_object_or_404(
        StatReturn.objects.select_related("period", "obligation", "enterprise", "park", "district"),
        pk=pk,
    )
    require(permissions.can_read_return(user, stat_return))
    return stat_return


def value_history(stat_return) -> list:
    """Every revision of every figure of a return, newest revision first within a figure."""
    return list(
        ReturnValue.objects.filter(stat_return=stat_return)
        .select_related("indicator", "created_by")
        .order_by("indicator__position", "-revision")
    )


def last_values(obligation, period, record) -> dict[str, Decimal]:
    """The reporter's current figures of the latest quarter before `period` (to pre-fill)."""
    from .models import StatReturn
    from .placing import reporter_key

    earlier = (
        StatReturn.objects.filter(
            obligation=obligation, reporter_key=reporter_key(obligation.reporter, record)
        )
        .filter(
            Q(period__year__lt=period.year)
            | Q(period__year=period.year, period__quarter__lt=period.quarter)
        )
        .order_by("-period__year", "-period__quarter")
        .first()
    )
    if earlier is None:
        return {}
    return dict(
        ReturnValue.objects.filter(stat_return=earlier, current=True).values_list(
            "indicator__code", "value"
        )
    )


def current_of(obligation, period, record):
    """The reporter's return of this quarter (or None) and its current figures."""
    from .models import StatReturn
    from .placing import reporter_key

    stat_return = StatReturn.objects.filter(
        obligation=obligation, period=period, reporter_key=reporter_key(obligation.reporter, record)
    ).first()
    if stat_return is None:
        return None, {}
    rows = ReturnValue.objects.filter(stat_return=stat_return, current=True).select_related(
        "indicator"
    )
    return stat_return, {row.indicator.code: row for row in rows}
