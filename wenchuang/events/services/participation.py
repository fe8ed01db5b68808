"""Participants' writes: registering, the organiser's decision, field visits, availability."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core.audit import audit_record
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.transitions import transition

from .. import permissions
from ..models import (
    Availability,
    Event,
    FieldVisit,
    FieldVisitSignUp,
    MeetingSlot,
    Registration,
)
from ..workflows import REGISTER, REGISTRATION

# Language codes a participant may meet in (ISO 639-1).
MEETING_LANGUAGES = ("zh", "en", "fr", "de", "ja", "ko", "es", "it", "ru", "ar", "pt")


def _clean_languages(languages: list[str]) -> list[str]:
    unknown = [code for code in languages if code not in MEETING_LANGUAGES]
    if unknown:
        raise ValidationError(
            {"languages": _("Unknown language code “%(code)s”.") % {"code": unknown[0]}}
        )
    return list(dict.fromkeys(languages))


@transaction.atomic
def register(
    *,
    event: Event,
    by: Any,
    role: str,
    country: str,
    languages: list[str] | None = None,
    time_zone: str = "",
    interests: str = "",
    display_name: str = "",
) -> Registration:
    """The user's registration, awaiting the organiser's approval (again after withdrawing)."""
    require(permissions.can_register(by, event))
    existing = Registration.objects.select_for_update().filter(event=event, user=by).first()
    if existing is not None and existing.status != Registration.Status.WITHDRAWN:
        raise ValidationError(_("You are registered for this event already."))
    organisation = getattr(by, "organisation", None)
    registration = existing or Registration(event=event, user=by)
    registration.organisation = organisation
    registration.role = role
    registration.country = (country or "").strip().upper()
    registration.languages = _clean_languages(languages or [])
    registration.time_zone = time_zone or event.time_zone
    registration.interests = interests
    registration.display_name = display_name or str(organisation or by.get_full_name() or by)
    _link_directory_record(registration)
    registration.full_clean(exclude=["status"] if existing else None)
    if existing is not None:
        registration.save()
        transition(registration, REGISTRATION, Registration.Status.PENDING, by=by)
    else:
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as exc:  # a double click: the other request registered
            raise ValidationError(_("You are registered for this event already.")) from exc
        audit_record(actor=by, action=REGISTER, instance=registration)
    return registration


def _link_directory_record(registration: Registration) -> None:
    """The participant's profile: the directory record of the organisation they act for."""
    from wenchuang.directory.models import Enterprise, Investor, Park

    org = registration.organisation_id
    if org is None:
        return
    registration.enterprise = Enterprise.objects.filter(organisation_id=org).first()
    registration.investor = Investor.objects.filter(organisation_id=org).first()
    registration.park = Park.objects.filter(organisation_id=org).first()


@transaction.atomic
def registration_decide(*, registration: Registration, by: Any, approve: bool) -> Registration:
    target = Registration.Status.APPROVED if approve else Registration.Status.REJECTED
    transition(
        registration,
        REGISTRATION,
        target,
        by=by,
        updates={"decided_by": by, "decided_at": timezone.now()},
    )
    notify(
        "event_registration_decided",
        [registration.user],
        {"registration": registration, "event": registration.event, "approved": approve},
        link=reverse_lazy("events:detail", args=[registration.event_id]),
    )
    return registration


@transaction.atomic
def registration_withdraw(*, registration: Registration, by: Any) -> Registration:
    """Withdraw; the participant's open requests are cancelled and meetings dropped."""
    from ..models import Meeting, MeetingRequest

    transition(registration, REGISTRATION, Registration.Status.WITHDRAWN, by=by)
    mine = MeetingRequest.objects.filter(status__in=MeetingRequest.OPEN).filter(
        requester=registration
    ) | MeetingRequest.objects.filter(status__in=MeetingRequest.OPEN, recipient=registration)
    ids = list(mine.values_list("pk", flat=True))
    Meeting.objects.filter(request_id__in=ids).update(status=Meeting.Status.CANCELLED)
    MeetingRequest.objects.filter(pk__in=ids).update(
        status=MeetingRequest.Status.CANCELLED, updated_at=timezone.now()
    )
    FieldVisitSignUp.objects.filter(registration=registration).delete()
    return registration


@transaction.atomic
def field_visit_sign_up(*, visit: FieldVisit, by: Any) -> FieldVisitSignUp:
    """A place on a field visit; refused when it is full (the visit row is locked first)."""
    registration = permissions.approved_registration(by, visit.event)
    if registration is None:
        raise ValidationError(_("Only approved participants sign up for field visits."))
    visit = FieldVisit.objects.select_for_update().get(pk=visit.pk)
    if FieldVisitSignUp.objects.filter(visit=visit, registration=registration).exists():
        raise ValidationError(_("You are signed up for this visit already."))
    if FieldVisitSignUp.objects.filter(visit=visit).count() >= visit.capacity:
        raise ValidationError(
            _("This field visit is full (%(capacity)s places).") % {"capacity": visit.capacity}
        )
    return FieldVisitSignUp.objects.create(visit=visit, registration=registration)


@transaction.atomic
def field_visit_leave(*, visit: FieldVisit, by: Any) -> None:
    FieldVisitSignUp.objects.filter(visit=visit, registration__user=by).delete()


@transaction.atomic
def availability_set(*, registration: Registration, by: Any, slot_ids: list[int]) -> list[int]:
    """The slots the participant may meet in (replaces the previous choice)."""
    if registration.user_id != getattr(by, "pk", None):
        require(permissions.can_organise(by, registration.event))
    require(permissions.can_meet(registration))
    slots = set(
        MeetingSlot.objects.filter(event=registration.event, pk__in=slot_ids).values_list(
            "pk", flat=True
        )
    )
    unknown = set(slot_ids) - slots
    if unknown:
        raise ValidationError(
            {"slots": _("Unknown slot %(id)s for this event.") % {"id": min(unknown)}}
        )
    Availability.objects.filter(registration=registration).exclude(slot_id__in=slots).delete()
    have = set(
        Availability.objects.filter(registration=registration).values_list("slot_id", flat=True)
    )
    Availability.objects.bulk_create(
        [Availability(registration=registration, slot_id=s) for s in sorted(slots - have)]
    )
    return sorted(slots)
