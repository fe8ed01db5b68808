"""Uploaded files: checked by content and size, stored by content hash, read only with leave.

A domain registers each model that owns files with a callback that answers who may read
them (`register_file_owner(Application, can_read=..., can_attach=...)`), stores uploads with
`file_store(...)` and links to `core:file`. Types are recognised from the bytes (magic
numbers, via `filetype`), never from the name; images are measured before they are decoded,
so a small file that would unpack to gigabytes of pixels is refused.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import StoredFile
from .permissions import Decision, require

# Types by the extension `filetype` gives them; a domain passes the set it accepts.
DOCUMENT_TYPES = frozenset({"pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "webp"})
IMAGE_TYPES = frozenset({"png", "jpg", "gif", "webp"})
MAX_UPLOAD_BYTES = int(getattr(settings, "MAX_FILE_UPLOAD_BYTES", 20 * 1024 * 1024))
# 40 megapixels: a 8,000 × 5,000 photo; a bitmap beyond that is refused before decoding.
MAX_IMAGE_PIXELS = int(getattr(settings, "MAX_IMAGE_PIXELS", 40_000_000))
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileOwnerRules:
    can_read: Callable[[Any, models.Model], Decision]
    can_attach: Callable[[Any, models.Model], Decision]


_OWNERS: dict[type[models.Model], FileOwnerRules] = {}


def register_file_owner(
    model: type[models.Model],
    *,
    can_read: Callable[[Any, models.Model], Decision],
    can_attach: Callable[[Any, models.Model], Decision],
) -> None:
    """Declare that `model` owns files, and who may read them and attach new ones."""
    _OWNERS[model] = FileOwnerRules(can_read=can_read, can_attach=can_attach)


class ImproperlyRegistered(LookupError):
    """A model was given files without `register_file_owner`."""


def _rules(model: type[models.Model]) -> FileOwnerRules:
    try:
        return _OWNERS[model]
    except KeyError:
        raise ImproperlyRegistered(f"{model._meta.label} does not own files") from None


def files_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "files"


def path_of(stored: StoredFile) -> Path:
    return files_root() / stored.relative_path


def _chunks(upload: Any) -> Iterable[bytes]:
    if hasattr(upload, "chunks"):
        yield from upload.chunks(CHUNK)
    else:
        upload.seek(0)
        while chunk := upload.read(CHUNK):
            yield chunk


def check_image(upload: Any) -> None:
    """Refuse images whose pixel count is out of bounds, reading only their header."""
    from PIL import Image

    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("The image is %(width)d × %(height)d pixels; the limit is %(limit)s.")
                        % {"width": width, "height": height, "limit": f"{MAX_IMAGE_PIXELS:,}"},
                        code="image_too_large",
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image has too many pixels to be opened safely."), code="image_too_large"
        ) from None
    except Exception:
        raise ValidationError(
            _("The image is damaged or not an image."), code="bad_image"
        ) from None
    finally:
        upload.seek(0)


def sniff(upload: Any, accept: frozenset[str]) -> tuple[str, str]:
    """The (extension, MIME type) the file's content shows, if it is one of `accept`."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in accept:
        raise ValidationError(
            _("The file's content is not of an accepted type (%(types)s), whatever its name.")
            % {"types": ", ".join(sorted(accept))},
            code="bad_type",
        )
    return kind.extension, kind.mime


def _write_by_hash(upload: Any, max_bytes: int) -> tuple[str, int]:
    """Copy the upload into the store under its SHA-256; returns (hash, size)."""
    root = files_root()
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=root, delete=False) as temp:
        try:
            for chunk in _chunks(upload):
                size += len(chunk)
                if size > max_bytes:  # the declared size may lie; the bytes do not
                    raise _too_large(max_bytes)
                digest.update(chunk)
                temp.write(chunk)
        except BaseException:
            os.unlink(temp.name)
            raise
    sha = digest.hexdigest()
    target = root / sha[:2] / sha[2:4] / sha
    target.parent.mkdir(parents=True, exist_ok=True)
    # Same name, same bytes: replacing an existing copy (or racing another upload) is harmless.
    os.replace(temp.name, target)
    return sha, size


def _too_large(max_bytes: int) -> ValidationError:
    return ValidationError(
        _("The file is larger than %(limit)s.") % {"limit": filesizeformat(max_bytes)},
        code="too_large",
    )


@transaction.atomic
def file_store(
    *,
    upload: Any,
    owner: models.Model,
    by: Any,
    accept: frozenset[str] = DOCUMENT_TYPES,
    max_bytes: int | None = None,
    name: str | None = None,
) -> StoredFile:
    """Check an upload (leave to attach, size, type by content, image bounds) and store it."""
    require(_rules(type(owner)).can_attach(by, owner))
    max_bytes = max_bytes or MAX_UPLOAD_BYTES
    declared = getattr(upload, "size", None)
    if declared is not None and declared > max_bytes:
        raise _too_large(max_bytes)
    extension, mime = sniff(upload, accept)
    if extension in IMAGE_TYPES:
        check_image(upload)
    sha, size = _write_by_hash(upload, max_bytes)
    original = Path(name or getattr(upload, "name", "") or f"file.{extension}").name
    return StoredFile.objects.create(
        sha256=sha,
        size=size,
        content_type=mime,
        original_name=original[:255],
        owner_type=ContentType.objects.get_for_model(type(owner)),
        owner_id=str(owner.pk),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )


def files_of(owner: models.Model):
    """The files attached to a record, oldest first."""
    return StoredFile.objects.filter(
        owner_type=ContentType.objects.get_for_model(type(owner)), owner_id=str(owner.pk)
    ).order_by("uploaded_at", "pk")


def get_file_for_reader(user: Any, pk: int) -> StoredFile:
    """The stored file if `user` may read it; 404 when it or its owner is gone, else 403."""
    stored = StoredFile.objects.select_related("owner_type").filter(pk=pk).first()
    if stored is None:
        raise Http404("file")
    model = stored.owner_type.model_class()
    owner = stored.owner
    if model is None or owner is None or model not in _OWNERS:
        raise Http404("file")
    decision = _OWNERS[model].can_read(user, owner)
    if not decision:
        raise PermissionDenied(decision.reason)
    return stored
