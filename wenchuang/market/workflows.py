"""The states of a listing (moderation) and of an order, as tables (core.transitions)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import register_verb

from . import permissions
from .models import InfringementReport, Listing, Order

WITHDRAW = register_verb("withdraw_listing", _("listing withdrawn"))
HIDE = register_verb("hide_listing", _("listing hidden"))
RESTORE = register_verb("restore_listing", _("listing restored"))
QUOTE = register_verb("quote", _("quote sent"))
PLACE = register_verb("place_order", _("order placed"))
SHIP = register_verb("ship", _("shipped"))
DELIVER = register_verb("deliver", _("delivery confirmed"))
COMPLETE = register_verb("complete", _("completed"))
CANCEL = register_verb("cancel", _("cancelled"))
PAYMENT = register_verb("confirm_payment", _("payment confirmed"))
ADD_IMAGE = register_verb("add_image", _("image added"))

L = Listing.Status
LISTING = Workflow(
    states=Listing.Status,
    moves=[
        Move(L.PENDING, L.PUBLISHED, "approve", _("publish"), may=permissions.can_moderate),
        Move(L.PENDING, L.REJECTED, "reject", _("reject"), may=permissions.can_moderate),
        Move(L.PUBLISHED, L.WITHDRAWN, WITHDRAW, _("withdraw"), may=permissions.can_withdraw),
        Move(L.PENDING, L.WITHDRAWN, WITHDRAW, _("withdraw"), may=permissions.can_withdraw),
        Move(L.WITHDRAWN, L.PENDING, "submit", _("submit again"), may=permissions.can_resubmit),
        Move(L.REJECTED, L.PENDING, "submit", _("submit again"), may=permissions.can_resubmit),
        # An infringement report hides the listing (its service checks the reporter) until
        # staff decide: restored to where it was, or withdrawn.
        *[Move(source, L.HIDDEN, HIDE, _("hide")) for source in (L.PUBLISHED, L.PENDING)],
        *[
            Move(L.HIDDEN, target, RESTORE, _("restore"), may=permissions.can_moderate)
            for target in (L.PUBLISHED, L.PENDING)
        ],
        Move(L.HIDDEN, L.WITHDRAWN, WITHDRAW, _("withdraw"), may=permissions.can_moderate),
    ],
)

S = Order.Status
ORDER = Workflow(
    states=Order.Status,
    moves=[
        Move(S.INQUIRY, S.QUOTE, QUOTE, _("send a quote"), may=permissions.as_seller),
        Move(S.QUOTE, S.QUOTE, QUOTE, _("send a new quote"), may=permissions.as_seller),
        Move(S.QUOTE, S.ORDERED, PLACE, _("accept the quote and order"), may=permissions.as_buyer),
        Move(S.ORDERED, S.SHIPPED, SHIP, _("mark as shipped"), may=permissions.as_seller),
        Move(S.SHIPPED, S.DELIVERED, DELIVER, _("confirm delivery"), may=permissions.as_buyer),
        Move(S.DELIVERED, S.COMPLETED, COMPLETE, _("complete"), may=permissions.can_complete),
        *[
            Move(source, S.CANCELLED, CANCEL, _("cancel"), may=permissions.can_cancel)
            for source in (S.INQUIRY, S.QUOTE, S.ORDERED)
        ],
    ],
)

UPHOLD = register_verb("uphold_report", _("infringement report upheld"))
DISMISS = register_verb("dismiss_report", _("infringement report dismissed"))
ANSWER = register_verb("answer_report", _("seller answered"))

R = InfringementReport.Status
REPORT = Workflow(
    states=InfringementReport.Status,
    moves=[
        Move(R.PENDING, R.ANSWERED, ANSWER, _("answer"), may=permissions.can_answer_report),
        Move(R.ANSWERED, R.ANSWERED, ANSWER, _("answer again"), may=permissions.can_answer_report),
        *[
            Move(source, target, verb, label, may=permissions.can_decide_report)
            for source in (R.PENDING, R.ANSWERED)
            for target, verb, label in (
                (R.UPHELD, UPHOLD, _("uphold and withdraw the listing")),
                (R.DISMISSED, DISMISS, _("dismiss and restore the listing")),
            )
        ],
    ],
)
