"""A pairing's life as a table: suggested → confirmed → agreement signed → ended (or declined)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import register_verb

from . import permissions
from .models import Pairing, PairingBatch

SUGGEST = register_verb("suggest_pairs", _("pairs suggested"))
CONFIRM = register_verb("confirm_pairing", _("pairing confirmed"))
DECLINE = register_verb("decline_pairing", _("pairing declined"))
SIGN = register_verb("sign_pairing", _("cooperation agreement signed"))
END = register_verb("end_pairing", _("pairing ended"))
REPORT = register_verb("report_outcomes", _("outcomes reported"))
OPEN_BATCH = register_verb("open_batch", _("batch opened"))
CLOSE_BATCH = register_verb("close_batch", _("batch closed"))

_decide = permissions.may_decide_pairing

PAIRING = Workflow(
    states=Pairing.Status,
    moves=[
        Move("suggested", "confirmed", CONFIRM, _("confirm"), may=_decide),
        Move("suggested", "declined", DECLINE, _("decline"), may=_decide),
        Move("declined", "suggested", SUGGEST, _("reconsider"), may=_decide),
        Move("confirmed", "signed", SIGN, _("record the signed agreement"), may=_decide),
        Move("confirmed", "declined", DECLINE, _("decline"), may=_decide),
        Move("signed", "ended", END, _("end the cooperation"), may=_decide),
    ],
)

BATCH = Workflow(
    states=PairingBatch.Status,
    moves=[
        Move("planning", "active", OPEN_BATCH, _("announce the batch"), may=permissions.can_run),
        Move("active", "closed", CLOSE_BATCH, _("close the batch"), may=permissions.can_run),
    ],
)
