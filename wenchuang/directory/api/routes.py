"""The directory router: each kind's operations and history, and the reference data."""

import dataclasses
import enum
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Header, Path, Query, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_errors import field_error
from wenchuang.reference import selectors as reference
from wenchuang.reference.models import IndustryCategory, Region

from .. import changes, selectors, services
from ..forms import FilterForm
from ..models import Park, ProfileChange
from .rows import row_reader
from .schemas import (
    MAX_ID,
    CategoryLevel,
    CategoryOut,
    ChangeOut,
    EnterpriseCreate,
    EnterpriseDetail,
    EnterpriseIn,
    EnterpriseOut,
    EventOut,
    InvestorCreate,
    InvestorDetail,
    InvestorIn,
    InvestorOut,
    ListQuery,
    ParkCreate,
    ParkDetail,
    ParkIn,
    ParkOut,
    ProviderCreate,
    ProviderDetail,
    ProviderIn,
    ProviderOut,
    RegionCode,
    RegionOut,
    TalentCreate,
    TalentDetail,
    TalentIn,
    TalentOut,
)

router = DomainRouter()


# --- Helpers ------------------------------------------------------------------------------


def _filters(query: ListQuery) -> selectors.DirectoryFilters:
    """The pages' filter form checks the codes, so both name an unknown code the same way."""
    data = {
        name: getattr(query, name)
        for name in ("q", "province", "prefecture", "county", "major", "mid", "small", "park")
        if getattr(query, name) not in (None, "")
    }
    if query.domain:
        data["domain"] = query.domain.value
    if query.above_size is not None:
        data["above_size"] = "yes" if query.above_size else "no"
    if not data:
        # Nothing to check: what an empty form would give, without building one.
        return selectors.DirectoryFilters(status=query.status or "", sort=query.sort or "")
    form = FilterForm(data)
    if not form.is_valid():
        raise NinjaValidationError(
            [
                {"loc": ["query", field], "msg": str(message), "type": "value_error"}
                for field, messages in form.errors.items()
                for message in messages
            ]
        )
    return dataclasses.replace(form.to_filters(), status=query.status or "", sort=query.sort or "")


def _service_data(payload: Schema) -> dict[str, Any]:
    data = {
        name: value.value if isinstance(value, enum.Enum) else value
        for name, value in payload.model_dump(exclude_unset=True).items()
    }
    return data


def _event(event) -> dict[str, Any]:
    """An event of `changes.record_history`, already redacted for the reader."""
    return {
        "at": event.at,
        "action": event.action,
        "action_label": event.action_label,
        "actor": event.shown_actor or None,
        "changes": event.changes or {},
        "note": event.note,
    }


# --- Records ------------------------------------------------------------------------------


def _register(
    kind: str,
    out: type[Schema],
    detail: type[Schema],
    create: type[Schema],
    update: type[Schema],
) -> None:
    """The five operations of one kind; written once so that every kind behaves alike."""
    model = selectors.KINDS[kind]
    plural = f"{kind}s"

    @router.listing(
        f"/{plural}",
        out,
        rows=row_reader(model, out),
        # A row names its region (with prefecture and province), category and park.
        cached_by=(model, Region, IndustryCategory, Park),
        operation_id=f"{kind}_list",
        url_name=f"{kind}-list",
        tags=[plural],
        summary=f"List {plural}",
    )
    def record_list(request: HttpRequest, query: Query[ListQuery]):
        return selectors.directory_list(user=request.auth, model=model, filters=_filters(query))

    @router.read(
        f"/{plural}/{{id}}",
        detail,
        operation_id=f"{kind}_detail",
        url_name=f"{kind}-detail",
        tags=[plural],
        summary=f"One {kind}",
    )
    def record_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
        return selectors.get_record_for_view(request.auth, model, id)

    @router.write(
        "POST",
        f"/{plural}",
        {201: detail},
        operation_id=f"{kind}_create",
        tags=[plural],
        summary=f"Add a {kind}",
        description="Published at once when centre staff add it; otherwise held for validation.",
    )
    def record_create(request: HttpRequest, payload: create):  # type: ignore[valid-type]
        record = services.record_create(model=model, by=request.auth, data=_service_data(payload))
        return Status(201, record)

    @router.write(
        "PATCH",
        f"/{plural}/{{id}}",
        {200: detail, 202: ChangeOut},
        operation_id=f"{kind}_update",
        tags=[plural],
        summary=f"Change a {kind}",
        description=(
            "200 with the record when the change applies at once; 202 with the pending change "
            "when a representative edits a published profile and staff must validate it; "
            "409 when If-Match names an older version than the record's."
        ),
    )
    def record_update(
        request: HttpRequest,
        payload: update,  # type: ignore[valid-type]
        id: int = Path(..., ge=1, le=MAX_ID),
        if_match: str | None = Header(
            None,
            alias="If-Match",
            description="The `version` the change is based on; 409 if the record changed since.",
        ),
    ):
        record = selectors.get_record_for_edit(request.auth, model, id)
        result = services.record_update(
            record=record,
            by=request.auth,
            data=_service_data(payload),
            version=if_match.strip().removeprefix("W/").strip('"') if if_match else None,
        )
        if isinstance(result, ProfileChange):
            return Status(202, result)
        return Status(200, result)

    @router.read(
        f"/{plural}/{{id}}/history",
        list[EventOut],
        operation_id=f"{kind}_history",
        url_name=f"{kind}-history",
        tags=[plural],
        summary=f"Audit trail of a {kind}",
        description="Contact changes and who made each change are shown to agency staff only.",
    )
    def record_history(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
        record = selectors.get_record_for_view(request.auth, model, id)
        return [_event(event) for event in changes.record_history(request.auth, record, 200)]


_register("enterprise", EnterpriseOut, EnterpriseDetail, EnterpriseCreate, EnterpriseIn)
_register("park", ParkOut, ParkDetail, ParkCreate, ParkIn)
_register("investor", InvestorOut, InvestorDetail, InvestorCreate, InvestorIn)
_register("talent", TalentOut, TalentDetail, TalentCreate, TalentIn)
_register("provider", ProviderOut, ProviderDetail, ProviderCreate, ProviderIn)


# --- Reference data -----------------------------------------------------------------------


@router.read(
    "/regions",
    list[RegionOut],
    operation_id="region_list",
    tags=["reference"],
    summary="Regions under a parent (provinces when no parent is given)",
)
def region_list(request: HttpRequest, parent: RegionCode | None = None):
    if parent and not Region.objects.filter(code=parent).exists():
        raise field_error(
            ["query", "parent"], _("Unknown region code: %(code)s") % {"code": parent}
        )
    return list(reference.region_children(parent))


@router.read(
    "/categories",
    list[CategoryOut],
    operation_id="category_list",
    tags=["reference"],
    summary="Classes of the 2018 classification: a level, or the children of a parent",
)
def category_list(
    request: HttpRequest,
    parent: Annotated[str, Field(pattern=r"^[0-9]{2,3}$")] | None = None,
    level: CategoryLevel | None = None,
):
    if parent:
        parent_category = IndustryCategory.objects.filter(code=parent).first()
        if parent_category is None:
            message = _("Unknown category code: %(code)s") % {"code": parent}
            raise field_error(["query", "parent"], message)
        return list(reference.category_choices(level or parent_category.level + 1, parent))
    return list(reference.category_choices(level or IndustryCategory.Level.MAJOR))
