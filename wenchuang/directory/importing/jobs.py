"""Imports as background jobs: storing an upload and queueing its import."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wenchuang.core.permissions import require
from wenchuang.core.tabular import store_upload

from ..models import ImportJob
from ..permissions import can_import
from .columns import KINDS

UPLOAD_EXTENSIONS = frozenset({"csv", "xlsx"})


def import_job_start(*, record_type: str, uploaded_file, by, partial: bool = False) -> ImportJob:
    """Store an uploaded file by its content hash and queue its import as a background task."""
    require(can_import(by))
    if record_type not in KINDS:
        raise ValidationError(_("Unknown kind of record: %(kind)s.") % {"kind": record_type})
    name = Path(uploaded_file.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in UPLOAD_EXTENSIONS:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    limit = settings.MAX_IMPORT_UPLOAD_BYTES
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": limit // (1024 * 1024)}
        )
    stored = store_upload(uploaded_file, extension, limit)
    job = ImportJob.objects.create(
        record_type=record_type, file_name=name[:255], file_path=str(stored), created_by=by
    )
    from ..tasks import run_import_job

    run_import_job.enqueue(job.pk, partial)
    job.refresh_from_db()
    return job
