"""Writes on the protection of registered works: listing images compared with the registry,
and infringement reports (filed by the rights holder, answered by the seller, decided by staff)."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.regions import place
from wenchuang.core.transitions import transition
from wenchuang.ip_registry.models import Work

from .. import permissions
from ..models import ImageMatch, InfringementReport, Listing
from ..selectors import moderators_of
from ..workflows import LISTING, REPORT


def check_image(*, listing: Listing, stored, upload: Any) -> list[ImageMatch]:
    """Compare a new listing image with every registered work; keep the likely copies.

    A picture that cannot be compared (too small) is stored all the same: the comparison
    is a help for moderation, not a condition of listing.
    """
    from wenchuang.ip_registry.similarity import find_similar_images

    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        similar = find_similar_images(data)
    except ValidationError:
        return []
    seller_organisation = listing.enterprise.organisation_id
    matches = []
    for found in similar:
        work = cast(Work, found.work)  # SimilarWork.work is typed `object` in the contract
        own = work.pk == listing.work_id or (
            seller_organisation is not None and work.organisation_id == seller_organisation
        )
        matches.append(
            ImageMatch.objects.create(
                listing=listing,
                image=stored,
                work=work,
                distance=found.distance,
                hash_kind=found.hash_kind,
                own_work=own,
            )
        )
    return matches


def _sellers(listing: Listing):
    organisation = listing.enterprise.organisation_id
    return roles.representatives(organisation, Role.ENTERPRISE_REP) if organisation else []


@transaction.atomic
def report_file(*, listing: Listing, work, by, statement: str) -> InfringementReport:
    """A rights holder reports a listing; the listing is hidden until staff decide."""
    listing = Listing.objects.select_for_update().select_related("enterprise").get(pk=listing.pk)
    require(permissions.can_report(by, listing, work))
    if not (statement or "").strip():
        raise ValidationError({"statement": _("Say what the listing copies and how.")})
    report = InfringementReport(
        listing=listing,
        work=work,
        reporter=by,
        statement=statement.strip(),
        listing_status_before=listing.status,
    )
    place(report, listing.region)
    report.full_clean(exclude=["listing", "work", "reporter", "region"])
    report.save()
    transition(listing, LISTING, Listing.Status.HIDDEN, by=by, note=str(report))
    context = {"report": report, "listing": listing}
    notify(
        "market_infringement_filed",
        [*_sellers(listing), *moderators_of(listing)],
        context,
        link=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def report_answer(*, report: InfringementReport, by, answer: str) -> InfringementReport:
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write your answer.")})
    transition(
        report,
        REPORT,
        InfringementReport.Status.ANSWERED,
        by=by,
        updates={"answer": answer.strip()},
        note=answer.strip(),
    )
    notify(
        "market_infringement_answered",
        [report.reporter, *moderators_of(report.listing)],
        {"report": report, "listing": report.listing},
        link=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def report_decide(
    *, report: InfringementReport, by, uphold: bool, note: str = ""
) -> InfringementReport:
    """Staff uphold the report (the listing is withdrawn) or dismiss it (the listing returns
    to the status it had)."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Give the reason for the decision.")})
    target = InfringementReport.Status.UPHELD if uphold else InfringementReport.Status.DISMISSED
    transition(
        report, REPORT, target, by=by, updates={"decision_note": note.strip()}, note=note.strip()
    )
    listing = Listing.objects.get(pk=report.listing_id)
    if (
        listing.status == Listing.Status.HIDDEN
        and not report.listing.infringement_reports.filter(
            status__in=(InfringementReport.Status.PENDING, InfringementReport.Status.ANSWERED)
        ).exists()
    ):
        restore = report.listing_status_before or Listing.Status.PUBLISHED
        transition(
            listing,
            LISTING,
            Listing.Status.WITHDRAWN if uphold else restore,
            by=by,
            updates={"moderation_note": note.strip()} if uphold else None,
            note=note.strip(),
        )
    notify(
        "market_infringement_decided",
        [report.reporter, *_sellers(listing)],
        {"report": report, "listing": listing, "upheld": uphold},
        link=report.get_absolute_url(),
    )
    return report
