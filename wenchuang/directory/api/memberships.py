"""Association members in the API: the members page's list and detail, fees for managers only."""

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Schema

from wenchuang.accounts.models import Organisation
from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery

from .. import permissions, selectors
from ..models import AssociationMembership
from .schemas import MAX_ID, choices_named

router = DomainRouter()
MembershipStatus = choices_named("MembershipStatus", AssociationMembership.Status)


class OrganisationRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)


class MembershipOut(Schema):
    id: int
    association: OrganisationRef
    member: OrganisationRef
    enterprise_id: int | None = Field(description="The member's enterprise record, if any.")
    membership_type: str
    membership_type_label: str
    status: str
    status_label: str
    started_on: datetime.date | None
    renews_on: datetime.date | None
    yearly_fee: Decimal | None = Field(
        description="Shown to those who manage the association's memberships only."
    )
    currency: str | None
    fee_hidden_reason: str = ""

    @staticmethod
    def resolve_membership_type_label(obj: AssociationMembership) -> str:
        return str(obj.get_membership_type_display())

    @staticmethod
    def resolve_status_label(obj: AssociationMembership) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_yearly_fee(obj: AssociationMembership, context: dict[str, Any]) -> Decimal | None:
        return obj.yearly_fee if _may_read_fee(context, obj) else None

    @staticmethod
    def resolve_currency(obj: AssociationMembership, context: dict[str, Any]) -> str | None:
        return obj.currency_id if _may_read_fee(context, obj) else None

    @staticmethod
    def resolve_fee_hidden_reason(obj: AssociationMembership, context: dict[str, Any]) -> str:
        return _may_read_fee(context, obj).reason


def _may_read_fee(context: dict[str, Any], membership: AssociationMembership):
    # The same rule as the members page: whoever may manage a membership may read its fee.
    return permissions.can_manage_membership(context["request"].auth, membership)


class MembershipQuery(PageQuery):
    association: int | None = Field(None, ge=1, le=MAX_ID, description="An association's id")
    status: MembershipStatus | None = None


@router.listing(
    "/memberships",
    MembershipOut,
    cached_by=(AssociationMembership, Organisation),
    operation_id="membership_list",
    url_name="membership-list",
    tags=["memberships"],
    summary="Association members",
    description="Visitors see active members; associations and centre staff also see "
    "applicants and lapsed members.",
)
def membership_list(request: HttpRequest, query: Query[MembershipQuery]):
    memberships = selectors.memberships_for(request.auth)
    if query.association:
        memberships = memberships.filter(association_id=query.association)
    if query.status:
        memberships = memberships.filter(status=query.status)
    return memberships


@router.read(
    "/memberships/{id}",
    MembershipOut,
    operation_id="membership_detail",
    url_name="membership-detail",
    tags=["memberships"],
    summary="One association membership",
)
def membership_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return get_object_or_404(selectors.memberships_for(request.auth), pk=id)
