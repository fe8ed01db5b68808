"""Consulting in the JSON API: the register of certified providers, requests, thread, ratings.

The same services and permission rules as the pages: a provider reads and works only on the
requests assigned to it; an enterprise on its own; staff read their jurisdiction's.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Schema, Status

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery
from wenchuang.directory.api.schemas import MAX_ID, choices_named
from wenchuang.directory.models import ServiceProvider

from . import selectors, services
from .models import ConsultingRequest, Scope

router = DomainRouter()
ScopeName = choices_named("ConsultingScope", Scope)
RequestStatus = choices_named("ConsultingRequestStatus", ConsultingRequest.Status)
TAGS = ["consulting"]


class ProviderRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)


class CertifiedProviderOut(Schema):
    id: int = Field(description="The certification's id")
    provider: ProviderRef
    scopes: list[str]
    regions_served: list[str] = Field(description="GB/T 2260 codes")
    valid_from: datetime.date | None
    valid_until: datetime.date | None


class RegisterQuery(PageQuery):
    scope: ScopeName | None = None  # type: ignore[valid-type]
    region: str = Field("", pattern=r"^(\d{6})?$", description="A region's GB/T 2260 code")


@router.listing(
    "/consulting/providers",
    CertifiedProviderOut,
    operation_id="consulting_provider_list",
    tags=TAGS,
    summary="The public register of certified service providers",
)
def provider_list(request: HttpRequest, query: Query[RegisterQuery]):
    return selectors.register(
        scope=query.scope.value if query.scope else "", region_code=query.region
    )


class MessageOut(Schema):
    id: int
    side: str
    text: str
    is_answer: bool
    created_at: datetime.datetime


class RequestOut(Schema):
    id: int
    category: str
    subject: str
    question: str
    language: str
    organisation: ProviderRef
    provider: ProviderRef | None
    picked: bool
    status: str
    status_label: str
    filed_at: datetime.datetime
    answer_due: datetime.datetime
    answered_at: datetime.datetime | None
    escalated_at: datetime.datetime | None
    rating: int | None
    rating_comment: str

    @staticmethod
    def resolve_status_label(obj: ConsultingRequest) -> str:
        return str(obj.get_status_display())


class RequestDetailOut(RequestOut):
    messages: list[MessageOut]

    @staticmethod
    def resolve_messages(obj: ConsultingRequest) -> list:
        return list(selectors.thread_of(obj))


class RequestQuery(PageQuery):
    status: RequestStatus | None = None  # type: ignore[valid-type]


@router.listing(
    "/consulting/requests",
    RequestOut,
    operation_id="consulting_request_list",
    tags=TAGS,
    summary="The caller's requests: their enterprise's, their provider's, their jurisdiction's",
)
def request_list(request: HttpRequest, query: Query[RequestQuery]):
    return selectors.requests_for(request.auth, status=query.status.value if query.status else "")


@router.read(
    "/consulting/requests/{id}",
    RequestDetailOut,
    operation_id="consulting_request_detail",
    tags=TAGS,
    summary="One request with its thread",
)
def request_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_request_for_reader(request.auth, id)


class RequestIn(Schema):
    category: ScopeName  # type: ignore[valid-type]
    subject: str = Field(..., min_length=1, max_length=200)
    question: str = Field(..., min_length=1, max_length=5000)
    language: str = Field("zh-hans", pattern=r"^(zh-hans|en|fr|de)$")
    provider: int | None = Field(
        None, ge=1, le=MAX_ID, description="A certified provider of the enterprise's choice"
    )


@router.write(
    "POST",
    "/consulting/requests",
    {201: RequestDetailOut},
    operation_id="consulting_request_create",
    tags=TAGS,
    summary="File a request (enterprise representatives); it is routed to a certified provider",
)
def request_create(request: HttpRequest, payload: RequestIn):
    provider = None
    if payload.provider is not None:
        provider = ServiceProvider.objects.filter(pk=payload.provider).first()
        if provider is None:
            raise ValidationError(
                {"provider": _("This provider is not certified for this category in your region.")}
            )
    filed = services.request_file(
        by=request.auth,
        category=payload.category.value,
        subject=payload.subject,
        question=payload.question,
        language=payload.language,
        provider=provider,
    )
    return Status(201, filed)


def _fresh(request: HttpRequest, id: int) -> ConsultingRequest:
    return selectors.get_request_for_reader(request.auth, id)


@router.write(
    "POST",
    "/consulting/requests/{id}/accept",
    {200: RequestDetailOut},
    operation_id="consulting_request_accept",
    tags=TAGS,
    summary="Accept a request (the assigned provider)",
)
def request_accept(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    services.request_accept(request=_fresh(request, id), by=request.auth)
    return _fresh(request, id)


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


@router.write(
    "POST",
    "/consulting/requests/{id}/decline",
    {200: RequestOut},
    operation_id="consulting_request_decline",
    tags=TAGS,
    summary="Decline a request with a reason (the assigned provider); it goes to the next one",
)
def request_decline(request: HttpRequest, payload: ReasonIn, id: int = Path(..., ge=1, le=MAX_ID)):
    return services.request_decline(
        request=_fresh(request, id), by=request.auth, reason=payload.reason
    )


class TextIn(Schema):
    text: str = Field(..., min_length=1, max_length=5000)


@router.write(
    "POST",
    "/consulting/requests/{id}/messages",
    {201: MessageOut},
    operation_id="consulting_message_create",
    tags=TAGS,
    summary="Write in a request's thread (the enterprise or the assigned provider)",
)
def message_create(request: HttpRequest, payload: TextIn, id: int = Path(..., ge=1, le=MAX_ID)):
    message = services.message_post(request=_fresh(request, id), by=request.auth, text=payload.text)
    return Status(201, message)


@router.write(
    "POST",
    "/consulting/requests/{id}/answer",
    {200: RequestDetailOut},
    operation_id="consulting_request_answer",
    tags=TAGS,
    summary="Answer a request (the assigned provider, once accepted)",
)
def request_answer(request: HttpRequest, payload: TextIn, id: int = Path(..., ge=1, le=MAX_ID)):
    services.request_answer(request=_fresh(request, id), by=request.auth, text=payload.text)
    return _fresh(request, id)


@router.write(
    "POST",
    "/consulting/requests/{id}/close",
    {200: RequestOut},
    operation_id="consulting_request_close",
    tags=TAGS,
    summary="Close a request (the enterprise or the assigned provider)",
)
def request_close(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return services.request_close(request=_fresh(request, id), by=request.auth)


class RatingIn(Schema):
    rating: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=2000)


@router.write(
    "POST",
    "/consulting/requests/{id}/rating",
    {200: RequestOut},
    operation_id="consulting_request_rate",
    tags=TAGS,
    summary="Rate the answer, 1 to 5, once (the enterprise that asked)",
)
def request_rate(request: HttpRequest, payload: RatingIn, id: int = Path(..., ge=1, le=MAX_ID)):
    return services.request_rate(
        request=_fresh(request, id), by=request.auth, rating=payload.rating, comment=payload.comment
    )
