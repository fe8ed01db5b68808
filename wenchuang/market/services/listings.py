"""Writes on listings: create, edit, images, moderation, withdrawal; buyers' profiles."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.audit import audit_record
from wenchuang.core.files import IMAGE_TYPES, file_store
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.regions import place
from wenchuang.core.transitions import changed_meanwhile, transition, version_of
from wenchuang.reference.models import IndustryCategory

from .. import permissions
from ..models import BuyerProfile, Listing
from ..search import document
from ..selectors import moderators_of
from ..workflows import ADD_IMAGE, LISTING

# The fields a seller writes (forms and the API send a subset).
LISTING_FIELDS = (
    "kind",
    "category",
    *(
        f"{name}_{code}"
        for name in ("title", "description")
        for code in ("zh_hans", "en", "fr", "de")
    ),
    "price",
    "currency",
    "unit",
    "minimum_order",
    "lead_time_days",
    "exportable",
    "countries",
    "hs_code",
    "licence_terms",
    "work",
)
MAX_IMAGE_BYTES = 10 * 1024 * 1024


def _apply(listing: Listing, data: dict[str, Any]) -> None:
    for name, value in data.items():
        if name not in LISTING_FIELDS:
            continue
        if name == "category" and value is not None and not isinstance(value, IndustryCategory):
            value = IndustryCategory.objects.filter(pk=str(value), level=3).first()
            if value is None:
                raise ValidationError(
                    {"category": _("Choose a small class of the 2018 classification.")}
                )
        if name == "work":
            name, value = "work_id", _registered_work(value)
        if name == "currency":
            name, value = "currency_id", (getattr(value, "pk", value) or None)
        if name == "countries":
            value = sorted({str(c).strip().upper() for c in (value or []) if str(c).strip()})
        setattr(listing, name, value)
    if listing.category_id:
        listing.major_code = listing.category_id[:2]
        listing.mid_code = listing.category_id[:3]


def _registered_work(value: Any) -> int | None:
    from wenchuang.ip_registry.models import Work

    pk = getattr(value, "pk", value)
    if pk in (None, ""):
        return None
    if not Work.objects.filter(pk=pk).exists():
        raise ValidationError({"work": _("There is no registered work with this number.")})
    return int(pk)


def _finish(listing: Listing) -> None:
    listing.full_clean(exclude=["search_text", "region", "enterprise"])
    listing.search_text = document(listing)


@transaction.atomic
def listing_create(*, enterprise, by, data: dict[str, Any]) -> Listing:
    """A new listing of the enterprise, waiting for the moderation of its region's staff."""
    require(permissions.can_create_listing(by, enterprise))
    listing = Listing(enterprise=enterprise, created_by=by, status=Listing.Status.PENDING)
    _apply(listing, data)
    place(listing, enterprise.region)
    _finish(listing)
    listing.save()
    audit_record(actor=by, action="create", instance=listing)
    _tell_moderators(listing)
    return listing


@transaction.atomic
def listing_update(
    *, listing: Listing, by, data: dict[str, Any], version: str | None = None
) -> Listing:
    """Change a listing; a published or rejected one goes back to moderation."""
    require(permissions.can_edit_listing(by, listing))
    current = Listing.objects.select_for_update().select_related("enterprise").get(pk=listing.pk)
    if version and version != version_of(current):
        raise changed_meanwhile(current)
    before = {
        name: getattr(current, name) for name in LISTING_FIELDS if name not in ("category", "work")
    }
    _apply(current, data)
    _finish(current)
    changes = {
        name: [str(old), str(getattr(current, name))]
        for name, old in before.items()
        if name != "currency" and old != getattr(current, name)
    }
    if current.status in (Listing.Status.PUBLISHED, Listing.Status.REJECTED):
        changes["status"] = [current.status, Listing.Status.PENDING]
        current.status = Listing.Status.PENDING
    current.save()
    audit_record(actor=by, action="update", instance=current, changes=changes)
    if "status" in changes:
        _tell_moderators(current)
    return current


def _tell_moderators(listing: Listing) -> None:
    from django.urls import reverse_lazy

    staff = moderators_of(listing)
    notify(
        "market_listing_to_moderate",
        staff,
        {"listing": listing},
        link=reverse_lazy("market:listing", args=[listing.pk]),
        email=False,
    )


@transaction.atomic
def listing_image_add(*, listing: Listing, by, upload):
    """Attach an image: checked by content, size and pixel count (core.files)."""
    if getattr(upload, "size", None) == 0:
        raise ValidationError(_("The image is empty (zero bytes)."), code="empty")
    stored = file_store(
        upload=upload, owner=listing, by=by, accept=IMAGE_TYPES, max_bytes=MAX_IMAGE_BYTES
    )
    audit_record(
        actor=by, action=ADD_IMAGE, instance=listing, changes={"image": ["", stored.original_name]}
    )
    from .infringement import check_image  # noqa: PLC0415 (services import each other)

    check_image(listing=listing, stored=stored, upload=upload)
    return stored


@transaction.atomic
def listing_moderate(*, listing: Listing, by, publish: bool, note: str = "") -> Listing:
    """Staff publish a pending listing, or reject it with a reason the seller reads."""
    target = Listing.Status.PUBLISHED if publish else Listing.Status.REJECTED
    if not publish and not note.strip():
        raise ValidationError({"note": _("Say why the listing is rejected.")})
    transition(
        listing,
        LISTING,
        target,
        by=by,
        expected=Listing.Status.PENDING,
        updates={"moderation_note": note},
        note=note,
    )
    notify(
        "market_listing_moderated",
        roles.representatives(listing.enterprise.organisation_id, Role.ENTERPRISE_REP)
        if listing.enterprise.organisation_id
        else [],
        {"listing": listing, "published": publish, "note": note},
        link=listing.get_absolute_url(),
    )
    return listing


@transaction.atomic
def listing_withdraw(*, listing: Listing, by) -> Listing:
    """The seller takes a listing off the market; it takes no new inquiries or orders."""
    transition(listing, LISTING, Listing.Status.WITHDRAWN, by=by)
    return listing


@transaction.atomic
def listing_resubmit(*, listing: Listing, by) -> Listing:
    transition(listing, LISTING, Listing.Status.PENDING, by=by)
    _tell_moderators(listing)
    return listing


@transaction.atomic
def buyer_profile_save(*, user, data: dict[str, Any]) -> BuyerProfile:
    """Create or change the signed-in user's buyer profile."""
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("Sign in to keep a buyer profile."))
    profile = BuyerProfile.objects.filter(user=user).first() or BuyerProfile(user=user)
    for name in ("organisation_name", "country", "preferred_currency"):
        if name in data and data[name] is not None:
            value = data[name]
            if name == "country":
                value = str(value).strip().upper()
            if name == "preferred_currency":
                name, value = "preferred_currency_id", str(getattr(value, "pk", value)).upper()
            setattr(profile, name, value)
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile
