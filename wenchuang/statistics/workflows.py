"""The quarter's workflow (open → locked → released) and the audit verbs of statistics."""

from django.utils.translation import gettext_lazy as _

from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import register_verb

from . import permissions
from .models import Period

REVISE = register_verb("revise_return", _("return revised"))
LOCK = register_verb("lock_period", _("quarter locked"))
RELEASE = register_verb("release_period", _("quarter released"))
REOPEN = register_verb("reopen_period", _("quarter reopened"))
ENTER_REFERENCE = register_verb("enter_reference", _("reference value entered"))
REMIND_REPORTERS = register_verb("remind_reporters", _("reporting reminder sent"))

PERIOD = Workflow(
    states=Period.Status,
    moves=[
        Move("open", "locked", LOCK, _("lock"), may=permissions.can_manage_calendar),
        Move("locked", "open", REOPEN, _("reopen"), may=permissions.can_manage_calendar),
        Move("locked", "released", RELEASE, _("release"), may=permissions.can_manage_calendar),
    ],
)
