"""The directory's workflows as tables: publication, queued profile changes, memberships."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import register_verb

from . import permissions
from .models import AssociationMembership, ProfileChange, PublicationStatus


def _may_validate(user, record):
    return permissions.can_validate(user, record.region_id)


def _may_resubmit(user, record):
    return permissions.can_edit(user, record)


# A new profile: staff publish or reject it; the owner's next edit sends a rejected one back.
PUBLICATION = Workflow(
    states=PublicationStatus,
    moves=[
        Move("pending", "published", "approve", _("publish"), may=_may_validate),
        Move("pending", "rejected", "reject", _("reject"), may=_may_validate),
        Move("rejected", "pending", "submit", _("submit again"), may=_may_resubmit),
    ],
)

# A representative's proposed change to a published profile.
CHANGE_REVIEW = Workflow(
    states=ProfileChange.Status,
    moves=[
        Move("pending", "approved", "approve", _("approve"), may=permissions.can_decide_change),
        Move("pending", "rejected", "reject", _("reject"), may=permissions.can_decide_change),
    ],
)


def _may_manage(user, membership):
    return permissions.can_manage_membership(user, membership)


# Association memberships: applied -> active -> lapsed / expelled; a lapsed member comes
# back only by renewing (membership_renew), which is why lapsed -> active is a "renew".
# Each move leaves its own word in the audit trail.
ADMIT = register_verb("admit", _("admitted as a member"))
REFUSE = register_verb("refuse", _("membership refused"))
LAPSE = register_verb("lapse", _("marked as lapsed"))
EXPEL = register_verb("expel", _("expelled"))
RENEW = register_verb("renew", _("membership renewed"))
MEMBERSHIP = Workflow(
    states=AssociationMembership.Status,
    moves=[
        Move("applied", "active", ADMIT, _("admit"), may=_may_manage),
        Move("applied", "expelled", REFUSE, _("refuse"), may=_may_manage),
        Move("active", "lapsed", LAPSE, _("mark as lapsed"), may=_may_manage),
        Move("active", "expelled", EXPEL, _("expel"), may=_may_manage),
        Move("lapsed", "expelled", EXPEL, _("expel"), may=_may_manage),
        Move("active", "active", RENEW, _("renew"), may=_may_manage),
        Move("lapsed", "active", RENEW, _("renew"), may=_may_manage),
    ],
)
RENEWAL_ONLY = {("active", "active"), ("lapsed", "active")}
