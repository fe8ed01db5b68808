"""Certification of service providers: applying with documents, staff decisions, expiry."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core import generations
from wenchuang.core.audit import audit_record
from wenchuang.core.files import DOCUMENT_TYPES, file_store
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.regions import place
from wenchuang.core.transitions import transition
from wenchuang.directory.models import ServiceProvider
from wenchuang.reference.models import Region

from .. import permissions, selectors
from ..models import Certification, Scope
from ..workflows import CERTIFICATION, REMIND_EXPIRY

# A certification is granted for two years unless staff say otherwise.
DEFAULT_VALIDITY_DAYS = 730
# Providers are reminded this long before their certification ends.
REMIND_DAYS_BEFORE = 60
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Moves that need a reason the provider can read.
NEEDS_REASON = ("refused", "suspended", "revoked")


def _clean_scopes(scopes: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(s for s in scopes if s))
    unknown = [s for s in chosen if s not in Scope.values]
    if not chosen or unknown:
        raise ValidationError({"scopes": _("Choose at least one scope from the list.")})
    return chosen


def _clean_regions(codes: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    if not chosen:
        raise ValidationError({"regions_served": _("Name at least one region served.")})
    known = set(Region.objects.filter(code__in=chosen).values_list("code", flat=True))
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise ValidationError(
            {"regions_served": _("Unknown region code: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    return chosen


def sync_directory(provider_id: int) -> bool:
    """Keep the directory's "certified by the centre" in step with the certifications."""
    certified = Certification.objects.filter(provider_id=provider_id, status="certified").exists()
    ServiceProvider.objects.filter(pk=provider_id).exclude(certified=certified).update(
        certified=certified
    )
    generations.bump(ServiceProvider)
    return certified


@transaction.atomic
def certification_apply(
    *,
    provider: ServiceProvider,
    by: Any,
    scopes: Iterable[str],
    regions_served: Iterable[str],
    staff_names: str,
    documents: Iterable[Any] = (),
) -> Certification:
    """A provider applies for certification; every document is checked by its content.

    A document that is not what its name says is refused and nothing is saved, so the form
    comes back with what was typed.
    """
    require(permissions.can_apply(by, provider))
    if Certification.objects.filter(provider=provider, status__in=Certification.OPEN).exists():
        raise ValidationError(
            _("This provider already has an application or a certification in force.")
        )
    certification = Certification(
        provider=provider,
        scopes=_clean_scopes(scopes),
        regions_served=_clean_regions(regions_served),
        staff_names=staff_names.strip(),
        applied_by=by,
    )
    if not certification.staff_names:
        raise ValidationError({"staff_names": _("Name the staff who will give advice.")})
    place(certification, provider.region)
    certification.full_clean(exclude=["region"])
    certification.save()
    documents = list(documents)
    if not documents:
        raise ValidationError({"documents": _("Attach at least one document (licence, etc.).")})
    for upload in documents:
        _store(certification, upload, by)
    audit_record(actor=by, action="submit", instance=certification)
    notify(
        "consulting_certification_applied",
        selectors.staff_over(certification.region_id),
        {"certification": certification},
        link=reverse_lazy("consulting:certification", args=[certification.pk]),
    )
    return certification


def _store(certification: Certification, upload: Any, by: Any) -> None:
    try:
        file_store(
            upload=upload,
            owner=certification,
            by=by,
            accept=DOCUMENT_TYPES,
            max_bytes=MAX_DOCUMENT_BYTES,
        )
    except ValidationError as error:
        name = getattr(upload, "name", "") or _("document")
        raise ValidationError(
            {"documents": f"{name}: {' '.join(error.messages)}"}, code=error.code
        ) from error


@transaction.atomic
def certification_attach(*, certification: Certification, by: Any, upload: Any) -> None:
    """Add a document to an application awaiting its decision."""
    require(permissions.can_attach_to_certification(by, certification))
    _store(certification, upload, by)


@transaction.atomic
def certification_decide(
    *,
    certification: Certification,
    target: str,
    by: Any,
    reason: str = "",
    valid_until: datetime.date | None = None,
) -> Certification:
    """Certify for a period, refuse, suspend, reinstate or revoke; the directory follows."""
    reason = reason.strip()
    if target in NEEDS_REASON and not reason:
        raise ValidationError({"reason": _("Give the reason; the provider will read it.")})
    updates: dict[str, Any] = {"reason": reason}
    if target == "certified" and certification.status == "applied":
        today = timezone.localdate()
        valid_until = valid_until or today + datetime.timedelta(days=DEFAULT_VALIDITY_DAYS)
        if valid_until <= today:
            raise ValidationError({"valid_until": _("The validity must end after today.")})
        updates.update(valid_from=today, valid_until=valid_until)
    transition(
        certification,
        CERTIFICATION,
        target,
        by=by,
        expected=certification.status,
        updates=updates,
        changes={k: str(v) for k, v in updates.items() if k != "reason"},
        note=reason,
    )
    sync_directory(certification.provider_id)
    notify(
        "consulting_certification_decided",
        selectors.provider_people(certification.provider),
        {"certification": certification},
        link=reverse_lazy("consulting:certification", args=[certification.pk]),
    )
    return certification


def certifications_expire(today: datetime.date | None = None) -> int:
    """Expire certifications past their validity (the daily job; safe to run twice)."""
    today = today or timezone.localdate()
    due = Certification.objects.filter(status__in=("certified", "suspended"), valid_until__lt=today)
    expired = 0
    for certification in due.select_related("provider").order_by("id").iterator():
        try:
            with transaction.atomic():
                transition(certification, CERTIFICATION, "expired", by=None)
                sync_directory(certification.provider_id)
        except ValidationError:  # moved meanwhile
            continue
        expired += 1
    return expired


def certification_reminders(today: datetime.date | None = None) -> int:
    """Remind each provider once per validity period that its certification ends soon."""
    today = today or timezone.localdate()
    due = Certification.objects.filter(
        status="certified",
        valid_until__gte=today,
        valid_until__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("provider")
    sent = 0
    for certification in due.order_by("id"):
        if certification.reminder_sent_for == certification.valid_until:
            continue
        with transaction.atomic():
            # Claim the period first: of two runs at once, only one finds the old mark.
            claimed = Certification.objects.filter(
                pk=certification.pk, reminder_sent_for=certification.reminder_sent_for
            ).update(reminder_sent_for=certification.valid_until)
            if not claimed:
                continue
            recipients = list(selectors.provider_people(certification.provider))
            notify(
                "consulting_certification_expiring",
                recipients,
                {
                    "certification": certification,
                    "days": ((certification.valid_until or today) - today).days,
                },
                link=reverse_lazy("consulting:certification", args=[certification.pk]),
            )
            audit_record(
                actor=None,
                action=REMIND_EXPIRY,
                instance=certification,
                note=f"ends {certification.valid_until}: {len(recipients)} user(s)",
            )
        sent += 1
    return sent
