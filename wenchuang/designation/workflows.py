"""The designation's workflows as tables: an assessment's submission, a designation's life."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import register_verb

from . import permissions
from .models import Designation, FieldAssessment

DESIGNATE = register_verb("designate", _("designated"))
ORDER = register_verb("order_assessment", _("assessment ordered"))
DESIGNATION_RENEW = register_verb("renew_designation", _("designation renewed"))
WARN = register_verb("warn", _("warned"))
REVOKE = register_verb("revoke", _("designation revoked"))
EXPIRE = register_verb("expire", _("expired"))
ASSESS = register_verb("assess", _("assessment values entered"))

# An assessor fills the draft, then submits it; submitted values no longer change.
ASSESSMENT = Workflow(
    states=FieldAssessment.Status,
    moves=[
        Move("draft", "submitted", "submit", _("submit"), may=permissions.may_submit_assessment),
    ],
)

_staff = permissions.may_move_designation
_system = permissions.only_the_system

# A designation in force is renewed, warned or revoked after a yearly assessment (or revoked
# for cause); a warned area is renewed or revoked at the next one, never warned twice. The
# scheduler expires what reaches the end of its validity.
DESIGNATION = Workflow(
    states=Designation.Status,
    moves=[
        Move("designated", "renewed", DESIGNATION_RENEW, _("renew"), may=_staff),
        Move("renewed", "renewed", DESIGNATION_RENEW, _("renew"), may=_staff),
        Move("warned", "renewed", DESIGNATION_RENEW, _("renew"), may=_staff),
        Move("designated", "warned", WARN, _("warn"), may=_staff),
        Move("renewed", "warned", WARN, _("warn"), may=_staff),
        Move("designated", "revoked", REVOKE, _("revoke"), may=_staff),
        Move("renewed", "revoked", REVOKE, _("revoke"), may=_staff),
        Move("warned", "revoked", REVOKE, _("revoke"), may=_staff),
        Move("designated", "expired", EXPIRE, _("expire"), may=_system),
        Move("renewed", "expired", EXPIRE, _("expire"), may=_system),
        Move("warned", "expired", EXPIRE, _("expire"), may=_system),
    ],
)

# What a yearly assessment's outcome does to the designation.
OUTCOME_TARGET = {"renew": "renewed", "warn": "warned", "revoke": "revoked"}
