"""Aggregates in the JSON API: released ones for everybody, every quarter for staff."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Schema

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_errors import field_error
from wenchuang.core.regions import jurisdiction_of
from wenchuang.reference.models import Region

from . import figures
from .cube import NATIONAL
from .figures import Reader

router = DomainRouter()


class AggregateQuery(Schema):
    indicator: str = "revenue"
    period: str = ""  # "2019Q4"; the latest the reader may see when empty
    region: str = NATIONAL
    by: str = "class"  # "class" (major categories) or "region" (one level below)


class AggregateRow(Schema):
    key: str
    label: str
    value: Decimal | None
    quarter_value: Decimal | None
    yoy: Decimal | None
    qoq: Decimal | None
    withheld: bool
    note: str


class Aggregates(Schema):
    indicator: str
    period: str
    region: str
    by: str
    rows: list[AggregateRow]


def _aggregates(reader: Reader, query: AggregateQuery) -> Aggregates:
    indicator = figures.indicators_for(reader).filter(code=query.indicator).first()
    if indicator is None:
        raise field_error(["query", "indicator"], _("Unknown indicator."))
    periods = figures.periods_for(reader)
    if query.period:
        try:
            year, quarter = (int(x) for x in query.period.upper().split("Q"))
        except ValueError:
            raise field_error(["query", "period"], _("Write a quarter as 2019Q4.")) from None
        periods = periods.filter(year=year, quarter=quarter)
    period = periods.first()
    if period is None:
        raise field_error(["query", "period"], _("No such quarter with figures you may see."))
    region = Region.objects.filter(code=query.region).first()
    if region is None or not reader.may_see_region(region.code):
        raise field_error(["query", "region"], _("No such region."))
    if query.by not in ("class", "region"):
        raise field_error(["query", "by"], _("Choose class or region."))
    rows = (
        figures.by_class(reader, indicator, period, region.code)
        if query.by == "class"
        else figures.by_region(reader, indicator, period, region)
    )
    return Aggregates(
        indicator=indicator.code,
        period=period.label,
        region=region.code,
        by=query.by,
        rows=[
            AggregateRow(
                key=f.key,
                label=f.label,
                value=f.value,
                quarter_value=f.quarter_value,
                yoy=f.yoy,
                qoq=f.qoq,
                withheld=f.suppressed,
                note=f.note,
            )
            for f in rows
        ],
    )


@router.read(
    "/statistics/aggregates",
    Aggregates,
    tags=["statistics"],
    operation_id="statistics_released_aggregates",
)
def released_aggregates(request: HttpRequest, query: Query[AggregateQuery]):
    """Released quarters only; cells that would disclose an enterprise are withheld."""
    return _aggregates(Reader(request.auth, True), query)


@router.read(
    "/statistics/staff-aggregates",
    Aggregates,
    tags=["statistics"],
    operation_id="statistics_staff_aggregates",
)
def staff_aggregates(request: HttpRequest, query: Query[AggregateQuery]):
    """Every quarter, nothing withheld, for the regions of the staff member's jurisdiction."""
    jurisdiction = jurisdiction_of(request.auth)
    if jurisdiction is None:
        raise PermissionDenied(_("Only agency staff see unreleased figures."))
    return _aggregates(Reader(request.auth, False, jurisdiction), query)
