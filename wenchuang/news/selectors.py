"""Reads of the information release: public lists, an item for its reader, editors' lists."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from wenchuang.core import search
from wenchuang.core.permissions import require
from wenchuang.core.regions import jurisdiction_scope

from . import permissions
from .models import Category, NewsItem
from .search import kind_facet

# Above this many matches a search lists newest first instead of ranking (ranking reads
# every match; see core.search.matches_more_than).
RANK_CAP = 2_000


def published(*, kind: str = "", category: str = "", q: str = "") -> QuerySet[NewsItem]:
    """Published items, newest first, or the most relevant first for a search."""
    items = NewsItem.objects.filter(status="published").select_related("region")
    if kind:
        items = items.filter(kind=kind)
    if category:
        items = items.filter(categories__code=category)
    if not q:
        return items.order_by("-published_at", "-id")
    facets = kind_facet(kind)
    matched = search.apply_search(items, q, facet_tokens=facets)
    if search.matches_more_than(NewsItem, q, RANK_CAP, facet_tokens=facets):
        return search.order_by(matched, "-id")
    return matched.order_by(search.RANK, "-id")


def latest(limit: int = 5) -> list[NewsItem]:
    return list(published()[:limit])


def get_item_for_view(user: Any, pk: int) -> NewsItem:
    item = (
        NewsItem.objects.select_related("region", "call", "created_by")
        .prefetch_related("categories")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    if not permissions.can_view(user, item):
        # A draft is not announced to the public: it does not exist for them.
        if not getattr(user, "is_authenticated", False):
            raise Http404
        require(permissions.can_view(user, item))
    return item


def get_item_for_editor(user: Any, pk: int) -> NewsItem:
    item = NewsItem.objects.select_related("region", "call").filter(pk=pk).first()
    if item is None:
        raise Http404
    require(permissions.can_write_in(user, item.region_id))
    return item


def items_for_editor(user: Any, *, status: str = "") -> QuerySet[NewsItem]:
    """Every item of the user's jurisdiction, in any state, most recently changed first."""
    require(permissions.can_manage(user))
    items = jurisdiction_scope(user, NewsItem.objects.select_related("region"))
    if status:
        items = items.filter(status=status)
    return items.order_by("-updated_at", "-id")


def visible_items(user: Any, *, kind: str = "", q: str = "") -> QuerySet[NewsItem]:
    """For the API: published items, and the user's jurisdiction's items in any state."""
    mine = jurisdiction_scope(user, NewsItem.objects.all())
    public = NewsItem.objects.filter(status="published")
    items = (public | mine).select_related("region")
    if kind:
        items = items.filter(kind=kind)
    if q:
        return search.apply_search(items, q).order_by(search.RANK, "-id")
    return items.order_by("-published_at", "-id")


def categories() -> QuerySet[Category]:
    return Category.objects.all()
