"""The e-mail digest: once a day, each subscriber gets what was published for them since the last.

Idempotent: a subscription's `sent_through` moves in the same transaction that writes the
notification, and a day's digest is sent once (`last_digest_on`), so a second run of the
job, or two workers at once, send nothing twice.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone

from wenchuang.core.notifications import notify

from .models import NewsItem, Subscription

# A digest lists at most this many items; the link leads to the rest.
DIGEST_ITEMS = 30


def items_for(subscription: Subscription, start, end):
    items = NewsItem.objects.filter(
        status="published", published_at__gt=start, published_at__lte=end
    )
    if subscription.kinds:
        items = items.filter(kind__in=subscription.kinds)
    category_ids = list(subscription.categories.values_list("id", flat=True))
    if category_ids:
        items = items.filter(categories__in=category_ids).distinct()
    return items.order_by("-published_at", "-id")


def send_digests(now: datetime.datetime | None = None) -> int:
    """Send each active subscriber today's digest, if anything new; returns how many were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    pending = Subscription.objects.filter(active=True, user__is_active=True).exclude(
        last_digest_on=today
    )
    for pk in pending.values_list("pk", flat=True):
        with transaction.atomic():
            subscription = (
                Subscription.objects.select_for_update().select_related("user").get(pk=pk)
            )
            if subscription.last_digest_on == today:
                continue  # another worker sent it meanwhile
            items = list(items_for(subscription, subscription.sent_through, now)[:DIGEST_ITEMS])
            subscription.sent_through = now
            subscription.last_digest_on = today
            subscription.save(update_fields=["sent_through", "last_digest_on"])
            if not items:
                continue
            notify(
                "news_digest",
                [subscription.user],
                {"items": items, "count": len(items)},
                link=reverse_lazy("news:list"),
            )
            sent += 1
    return sent
