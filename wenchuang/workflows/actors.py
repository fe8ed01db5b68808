"""Who may make a move of a stage table: applicant, staff, reviewer, assessor, system.

The engine answers for the applicant, staff and the system; the reviews and designation
apps answer for reviewers and assessors (`register_actor("reviewer", may)`), so a table
that names them works as soon as those apps are installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _

from wenchuang.core.permissions import ALLOW, Decision, deny

from . import permissions

Answer = Callable[[Any, Any], Decision]


def _system(user: Any, application: Any) -> Decision:
    # The engine's own moves (a deadline passing, a plug-in's follow-up) pass no user.
    if user is None:
        return ALLOW
    return deny(_("Only the system makes this move."))


def _nobody_yet(name: str) -> Answer:
    def answer(user: Any, application: Any) -> Decision:
        return deny(_("No one may act as %(role)s here yet.") % {"role": name})

    return answer


_ACTORS: dict[str, Answer] = {
    "applicant": permissions.may_act_as_applicant,
    "staff": permissions.may_act_as_staff,
    "reviewer": _nobody_yet("reviewer"),
    "assessor": _nobody_yet("assessor"),
    "system": _system,
}


def register_actor(name: str, may: Answer) -> None:
    """Let `may(user, application) -> Decision` answer for the actor `name` in stage tables."""
    _ACTORS[name] = may


def actor_names() -> list[str]:
    return list(_ACTORS)


def may_act(roles: Iterable[str]) -> Answer:
    """A permission for a move that any of `roles` may make (the first refusal's reason if none)."""
    names = tuple(roles)

    def answer(user: Any, application: Any) -> Decision:
        refusal = deny(_("No one may make this move."))
        for name in names:
            actor = _ACTORS.get(name)
            if actor is None:
                continue
            decision = actor(user, application)
            if decision:
                return decision
            refusal = decision
        return refusal

    return answer
