"""Telling users that something happened: `notify()` writes in-app notifications and emails them.

A domain describes an event by two templates, `notifications/<event>/subject.txt` and
`notifications/<event>/body.txt`, rendered once per recipient in that recipient's language.
The in-app rows are written in the caller's transaction (they roll back with it); the mails
leave only after it commits, so a mail is never sent for a change that was rolled back, and a
mail server that refuses one message cannot undo the work already saved.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification

logger = logging.getLogger(__name__)

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def recipient_language(user: Any) -> str:
    """The language a user reads their mail in: their preference, else the site's default."""
    language = getattr(user, "language", "") or ""
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _render(
    event: str, context: Mapping[str, Any], link: Any, language: str
) -> tuple[str, str, str]:
    with translation.override(language):
        subject = render_to_string(f"notifications/{event}/subject.txt", dict(context))
        body = render_to_string(f"notifications/{event}/body.txt", dict(context))
        # A lazy reverse() gives the page in the recipient's language (/fr/..., /de/...).
        address = str(link)
    # A subject is one line (a mail header); templates end with a newline.
    return " ".join(subject.split())[:255], body.strip(), address


def notify(
    event: str,
    recipients: Iterable[Any],
    context: Mapping[str, Any] | None = None,
    *,
    link: Any = "",
    email: bool = True,
) -> list[Notification]:
    """Notify each active recipient of `event`, in their language, in the app and by email.

    Returns the notifications written (one per recipient). Recipients are users; the same
    user listed twice is notified once. `link` may be a lazy `reverse_lazy(...)`, so each
    recipient gets the page in their language.
    """
    context = dict(context or {})
    written: list[Notification] = []
    seen: set[int] = set()
    for user in recipients:
        if not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        language = recipient_language(user)
        subject, body, address = _render(event, {**context, "recipient": user}, link, language)
        written.append(
            Notification(
                recipient=user,
                event=event,
                subject=subject,
                body=body,
                link=address,
                language=language,
            )
        )
    Notification.objects.bulk_create(written)
    if email:
        ids = [n.pk for n in written if n.recipient.email]
        if ids:
            transaction.on_commit(lambda: send_notification_emails(ids))
    return written


def send_notification_emails(notification_ids: list[int]) -> int:
    """Mail each notification to its recipient, one message at a time; returns how many left.

    One refused message is logged and noted on its notification, and the others still go.
    """
    sent = 0
    pending = Notification.objects.select_related("recipient").filter(
        pk__in=notification_ids, emailed_at__isnull=True
    )
    for notification in pending:
        try:
            send_mail(
                notification.subject,
                notification.body,
                None,
                [notification.recipient.email],
            )
        except Exception as error:  # any transport error: SMTP, DNS, connection refused
            logger.warning("notification %s not emailed: %s", notification.pk, error)
            Notification.objects.filter(pk=notification.pk).update(email_error=str(error)[:500])
            continue
        Notification.objects.filter(pk=notification.pk).update(
            emailed_at=timezone.now(), email_error=""
        )
        sent += 1
    return sent


def unread_count(user: Any) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user: Any):
    """A user's notifications, newest first."""
    return Notification.objects.filter(recipient=user)


def notifications_mark_read(*, user: Any) -> int:
    """Mark every unread notification of `user` as read; returns how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
