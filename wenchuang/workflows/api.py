"""Calls and applications in the JSON API: calls to read; applications as the applicant
(create, edit with If-Match, submit, withdraw, attach files); staff's list and moves.

The routes call the same selectors and services as the pages, so the permissions, the
deadline, the stale-version refusal (409) and the messages are the same.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Header, Path, Query, Status
from ninja.files import UploadedFile

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_errors import field_error
from wenchuang.core.api_pages import PageQuery
from wenchuang.core.files import files_of

from . import selectors, services
from .api_schemas import (
    MAX_ID,
    ApplicationAttachmentOut,
    ApplicationChange,
    ApplicationCreate,
    ApplicationOut,
    ApplicationRow,
    CallDetail,
    CallOut,
    CallQuery,
    CoApplicantIn,
    MoveIn,
    StageQuery,
)
from .models import Call, Programme

router = DomainRouter()
TAGS = ["applications"]


def _if_match(value: str | None) -> str | None:
    return value.strip().removeprefix("W/").strip('"') if value else None


IF_MATCH = Header(
    None,
    alias="If-Match",
    description="The `version` the change is based on; 409 if the application changed since.",
)


ID = Path(..., ge=1, le=MAX_ID)
FIELD_KEY = Query(..., max_length=40, description="The file field's key")
UPLOAD = File(...)


# Kept for visitors until a call or a programme changes; a call opening or closing with
# the clock (no write) shows in `is_open` and `open=` within LIST_CACHE_SECONDS.
@router.listing(
    "/calls",
    CallOut,
    tags=["calls"],
    operation_id="call_list",
    cached_by=(Call, Programme),
)
def call_list(request: HttpRequest, query: Query[CallQuery]):
    calls = selectors.public_calls().order_by("closes_at", "id")
    if query.open is not None:
        from django.utils import timezone

        now = timezone.now()
        window = {"opens_at__lte": now, "closes_at__gt": now}
        calls = calls.filter(**window) if query.open else calls.exclude(**window)
    return calls


@router.read("/calls/{id}", CallDetail, tags=["calls"], operation_id="call_detail")
def call_detail(request: HttpRequest, id: int = ID):
    return selectors.get_call_for_view(request.auth, id)


@router.listing(
    "/calls/{id}/applications",
    ApplicationRow,
    tags=TAGS,
    operation_id="call_applications",
    summary="A call's applications (staff, within their jurisdiction)",
)
def call_applications(request: HttpRequest, query: Query[StageQuery], id: int = ID):
    call = selectors.get_call_for_view(request.auth, id)
    rows = selectors.call_applications_for_staff(request.auth, call, stage=query.stage)
    # Each row's stage_label comes from its own stage table, which the page's list defers
    # (read one row at a time, that was a query per row).
    return rows.defer(None).defer("answers")


@router.listing(
    "/applications",
    ApplicationRow,
    tags=TAGS,
    operation_id="application_list",
    summary="The applications of the organisations the asker represents",
)
def application_list(request: HttpRequest, query: Query[PageQuery]):
    return selectors.applications_of(request.auth)


@router.read("/applications/{id}", ApplicationOut, tags=TAGS, operation_id="application_detail")
def application_detail(request: HttpRequest, id: int = ID):
    return selectors.get_application_for_reader(request.auth, id)


@router.write(
    "POST",
    "/calls/{id}/applications",
    {201: ApplicationOut},
    tags=TAGS,
    operation_id="application_create",
    summary="Begin an application (a draft) for an organisation the asker represents",
)
def application_create(request: HttpRequest, payload: ApplicationCreate, id: int = ID):
    from wenchuang.accounts.models import Organisation

    call = selectors.get_call_for_view(request.auth, id)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise field_error(["body", "organisation"], _("No organisation has this id."))
    application = services.create_draft(
        call=call,
        applicant=organisation,
        by=request.auth,
        title=payload.title,
        classification=payload.classification,
        amount_requested=payload.amount_requested,
    )
    return Status(201, application)


@router.write(
    "PATCH",
    "/applications/{id}",
    {200: ApplicationOut},
    tags=TAGS,
    operation_id="application_update",
    summary="Change a draft's answers and details (If-Match: its version)",
)
def application_update(
    request: HttpRequest, payload: ApplicationChange, id: int = ID, if_match: str | None = IF_MATCH
):
    application = selectors.get_application_for_applicant(request.auth, id)
    fields: dict[str, Any] = {}
    if payload.title is not None:
        fields["title"] = payload.title
    if "classification" in payload.model_fields_set:
        fields["classification_id"] = payload.classification
    if "amount_requested" in payload.model_fields_set:
        fields["amount_requested_amount"] = payload.amount_requested
    return services.edit_draft(
        application=application,
        by=request.auth,
        version=_if_match(if_match),
        answers=payload.answers,
        **fields,
    )


@router.write(
    "POST",
    "/applications/{id}/co-applicants",
    {200: ApplicationOut},
    tags=TAGS,
    operation_id="application_co_applicant",
    summary="Add (or remove) a co-applicant organisation while the application is a draft",
)
def application_co_applicant(request: HttpRequest, payload: CoApplicantIn, id: int = ID):
    from wenchuang.accounts.models import Organisation

    application = selectors.get_application_for_applicant(request.auth, id)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise field_error(["body", "organisation"], _("No organisation has this id."))
    change = services.co_applicant_remove if payload.remove else services.co_applicant_add
    return change(application=application, organisation=organisation, by=request.auth)


@router.write(
    "POST",
    "/applications/{id}/submit",
    {200: ApplicationOut},
    tags=TAGS,
    operation_id="application_submit",
    summary="Submit a complete draft before the deadline (a repeated submit changes nothing)",
)
def application_submit(request: HttpRequest, id: int = ID, if_match: str | None = IF_MATCH):
    application = selectors.get_application_for_applicant(request.auth, id)
    return services.submit(application=application, by=request.auth, version=_if_match(if_match))


@router.write(
    "POST",
    "/applications/{id}/withdraw",
    {200: ApplicationOut},
    tags=TAGS,
    operation_id="application_withdraw",
)
def application_withdraw(request: HttpRequest, id: int = ID, if_match: str | None = IF_MATCH):
    application = selectors.get_application_for_applicant(request.auth, id)
    return services.withdraw(application=application, by=request.auth, version=_if_match(if_match))


@router.write(
    "POST",
    "/applications/{id}/moves",
    {200: ApplicationOut},
    tags=TAGS,
    operation_id="application_move",
    summary="Move an application to another stage its table allows the asker (staff's moves)",
)
def application_move(
    request: HttpRequest, payload: MoveIn, id: int = ID, if_match: str | None = IF_MATCH
):
    application = selectors.get_application_for_reader(request.auth, id)
    return services.move_stage(
        application=application,
        target=payload.target,
        by=request.auth,
        version=_if_match(if_match),
        note=payload.note,
    )


@router.write(
    "POST",
    "/applications/{id}/attachments",
    {201: ApplicationAttachmentOut},
    tags=TAGS,
    operation_id="application_attach",
    summary="Attach a file to a file field of the form (checked by content and size)",
)
def application_attach(
    request: HttpRequest,
    id: int = ID,
    field: str = FIELD_KEY,
    file: UploadedFile = UPLOAD,
    if_match: str | None = IF_MATCH,
):
    application = selectors.get_application_for_applicant(request.auth, id)
    updated = services.edit_draft(
        application=application,
        by=request.auth,
        version=_if_match(if_match),
        uploads={field: file},
    )
    stored = files_of(updated).get(pk=updated.answers[field])
    return Status(
        201,
        {
            "id": stored.pk,
            "field": field,
            "name": stored.original_name,
            "size": stored.size,
            "content_type": stored.content_type,
        },
    )
