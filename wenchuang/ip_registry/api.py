"""Registered works in the JSON API: the register, registering, certificates, the log's head."""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Path, Query, Schema, Status
from ninja.files import UploadedFile

from wenchuang.accounts.models import Organisation
from wenchuang.core.api import DomainRouter
from wenchuang.core.api_pages import PageQuery
from wenchuang.directory.api.schemas import MAX_ID, choices_named

from . import certificate, selectors, services, signing, similarity
from .models import Work

router = DomainRouter()
TAGS = ["works"]
WorkKind = choices_named("WorkKind", Work.Kind)


class WorkOut(Schema):
    id: int
    title: str
    language: str
    kind: str
    authors: list[str]
    created_on: datetime.date
    holder: str
    content_sha256: str
    registered_at: datetime.datetime
    log_index: int | None

    @staticmethod
    def resolve_authors(obj: Work) -> list[str]:
        return obj.author_list

    @staticmethod
    def resolve_log_index(obj: Work) -> int | None:
        entry = getattr(obj, "log_entry", None)
        return entry.index if entry else None


class SimilarOut(Schema):
    work: WorkOut
    distance: int = Field(description="Differing bits of 64 between the two pictures' hashes")
    hash_kind: str = Field(description="Which variant of the registered picture is nearest")


class RegisteredOut(Schema):
    work: WorkOut
    likely_copies: list[SimilarOut] = Field(
        description="Registered works this picture likely copies (found before it was added)"
    )


class WorkQuery(PageQuery):
    q: str = Field("", max_length=100, description="Words of the title or the holder, or a SHA-256")
    kind: WorkKind | None = None  # type: ignore[valid-type]


class WorkIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    language: str = Field("zh-hans", pattern=r"^(zh-hans|en|fr|de)$")
    kind: WorkKind  # type: ignore[valid-type]
    authors: str = Field(..., min_length=1, max_length=2000, description="One name per line")
    created_on: datetime.date
    description: str = Field("", max_length=5000)
    organisation: int | None = Field(None, ge=1, le=MAX_ID, description="Rights holder's id")


class TreeHeadOut(Schema):
    tree_size: int
    root_hash: str
    timestamp: int = Field(description="Milliseconds since 1970-01-01 UTC")
    signature: str = Field(description="Ed25519, base64, over RFC 6962's TreeHeadSignature")
    key_id: str
    public_key: str
    consistency: dict | None = None


class PublicKeyOut(Schema):
    public_key: str = Field(description="Raw Ed25519 public key, base64")
    key_id: str = Field(description="SHA-256 of the raw key, hex")
    pem: str


class CertificateOut(Schema):
    format: str
    registration: dict
    leaf_index: int
    leaf_hash: str
    tree_head: TreeHeadOut
    inclusion_proof: list[str]


@router.listing(
    "/works", WorkOut, tags=TAGS, operation_id="work_list", summary="The register of works"
)
def work_list(request: HttpRequest, query: Query[WorkQuery]):
    return selectors.register(q=query.q, kind=query.kind.value if query.kind else "")


@router.read(
    "/works/log/tree-head",
    TreeHeadOut,
    tags=TAGS,
    operation_id="work_log_tree_head",
    summary="The newest signed tree head (?since=N adds a consistency proof from size N)",
)
def tree_head(request: HttpRequest, since: int | None = Query(None, ge=1)):
    return certificate.published_head(since)


@router.read(
    "/works/log/public-key",
    PublicKeyOut,
    tags=TAGS,
    operation_id="work_log_public_key",
    summary="The registry's Ed25519 public key",
)
def public_key(request: HttpRequest):
    return {
        "public_key": signing.public_key_b64(),
        "key_id": signing.key_id(),
        "pem": signing.public_key_pem(),
    }


def _similar(found: list[similarity.SimilarWork]) -> list[dict]:
    return [{"work": s.work, "distance": s.distance, "hash_kind": s.hash_kind} for s in found]


@router.write(
    "POST",
    "/works/similar",
    {200: list[SimilarOut]},
    tags=TAGS,
    operation_id="work_similar",
    summary="Registered works a picture likely copies (multipart `file`), nearest first",
)
def work_similar(request: HttpRequest, file: File[UploadedFile]):
    try:
        found = similarity.find_similar_images(file.read())
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    return _similar(found)


@router.read("/works/{id}", WorkOut, tags=TAGS, operation_id="work_detail")
def work_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_work(id)


@router.read(
    "/works/{id}/certificate",
    CertificateOut,
    tags=TAGS,
    operation_id="work_certificate",
    summary="The certificate against the newest tree head (what verify_work checks)",
)
def work_certificate(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return certificate.certificate_data(selectors.get_work(id))


@router.write(
    "POST",
    "/works",
    {201: RegisteredOut},
    tags=TAGS,
    operation_id="work_register",
    summary="Register a work (multipart: the fields and `file`)",
)
def work_register(request: HttpRequest, payload: Form[WorkIn], file: File[UploadedFile]):
    organisation = None
    if payload.organisation is not None:
        organisation = Organisation.objects.filter(pk=payload.organisation).first()
        if organisation is None:
            raise ValidationError({"organisation": _("No such organisation.")})
    registration = services.work_register(
        by=request.auth,
        title=payload.title,
        language=payload.language,
        kind=payload.kind.value,
        authors=payload.authors,
        created_on=payload.created_on,
        description=payload.description,
        organisation=organisation,
        upload=file,
    )
    return Status(201, {"work": registration.work, "likely_copies": _similar(registration.similar)})
