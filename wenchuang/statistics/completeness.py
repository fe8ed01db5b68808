"""Who has reported for a quarter and who has not, by district, within the reader's jurisdiction."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from wenchuang.core.charts import Chart
from wenchuang.core.regions import jurisdiction_scope
from wenchuang.reference.models import Region

from .models import Period, ReportingObligation, StatReturn
from .selectors import obligated_records


@dataclass
class DistrictCount:
    region: Region
    obligated: int
    reported: int

    @property
    def missing(self) -> int:
        return self.obligated - self.reported

    @property
    def percent(self) -> Decimal:
        if not self.obligated:
            return Decimal(100)
        return (Decimal(100) * self.reported / self.obligated).quantize(Decimal("0.1"))


def _with_reported(records: QuerySet, obligation: ReportingObligation, period: Period) -> QuerySet:
    link = "enterprise" if obligation.reporter == "enterprise" else "park"
    filed = StatReturn.objects.filter(
        obligation=obligation, period=period, reporter=obligation.reporter, **{link: OuterRef("pk")}
    )
    return records.annotate(has_reported=Exists(filed))


def obligated_in_scope(user, obligation: ReportingObligation, period: Period) -> QuerySet:
    """The reporters the obligation binds inside the user's jurisdiction, marked has_reported."""
    return _with_reported(
        jurisdiction_scope(user, obligated_records(obligation)), obligation, period
    )


def by_district(user, obligation: ReportingObligation, period: Period) -> list[DistrictCount]:
    """Counts per county: how many must report, how many have."""
    rows = (
        obligated_in_scope(user, obligation, period)
        .order_by()
        .values("region_id")
        .annotate(obligated=Count("pk"), reported=Count("pk", filter=Q(has_reported=True)))
    )
    counts = {r["region_id"]: r for r in rows}
    regions = Region.objects.in_bulk(list(counts))
    found = [
        DistrictCount(regions[code], counts[code]["obligated"], counts[code]["reported"])
        for code in sorted(counts)
        if code in regions
    ]
    return sorted(found, key=lambda d: (-d.missing, d.region.code))


def missing(user, obligation: ReportingObligation, period: Period) -> QuerySet:
    """The reporters that have not reported yet, by district then name."""
    return (
        obligated_in_scope(user, obligation, period)
        .filter(has_reported=False)
        .select_related("region")
        .order_by("region_id", "id")
    )


def chart(districts: list[DistrictCount], period: Period) -> Chart:
    return Chart(
        id=f"completeness-{period.label}",
        title=_("Returns received for %(period)s") % {"period": period.label},
        columns=[_("District"), _("Reported"), _("Not yet reported")],
        rows=[[str(d.region.name), d.reported, d.missing] for d in districts[:30]],
        kind="bar",
    )
