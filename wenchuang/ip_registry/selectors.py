"""Reads of the registry: the public register, one work, likely copies of a registered work."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from . import similarity
from .models import Work


def register(*, q: str = "", kind: str = "") -> QuerySet[Work]:
    """The public register of works, newest first (everything it shows is public)."""
    rows = Work.objects.select_related("log_entry").order_by("-registered_at", "-id")
    if q:
        rows = (
            rows.filter(title__icontains=q)
            | rows.filter(holder__icontains=q)
            | rows.filter(content_sha256=q.lower())
        )
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def get_work(pk: int) -> Work:
    work = (
        Work.objects.select_related("log_entry", "organisation", "file", "owner")
        .filter(pk=pk)
        .first()
    )
    if work is None:
        raise Http404("work")
    return work


def likely_copies(work: Work, *, limit: int = 10) -> list[similarity.SimilarWork]:
    """Other registered works whose picture is close to this one's (by its stored pHash)."""
    value = work.image_hashes.filter(kind="phash").values_list("value", flat=True).first()
    if value is None:
        return []
    return similarity.similar_to_hash(
        value & 0xFFFFFFFFFFFFFFFF, limit=limit, exclude_work_id=work.pk
    )


def works_of(user: Any) -> QuerySet[Work]:
    return Work.objects.filter(owner=user).order_by("-registered_at")
