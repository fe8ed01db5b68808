"""Who may read, write and publish news items; every answer carries its reason.

Agency staff (centre staff, district officials) write, review and publish the items of
their jurisdiction; everybody reads what is published. Scheduled publication is the
scheduler's: nobody moves a scheduled item to published by hand except by publishing now.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wenchuang.core.permissions import ALLOW, Decision, deny
from wenchuang.core.regions import in_jurisdiction, jurisdiction_of


def _signed_in(user: Any) -> bool:
    return getattr(user, "is_authenticated", False)


def can_write_in(user: Any, region_code: str | None) -> Decision:
    """May the user write and publish items released in `region_code`?"""
    if not _signed_in(user):
        return deny(_("Sign in as agency staff to write news items."))
    if jurisdiction_of(user) is None:
        return deny(_("Only agency staff write and publish news items."))
    if not in_jurisdiction(user, region_code):
        return deny(_("This item belongs to another jurisdiction."))
    return ALLOW


def can_manage(user: Any) -> Decision:
    """May the user see the editors' list (staff of any jurisdiction)?"""
    if not _signed_in(user):
        return deny(_("Sign in as agency staff to write news items."))
    if jurisdiction_of(user) is None:
        return deny(_("Only agency staff write and publish news items."))
    return ALLOW


def may_edit(user: Any, item: Any) -> Decision:
    decision = can_write_in(user, item.region_id)
    if decision and item.status not in ("draft", "review"):
        return deny(_("Only a draft or an item in review can be edited; return it to draft first."))
    return decision


def may_move(user: Any, item: Any) -> Decision:
    return can_write_in(user, item.region_id)


def only_the_scheduler(user: Any, item: Any) -> Decision:
    if user is None:
        return ALLOW
    return deny(_("A scheduled item is published by itself at its time."))


def can_view(user: Any, item: Any) -> Decision:
    """Published and archived items are public; drafts only for their jurisdiction's staff."""
    if item.status in ("published", "archived"):
        return ALLOW
    if can_write_in(user, item.region_id):
        return ALLOW
    return deny(_("This item is not published."))


def can_subscribe(user: Any) -> Decision:
    if not _signed_in(user):
        return deny(_("Sign in to subscribe to a digest by email."))
    return ALLOW
