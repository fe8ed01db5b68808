"""Consulting requests: filing and routing, accepting or declining, thread, rating, escalation."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Organisation, Role
from wenchuang.core.audit import audit_record
from wenchuang.core.files import DOCUMENT_TYPES, file_store
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.regions import place
from wenchuang.core.transitions import changed_meanwhile, transition
from wenchuang.directory.models import Enterprise, ServiceProvider

from .. import permissions, routing, selectors
from ..models import ConsultingRequest, Decline, Message
from ..workflows import ESCALATE, RATE, REQUEST

# A request not answered within this many days is escalated to the centre's staff.
ANSWER_DAYS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _link(request: ConsultingRequest):
    return reverse_lazy("consulting:request", args=[request.pk])


def _region_of(organisation: Organisation):
    """Where the enterprise is: its organisation's region, else its directory record's."""
    if organisation.region_id:
        return organisation.region
    record = Enterprise.objects.filter(organisation=organisation).select_related("region").first()
    if record is None:
        raise ValidationError(_("Your enterprise has no region; ask the centre to complete it."))
    return record.region


def _tell_assigned(request: ConsultingRequest) -> None:
    if request.provider is not None:
        notify(
            "consulting_request_assigned",
            selectors.provider_people(request.provider),
            {"request": request},
            link=_link(request),
        )
    else:
        notify(
            "consulting_request_unassigned",
            selectors.staff_over(request.region_id),
            {"request": request},
            link=_link(request),
        )


def _attach(request: ConsultingRequest, uploads: Iterable[Any], by: Any) -> None:
    for upload in uploads:
        try:
            file_store(
                upload=upload,
                owner=request,
                by=by,
                accept=DOCUMENT_TYPES,
                max_bytes=MAX_ATTACHMENT_BYTES,
            )
        except ValidationError as error:
            name = getattr(upload, "name", "") or _("attachment")
            raise ValidationError({"attachments": f"{name}: {' '.join(error.messages)}"}) from error


@transaction.atomic
def request_file(
    *,
    by: Any,
    category: str,
    subject: str,
    question: str,
    language: str = "zh-hans",
    organisation: Organisation | None = None,
    provider: ServiceProvider | None = None,
    attachments: Iterable[Any] = (),
    now: datetime.datetime | None = None,
) -> ConsultingRequest:
    """An enterprise asks; the request goes to the provider it picked or the routing's choice."""
    require(permissions.can_file(by))
    mine = roles.organisations(by, Role.ENTERPRISE_REP)
    if organisation is None:
        organisation = Organisation.objects.filter(pk__in=mine).order_by("pk").first()
    if organisation is None or organisation.pk not in mine:
        raise PermissionDenied(_("You file requests only for an enterprise you represent."))
    now = now or timezone.now()
    request = ConsultingRequest(
        organisation=organisation,
        filed_by=by,
        category=category,
        subject=subject.strip(),
        question=question.strip(),
        language=language,
        filed_at=now,
        answer_due=now + datetime.timedelta(days=ANSWER_DAYS),
    )
    place(request, _region_of(organisation))
    request.full_clean(exclude=["region", "provider"])
    candidates = selectors.candidates()
    if provider is not None:
        allowed = {c.provider_id for c in routing.ranked(candidates, category, request.region_id)}
        if provider.pk not in allowed:
            raise ValidationError(
                {"provider": _("This provider is not certified for this category in your region.")}
            )
        request.provider, request.picked = provider, True
    else:
        chosen = routing.choose(candidates, category, request.region_id)
        request.provider_id = chosen.provider_id if chosen else None
    request.status = "waiting" if request.provider_id else "unassigned"
    request.assigned_at = now if request.provider_id else None
    request.save()
    _attach(request, attachments, by)
    audit_record(
        actor=by, action="create", instance=request, changes={"provider": request.provider_id}
    )
    _tell_assigned(request)
    return request


def _locked(request: ConsultingRequest) -> ConsultingRequest:
    """The request as it is now, locked until the end of the transaction."""
    current = (
        ConsultingRequest.objects.select_for_update(of=("self",))
        .select_related("provider")
        .get(pk=request.pk)
    )
    return current


@transaction.atomic
def request_accept(*, request: ConsultingRequest, by: Any) -> ConsultingRequest:
    """The assigned provider takes the request on. Of two providers clicking at once (one of
    them on a page from before the request moved on), only the assigned one succeeds."""
    current = _locked(request)
    require(permissions.may_work_on(by, current))
    transition(
        current,
        REQUEST,
        "accepted",
        by=by,
        expected="waiting",
        expected_values={"provider_id": current.provider_id},
        updates={"accepted_at": timezone.now()},
    )
    notify(
        "consulting_request_accepted",
        selectors.enterprise_people(current),
        {"request": current},
        link=_link(current),
    )
    return current


@transaction.atomic
def request_decline(*, request: ConsultingRequest, by: Any, reason: str) -> ConsultingRequest:
    """The assigned provider declines with a reason; the request goes to the next provider."""
    current = _locked(request)
    require(permissions.may_work_on(by, current))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you decline; the enterprise will read it.")})
    previous = current.provider
    if previous is None:  # may_work_on allows only the assigned provider; none is assigned
        raise changed_meanwhile(current)
    Decline.objects.create(request=current, provider=previous, reason=reason, by=by)
    declined = set(current.declines.values_list("provider_id", flat=True))
    chosen = routing.choose(
        selectors.candidates(), current.category, current.region_id, exclude=declined
    )
    now = timezone.now()
    transition(
        current,
        REQUEST,
        "waiting" if chosen else "unassigned",
        by=by,
        expected=current.status,
        expected_values={"provider_id": previous.pk},
        updates={
            "provider_id": chosen.provider_id if chosen else None,
            "assigned_at": now if chosen else None,
            "picked": False,
        },
        changes={"provider": [previous.pk, chosen.provider_id if chosen else None]},
        note=reason,
    )
    current.refresh_from_db()
    _tell_assigned(current)
    return current


