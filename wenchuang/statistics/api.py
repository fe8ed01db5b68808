"""Statistics in the JSON API: indicators, the calendar, and returns (submit, revise, read)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_errors import field_error
from wenchuang.core.api_pages import PageQuery
from wenchuang.directory.api.schemas import MAX_ID
from wenchuang.directory.models import Enterprise, Park

from . import selectors, services
from .models import Indicator, Period, ReportingObligation, ReturnValue
from .validation import flag_message

router = DomainRouter()

PERIOD_PATTERN = r"^\d{4}Q[1-4]$"


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    periodicity: str
    reporter: str
    value_type: str
    min_value: Decimal | None
    max_value: Decimal | None
    required: bool
    cumulative: bool
    aggregation: str
    weight: str | None = Field(None, description="Code of the weighting indicator")
    relations: list[dict]

    @staticmethod
    def resolve_name(obj: Indicator) -> str:
        return str(obj.name)

    @staticmethod
    def resolve_weight(obj: Indicator) -> str | None:
        return obj.weight.code if obj.weight_id else None


class PeriodOut(Schema):
    id: int
    period: str = Field(description="Year and quarter, e.g. 2026Q1")
    year: int
    quarter: int
    status: str
    due_on: datetime.date
    released_at: datetime.datetime | None

    @staticmethod
    def resolve_period(obj: Period) -> str:
        return obj.label


class ValueOut(Schema):
    indicator: str
    value: Decimal
    single_quarter: Decimal | None = Field(
        None, description="For a year-to-date indicator: this quarter alone"
    )
    revision: int
    explanation: str
    flags: list[str] = Field(description="Why the value was flagged as suspicious")

    @staticmethod
    def resolve_indicator(obj: ReturnValue) -> str:
        return obj.indicator.code

    @staticmethod
    def resolve_flags(obj: ReturnValue) -> list[str]:
        return [flag_message(f) for f in obj.flags]


class ReturnOut(Schema):
    id: int
    obligation: str
    period: str
    reporter: str
    reporter_id: int | None = Field(None, description="The enterprise's or park's id")
    reporter_name: str
    region: str = Field(description="GB/T 2260 code, copied at submission")
    class_code: str
    status: str
    version: int
    submitted_at: datetime.datetime | None
    values: list[ValueOut]

    @staticmethod
    def resolve_obligation(obj) -> str:
        return obj.obligation.code

    @staticmethod
    def resolve_period(obj) -> str:
        return obj.period.label

    @staticmethod
    def resolve_reporter_id(obj) -> int | None:
        record = obj.reporter_record
        return record.pk if record is not None else None

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.region_id

    @staticmethod
    def resolve_values(obj) -> list:
        if hasattr(obj, "current_values"):
            return obj.current_values
        return list(obj.values.filter(current=True).select_related("indicator"))


class ReturnIn(Schema):
    obligation: str = Field(description="Code of the reporting obligation", max_length=40)
    period: str = Field(description="Year and quarter, e.g. 2026Q1", pattern=PERIOD_PATTERN)
    reporter_id: int | None = Field(None, ge=1, le=MAX_ID, description="Enterprise or park id")
    credit_code: str | None = Field(
        None, max_length=18, description="An enterprise's unified social credit code"
    )
    values: dict[str, str | int | float | None] = Field(
        description="Indicator code → value (a decimal string is exact)"
    )
    explanations: dict[str, str] = Field(
        default_factory=dict, description="Indicator code → why a flagged value is right"
    )
    version: int | None = Field(
        None, description="The return's `version` read; 409 if it was revised since"
    )


class ReturnQuery(PageQuery):
    period: str = Field("", pattern=r"^(\d{4}Q[1-4])?$")
    obligation: str = Field("", max_length=40)


def _with_values(rows):
    current = ReturnValue.objects.filter(current=True).select_related("indicator")
    return rows.prefetch_related(
        Prefetch(
            "values", queryset=current.order_by("indicator__position"), to_attr="current_values"
        )
    )


@router.listing(
    "/statistics/indicators",
    IndicatorOut,
    operation_id="statistics_indicator_list",
    tags=["statistics"],
    summary="The indicators: units, rules and how they add up",
)
def indicator_list(request: HttpRequest, query: Query[PageQuery]):
    return Indicator.objects.select_related("weight").order_by("position", "code")


@router.listing(
    "/statistics/periods",
    PeriodOut,
    operation_id="statistics_period_list",
    tags=["statistics"],
    summary="The reporting calendar: quarters, due dates, status",
)
def period_list(request: HttpRequest, query: Query[PageQuery]):
    return Period.objects.order_by("-year", "-quarter")


@router.listing(
    "/statistics/returns",
    ReturnOut,
    operation_id="statistics_return_list",
    tags=["statistics"],
    summary="Returns of the caller's organisations, or of the caller's jurisdiction",
)
def return_list(request: HttpRequest, query: Query[ReturnQuery]):
    rows = selectors.returns_for(request.auth)
    if query.period:
        rows = rows.filter(period__year=int(query.period[:4]), period__quarter=int(query.period[5]))
    if query.obligation:
        rows = rows.filter(obligation__code=query.obligation)
    return _with_values(rows)


@router.read(
    "/statistics/returns/{id}",
    ReturnOut,
    operation_id="statistics_return_detail",
    tags=["statistics"],
    summary="One return with its current figures",
)
def return_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_return_for_reader(request.auth, id)


def _period(label: str) -> Period:
    found = Period.objects.filter(year=int(label[:4]), quarter=int(label[5])).first()
    if found is None:
        raise field_error(
            ["body", "period"],
            _("No quarter %(period)s in the reporting calendar.") % {"period": label},
        )
    return found


def _reporter(obligation: ReportingObligation, payload: ReturnIn):
    if obligation.reporter == "enterprise" and payload.credit_code:
        record = Enterprise.objects.filter(credit_code=payload.credit_code).first()
    elif payload.reporter_id:
        model = {"enterprise": Enterprise, "park": Park}.get(obligation.reporter)
        record = model.objects.filter(pk=payload.reporter_id).first() if model else None
    else:
        raise field_error(["body", "reporter_id"], _("Name the reporter: its id or credit code."))
    if record is None:
        raise field_error(["body", "reporter_id"], _("No such reporter in the directory."))
    return record


@router.write(
    "POST",
    "/statistics/returns",
    {200: ReturnOut, 201: ReturnOut},
    operation_id="statistics_return_submit",
    tags=["statistics"],
    summary="Submit a return, or revise it (each changed figure becomes a new revision)",
    description=(
        "201 when the return is new, 200 when it existed (revised, or unchanged: sending the "
        "same return twice makes one). 422 names each refused value under "
        "`body.values.<code>`; a suspicious value needs `explanations.<code>`. A quarter that "
        "is locked or released refuses returns and revisions (422)."
    ),
)
def return_submit(request: HttpRequest, payload: ReturnIn):
    obligation = ReportingObligation.objects.filter(code=payload.obligation, active=True).first()
    if obligation is None:
        raise field_error(
            ["body", "obligation"],
            _("Unknown obligation “%(code)s”.") % {"code": payload.obligation},
        )
    period = _period(payload.period)
    record = _reporter(obligation, payload)
    try:
        done = services.return_submit(
            obligation=obligation,
            period=period,
            record=record,
            values={k: "" if v is None else str(v) for k, v in payload.values.items()},
            explanations=payload.explanations,
            by=request.auth,
            version=payload.version,
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise NinjaValidationError(
            [
                {"loc": ["body", "values", code], "msg": message, "type": "value_error"}
                for code, found in error.message_dict.items()
                for message in found
            ]
        ) from None
    stat_return = get_object_or_404(
        _with_values(selectors.returns_for(request.auth)), pk=done.stat_return.pk
    )
    return Status(201 if done.created else 200, stat_return)
