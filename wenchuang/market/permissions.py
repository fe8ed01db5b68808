"""Who may see and act on listings and orders, with the reason when not."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.permissions import ALLOW, Decision, deny
from wenchuang.core.regions import in_jurisdiction

from .models import InfringementReport, Listing, Order


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def sells_for(user, enterprise) -> bool:
    """Does the user represent the enterprise (the seller)?"""
    return _signed_in(user) and roles.represents(
        user, enterprise.organisation_id, Role.ENTERPRISE_REP
    )


def moderates(user, listing: Listing) -> bool:
    """Centre staff over the seller's region (or an administrator) moderate its listings."""
    return _signed_in(user) and (
        user.is_superuser or roles.acts_as_staff_for(user, listing.region_id, Role.CENTRE_STAFF)
    )


def is_seller(user, listing: Listing) -> bool:
    return sells_for(user, listing.enterprise)


# --- Listings ------------------------------------------------------------------------------


def can_view_listing(user, listing: Listing) -> Decision:
    if listing.status == Listing.Status.PUBLISHED:
        return ALLOW
    if (
        is_seller(user, listing)
        or moderates(user, listing)
        or in_jurisdiction(user, listing.region_id)
    ):
        return ALLOW
    return deny(_("This listing is not published."))


def can_create_listing(user, enterprise) -> Decision:
    if not _signed_in(user):
        return deny(_("Sign in as the representative of an enterprise to list products."))
    if sells_for(user, enterprise):
        return ALLOW
    return deny(_("Only the representatives of an enterprise list its products and services."))


def can_edit_listing(user, listing: Listing) -> Decision:
    if not is_seller(user, listing):
        return deny(_("Only the seller edits this listing."))
    if listing.status == Listing.Status.HIDDEN:
        return deny(_("The listing is hidden while an infringement report is decided."))
    return ALLOW


def can_moderate(user, listing: Listing) -> Decision:
    if moderates(user, listing):
        return ALLOW
    if roles.has_role(user, Role.CENTRE_STAFF):
        return deny(_("This listing lies outside your jurisdiction."))
    return deny(_("Only centre staff moderate listings."))


def can_withdraw(user, listing: Listing) -> Decision:
    if is_seller(user, listing) or moderates(user, listing):
        return ALLOW
    return deny(_("Only the seller or staff withdraw a listing."))


def can_resubmit(user, listing: Listing) -> Decision:
    return (
        ALLOW if is_seller(user, listing) else deny(_("Only the seller submits a listing again."))
    )


def can_attach_image(user, listing: Listing) -> Decision:
    return can_edit_listing(user, listing)


# --- Orders --------------------------------------------------------------------------------


def can_inquire(user, listing: Listing) -> Decision:
    if not _signed_in(user):
        return deny(_("Sign in to send an inquiry."))
    if listing.status != Listing.Status.PUBLISHED:
        return deny(_("This listing has been withdrawn or is not published; it takes no orders."))
    if is_seller(user, listing):
        return deny(_("You cannot order from your own enterprise."))
    return ALLOW


def is_buyer(user, order: Order) -> bool:
    return _signed_in(user) and order.buyer_id == user.pk


def is_order_seller(user, order: Order) -> bool:
    return sells_for(user, order.seller)


def oversees(user, order: Order) -> bool:
    return _signed_in(user) and (user.is_superuser or in_jurisdiction(user, order.seller.region_id))


def can_view_order(user, order: Order) -> Decision:
    if is_buyer(user, order) or is_order_seller(user, order) or oversees(user, order):
        return ALLOW
    return deny(_("Only the buyer, the seller and the agency staff of its region see this order."))


def as_seller(user, order: Order) -> Decision:
    return ALLOW if is_order_seller(user, order) else deny(_("Only the seller does this."))


def as_buyer(user, order: Order) -> Decision:
    return ALLOW if is_buyer(user, order) else deny(_("Only the buyer does this."))


def can_cancel(user, order: Order) -> Decision:
    if is_buyer(user, order) or is_order_seller(user, order):
        return ALLOW
    return deny(_("Only the buyer or the seller cancels an order."))


def can_confirm_payment(user, order: Order) -> Decision:
    if not (is_order_seller(user, order) or oversees(user, order)):
        return deny(_("Only the seller or agency staff record a payment."))
    if order.status not in (Order.Status.ORDERED, Order.Status.SHIPPED, Order.Status.DELIVERED):
        return deny(_("A payment is recorded once the order is placed."))
    if order.paid_at is not None:
        return deny(_("The payment has already been confirmed."))
    return ALLOW


def can_complete(user, order: Order) -> Decision:
    if not (is_order_seller(user, order) or oversees(user, order)):
        return deny(_("Only the seller or agency staff complete an order."))
    if order.paid_at is None:
        return deny(_("Record the payment before completing the order."))
    return ALLOW


def can_write_message(user, order: Order) -> Decision:
    if is_buyer(user, order) or is_order_seller(user, order):
        return ALLOW
    return deny(_("Only the buyer and the seller write in this thread."))


# --- Infringement reports ------------------------------------------------------------------


def can_report(user, listing: Listing, work) -> Decision:
    """A rights holder of a registered work reports a listing that copies it."""
    from wenchuang.ip_registry.permissions import is_holder

    if not _signed_in(user):
        return deny(_("Sign in as the holder of a registered work to report an infringement."))
    if not is_holder(user, work):
        return deny(_("Only the holder of the registered work reports an infringement of it."))
    if listing.status not in (Listing.Status.PUBLISHED, Listing.Status.PENDING):
        return deny(_("This listing is not on the market."))
    if is_seller(user, listing):
        return deny(_("You cannot report your own listing."))
    return ALLOW


def can_view_report(user, report: InfringementReport) -> Decision:
    if _signed_in(user) and (
        report.reporter_id == user.pk
        or is_seller(user, report.listing)
        or moderates(user, report.listing)
    ):
        return ALLOW
    return deny(_("Only the reporter, the seller and the staff of its region see this report."))


def can_answer_report(user, report: InfringementReport) -> Decision:
    return ALLOW if is_seller(user, report.listing) else deny(_("Only the seller answers."))


def can_decide_report(user, report: InfringementReport) -> Decision:
    return can_moderate(user, report.listing)
