"""Writes of the information release: one function per use case, permission first, audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core import search
from wenchuang.core.audit import audit_record
from wenchuang.core.permissions import require
from wenchuang.core.regions import place
from wenchuang.core.transitions import changed_meanwhile, transition, version_of
from wenchuang.reference.models import Region

from . import permissions
from .models import Category, NewsItem, Subscription
from .workflows import PUBLICATION

# What a form or an API client may set on an item (the translated columns and the rest).
EDITABLE = [
    *(
        f"{base}_{s}"
        for base in ("title", "summary", "body")
        for s in ("zh_hans", "en", "fr", "de")
    ),
    "kind",
    "source_language",
    "issuing_authority",
    "document_number",
    "effective_on",
    "expires_on",
    "call",
    "event_starts_on",
    "venue",
]


def _fill(item: NewsItem, data: dict[str, Any]) -> None:
    for name in EDITABLE:
        if name in data:
            value = data[name]
            if name == "call":
                item.call_id = getattr(value, "pk", value)
            else:
                setattr(item, name, "" if value is None and not _nullable(name) else value)


def _nullable(name: str) -> bool:
    return NewsItem._meta.get_field(name).null


def _save(item: NewsItem, categories: Iterable[Category] | None) -> None:
    item.full_clean(exclude=["search_text", "province_code", "prefecture_code"])
    item.save()  # sanitises the bodies
    if categories is not None:
        item.categories.set(list(categories))
    item.search_text = search.document(item)
    NewsItem.objects.filter(pk=item.pk).update(search_text=item.search_text)


@transaction.atomic
def item_create(
    *,
    by: Any,
    region: Region,
    data: dict[str, Any],
    categories: Iterable[Category] | None = None,
) -> NewsItem:
    """A new draft released by `region`'s staff."""
    require(permissions.can_write_in(by, region.code))
    item = NewsItem(created_by=by, status=NewsItem.Status.DRAFT)
    place(item, region)
    _fill(item, data)
    _save(item, categories)
    audit_record(actor=by, action="create", instance=item)
    return item


@transaction.atomic
def item_update(
    *,
    item: NewsItem,
    by: Any,
    data: dict[str, Any],
    categories: Iterable[Category] | None = None,
    version: str | None = None,
) -> NewsItem:
    """Change a draft or an item in review; an edit from an older version is refused."""
    current = NewsItem.objects.select_for_update().get(pk=item.pk)
    require(permissions.may_edit(by, current))
    if version is not None and version != version_of(current):
        raise changed_meanwhile(current)
    before = {name: getattr(current, name) for name in EDITABLE if name != "call"}
    _fill(current, data)
    _save(current, categories)
    changes = {
        name: [str(before[name]), str(getattr(current, name))]
        for name in before
        if before[name] != getattr(current, name)
    }
    audit_record(actor=by, action="update", instance=current, changes=changes)
    return current


@transaction.atomic
def item_move(
    *,
    item: NewsItem,
    by: Any,
    target: str,
    publish_at: datetime.datetime | None = None,
    expected: str | None = None,
) -> NewsItem:
    """Move an item along its table; scheduling needs a time that is still to come."""
    updates: dict[str, Any] = {}
    if target == "scheduled":
        if publish_at is None:
            raise ValidationError({"publish_at": _("Choose when the item is to be published.")})
        if publish_at <= timezone.now():
            raise ValidationError(
                {
                    "publish_at": _(
                        "This time has already passed: choose a time to come, or publish now."
                    )
                }
            )
        updates["publish_at"] = publish_at
    elif target == "published":
        updates["published_at"] = timezone.now()
        updates["publish_at"] = None
    elif target in ("review", "draft"):
        updates["publish_at"] = None
    transition(item, PUBLICATION, target, by=by, expected=expected, updates=updates)
    item.refresh_from_db()
    return item


def publish_due(now: datetime.datetime | None = None) -> int:
    """The periodic job: publish every scheduled item whose time has come; returns how many."""
    now = now or timezone.now()
    done = 0
    due = NewsItem.objects.filter(status="scheduled", publish_at__lte=now).order_by("publish_at")
    for item in due:
        with transaction.atomic():
            # The scheduled time is the publication time, so a late run keeps the order.
            transition(
                item,
                PUBLICATION,
                "published",
                by=None,
                expected="scheduled",
                expected_values={"publish_at": item.publish_at},
                updates={"published_at": item.publish_at, "publish_at": None},
            )
            done += 1
    return done


@transaction.atomic
def subscription_save(
    *, by: Any, kinds: Iterable[str], categories: Iterable[Category], active: bool = True
) -> Subscription:
    """Choose what the digest brings; it starts with what is published from now on."""
    require(permissions.can_subscribe(by))
    kinds = [k for k in kinds if k in NewsItem.Kind.values]
    subscription, _created = Subscription.objects.get_or_create(
        user=by, defaults={"sent_through": timezone.now()}
    )
    subscription.kinds = sorted(set(kinds))
    subscription.active = active
    subscription.save()
    subscription.categories.set(list(categories))
    return subscription
