"""Registering a work: store its file, hash its picture, append it to the log, in one go."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wenchuang.core.audit import audit_record
from wenchuang.core.files import file_store
from wenchuang.core.permissions import require
from wenchuang.core.verbs import register_verb

from . import canonical, log, permissions, similarity
from .models import Work, WorkImageHash

REGISTER = register_verb("register_work", gettext_lazy("work registered"))

# What each type of work may be deposited as (recognised from the bytes, not the name).
ACCEPTED_FILES: dict[str, frozenset[str]] = {
    Work.Kind.IMAGE: frozenset({"png", "jpg", "gif", "webp"}),
    Work.Kind.DESIGN: frozenset({"png", "jpg", "gif", "webp", "pdf"}),
    Work.Kind.TEXT: frozenset({"pdf", "docx", "odt", "epub", "rtf"}),
    Work.Kind.AUDIO: frozenset({"mp3", "wav", "ogg", "flac", "m4a"}),
    Work.Kind.VIDEO: frozenset({"mp4", "webm", "mov", "mkv", "avi"}),
    Work.Kind.SOFTWARE: frozenset({"zip", "gz", "tar", "7z", "xz", "bz2"}),
}
PICTURE_KINDS = {Work.Kind.IMAGE, Work.Kind.DESIGN}


@dataclass
class Registration:
    work: Work
    # Registered works this picture likely copies (found before it was added).
    similar: list[similarity.SimilarWork] = field(default_factory=list)


def _holder_name(by: Any, organisation: Any) -> str:
    if organisation is not None:
        return str(organisation)
    return by.get_full_name() or by.username


@transaction.atomic
def work_register(
    *,
    by: Any,
    title: str,
    language: str,
    kind: str,
    authors: str,
    created_on: datetime.date,
    upload: Any,
    description: str = "",
    organisation: Any = None,
) -> Registration:
    """Register a work: check, store the file by SHA-256, hash a picture, append to the log."""
    require(permissions.can_register(by, getattr(organisation, "pk", None)))
    if created_on > timezone.localdate():
        raise ValidationError({"created_on": _("A work cannot be created in the future.")})
    work = Work(
        title=title.strip(),
        language=language,
        kind=kind,
        authors="\n".join(line.strip() for line in authors.splitlines() if line.strip()),
        created_on=created_on,
        description=description,
        owner=by,
        organisation=organisation,
        holder=_holder_name(by, organisation)[:200],
        registered_at=timezone.now(),
        content_sha256="0" * 64,  # replaced below, once the file is stored
    )
    if not work.authors:
        raise ValidationError({"authors": _("Name at least one author.")})
    work.full_clean(exclude=["content_sha256"])
    picture = None
    if kind in PICTURE_KINDS:
        try:
            picture = similarity.open_image(_read(upload))
        except ValidationError as error:
            if kind == Work.Kind.IMAGE or error.code != "bad_type":
                raise ValidationError({"upload": error.messages}) from None
    work.save()
    try:
        stored = file_store(upload=upload, owner=work, by=by, accept=ACCEPTED_FILES[kind])
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    work.file = stored
    work.content_sha256 = stored.sha256
    work.save(update_fields=["file", "content_sha256"])
    similar: list[similarity.SimilarWork] = []
    if picture is not None:
        similar = similarity.similar_to_image(picture)
        hashes = similarity.image_hashes(picture)
    # The log's lock is held from here to the commit: the hashes' ids are allocated in commit
    # order, which lets the in-memory index read only the rows after the last id it saw.
    log.append(canonical.leaf_of(work), work=work)
    if picture is not None:
        WorkImageHash.objects.bulk_create(
            WorkImageHash(work=work, kind=name, value=similarity.to_signed(value))
            for name, value in hashes.items()
        )
    audit_record(actor=by, action=REGISTER, instance=work, changes={"title": work.title})
    return Registration(work=work, similar=similar)


def _read(upload: Any) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data