@transaction.atomic
def request_assign(
    *, request: ConsultingRequest, by: Any, provider: ServiceProvider | None = None
) -> ConsultingRequest:
    """Staff send a request no provider could take to a provider (theirs, or the routing's)."""
    current = _locked(request)
    require(permissions.may_assign(by, current))
    candidates = selectors.candidates()
    allowed = routing.ranked(candidates, current.category, current.region_id)
    if provider is not None:
        chosen = next((c for c in allowed if c.provider_id == provider.pk), None)
        if chosen is None:
            raise ValidationError(
                {"provider": _("This provider is not certified for this category and region.")}
            )
    else:
        chosen = allowed[0] if allowed else None
        if chosen is None:
            raise ValidationError(_("No certified provider serves this category and region yet."))
    transition(
        current,
        REQUEST,
        "waiting",
        by=by,
        expected="unassigned",
        updates={"provider_id": chosen.provider_id, "assigned_at": timezone.now()},
        changes={"provider": [None, chosen.provider_id]},
    )
    current.refresh_from_db()
    _tell_assigned(current)
    return current


def _side(by: Any, request: ConsultingRequest) -> str:
    if permissions.is_requester(by, request):
        return Message.Side.ENTERPRISE
    return Message.Side.PROVIDER


@transaction.atomic
def message_post(
    *, request: ConsultingRequest, by: Any, text: str, attachments: Iterable[Any] = ()
) -> Message:
    """A follow-up question or a reply in the request's thread; the other side is told."""
    current = _locked(request)
    require(permissions.can_message(by, current))
    message = Message(request=current, author=by, side=_side(by, current), text=text.strip())
    if not message.text:
        raise ValidationError({"text": _("Write a message.")})
    message.full_clean()
    message.save()
    _attach(current, attachments, by)
    if message.side == Message.Side.ENTERPRISE:
        recipients = selectors.provider_people(current.provider) if current.provider else []
    else:
        recipients = selectors.enterprise_people(current)
    notify(
        "consulting_message",
        recipients,
        {"request": current, "message": message},
        link=_link(current),
    )
    return message


@transaction.atomic
def request_answer(*, request: ConsultingRequest, by: Any, text: str) -> Message:
    """The assigned provider answers (again, if asked more); the enterprise is told."""
    current = _locked(request)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the answer.")})
    now = timezone.now()
    transition(
        current,
        REQUEST,
        "answered",
        by=by,
        expected=current.status,
        expected_values={"provider_id": current.provider_id},
        updates={"answered_at": current.answered_at or now},
    )
    message = Message(request=current, author=by, side=Message.Side.PROVIDER, text=text)
    message.is_answer = True
    message.full_clean()
    message.save()
    notify(
        "consulting_request_answered",
        selectors.enterprise_people(current),
        {"request": current, "message": message},
        link=_link(current),
    )
    return message


@transaction.atomic
def request_close(*, request: ConsultingRequest, by: Any) -> ConsultingRequest:
    current = _locked(request)
    transition(
        current,
        REQUEST,
        "closed",
        by=by,
        expected=current.status,
        updates={"closed_at": timezone.now()},
    )
    return current


@transaction.atomic
def request_rate(
    *, request: ConsultingRequest, by: Any, rating: int, comment: str = ""
) -> ConsultingRequest:
    """The enterprise that asked rates the answer, 1 to 5, once."""
    current = _locked(request)
    require(permissions.can_rate(by, current))
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    comment = comment.strip()
    if len(comment) > 2000:
        raise ValidationError({"rating_comment": _("Keep the comment under 2,000 characters.")})
    now = timezone.now()
    rated = ConsultingRequest.objects.filter(pk=current.pk, rating__isnull=True).update(
        rating=value, rating_comment=comment, rated_at=now, updated_at=now
    )
    if not rated:
        raise ValidationError(_("This answer has already been rated."))
    current.rating, current.rating_comment, current.rated_at = value, comment, now
    audit_record(actor=by, action=RATE, instance=current, changes={"rating": value})
    if current.provider is not None:
        notify(
            "consulting_request_rated",
            selectors.provider_people(current.provider),
            {"request": current},
            link=_link(current),
        )
    return current


def requests_escalate(now: datetime.datetime | None = None) -> int:
    """Tell staff of each request still unanswered past its deadline, once (the hourly job)."""
    now = now or timezone.now()
    due = ConsultingRequest.objects.filter(
        status__in=ConsultingRequest.OPEN, answer_due__lt=now, escalated_at=None
    ).select_related("provider")
    escalated = 0
    for request in due.order_by("id"):
        with transaction.atomic():
            claimed = ConsultingRequest.objects.filter(pk=request.pk, escalated_at=None).update(
                escalated_at=now
            )
            if not claimed:
                continue
            request.escalated_at = now
            staff = list(selectors.staff_over(request.region_id))
            notify("consulting_request_escalated", staff, {"request": request}, link=_link(request))
            audit_record(
                actor=None,
                action=ESCALATE,
                instance=request,
                note=f"unanswered since {request.filed_at:%Y-%m-%d}: {len(staff)} user(s)",
            )
        escalated += 1
    return escalated
