"""Consulting's workflows as tables: a certification's life, a request's way to its answer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import register_verb

from . import permissions
from .models import Certification, ConsultingRequest

CERTIFY = register_verb("certify", _("certified"))
REFUSE = register_verb("refuse_certification", _("certification refused"))
SUSPEND = register_verb("suspend", _("suspended"))
REINSTATE = register_verb("reinstate", _("reinstated"))
REVOKE_CERTIFICATION = register_verb("revoke_certification", _("certification revoked"))
EXPIRE_CERTIFICATION = register_verb("expire_certification", _("certification expired"))
REMIND_EXPIRY = register_verb("remind_certification", _("expiry reminder sent"))
ROUTE = register_verb("route", _("routed"))
ACCEPT = register_verb("accept_request", _("request accepted"))
DECLINE = register_verb("decline_request", _("request declined"))
ANSWER = register_verb("answer_request", _("request answered"))
CLOSE = register_verb("close_request", _("request closed"))
RATE = register_verb("rate", _("rated"))
ESCALATE = register_verb("escalate", _("escalated to staff"))

_staff = permissions.can_decide_certification
_system = permissions.only_the_system

CERTIFICATION = Workflow(
    states=Certification.Status,
    moves=[
        Move("applied", "certified", CERTIFY, _("certify"), may=_staff),
        Move("applied", "refused", REFUSE, _("refuse"), may=_staff),
        Move("certified", "suspended", SUSPEND, _("suspend"), may=_staff),
        Move("suspended", "certified", REINSTATE, _("reinstate"), may=_staff),
        Move("certified", "revoked", REVOKE_CERTIFICATION, _("revoke"), may=_staff),
        Move("suspended", "revoked", REVOKE_CERTIFICATION, _("revoke"), may=_staff),
        Move("certified", "expired", EXPIRE_CERTIFICATION, _("expire"), may=_system),
        Move("suspended", "expired", EXPIRE_CERTIFICATION, _("expire"), may=_system),
    ],
)

_provider = permissions.may_work_on

REQUEST = Workflow(
    states=ConsultingRequest.Status,
    moves=[
        Move("waiting", "accepted", ACCEPT, _("accept"), may=_provider),
        # A decline sends the request to the next provider, or leaves it for staff.
        Move("waiting", "waiting", DECLINE, _("decline"), may=_provider),
        Move("waiting", "unassigned", DECLINE, _("decline"), may=_provider),
        Move("accepted", "answered", ANSWER, _("answer"), may=_provider),
        Move("answered", "answered", ANSWER, _("answer"), may=_provider),
        Move("answered", "closed", CLOSE, _("close"), may=permissions.may_close),
        Move("accepted", "closed", CLOSE, _("close"), may=permissions.may_close),
        # Staff send a waiting or stranded request to a provider of their choice.
        Move("unassigned", "waiting", ROUTE, _("assign"), may=permissions.may_assign),
    ],
)
