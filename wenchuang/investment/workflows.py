"""The investment domain's tables: a project's publication and a lead's stages."""

from django.utils.translation import gettext_lazy as _

from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import register_verb

from . import permissions
from .models import Lead, Project

WITHDRAW = register_verb("withdraw", _("withdrew"))
ADVANCE = register_verb("advance_lead", _("moved the lead"))
LOSE = register_verb("lose_lead", _("marked the lead lost"))
PUBLISH = register_verb("publish_project", _("published the project"))
PROGRESS = register_verb("project_progress", _("moved the project on"))

_S = Project.Status
PROJECT = Workflow(
    states=_S,
    moves=[
        Move(
            _S.DRAFT, _S.SUBMITTED, "submit", _("submit for approval"), may=permissions.may_submit
        ),
        Move(
            _S.SUBMITTED,
            _S.PUBLISHED,
            PUBLISH,
            _("approve and publish"),
            may=permissions.may_approve,
        ),
        Move(
            _S.SUBMITTED,
            _S.DRAFT,
            "reject",
            _("send back to the owner"),
            may=permissions.may_approve,
        ),
        Move(_S.PUBLISHED, _S.IN_TALKS, PROGRESS, _("in talks"), may=permissions.may_progress),
        Move(_S.IN_TALKS, _S.SIGNED, PROGRESS, _("agreement signed"), may=permissions.may_progress),
        Move(_S.SIGNED, _S.LANDED, PROGRESS, _("landed"), may=permissions.may_progress),
        *[
            Move(source, _S.WITHDRAWN, WITHDRAW, _("withdraw"), may=permissions.may_withdraw)
            for source in (_S.DRAFT, _S.SUBMITTED, _S.PUBLISHED, _S.IN_TALKS)
        ],
    ],
)

_L = Lead.Stage
LEAD = Workflow(
    states=_L,
    field="stage",
    moves=[
        Move(_L.PROSPECT, _L.CONTACTED, ADVANCE, _("contacted"), may=permissions.may_move_lead),
        Move(
            _L.CONTACTED, _L.NEGOTIATING, ADVANCE, _("negotiating"), may=permissions.may_move_lead
        ),
        Move(
            _L.NEGOTIATING, _L.SIGNED, ADVANCE, _("agreement signed"), may=permissions.may_move_lead
        ),
        Move(_L.SIGNED, _L.LANDED, ADVANCE, _("landed"), may=permissions.may_move_lead),
        *[
            Move(source, _L.LOST, LOSE, _("lost"), may=permissions.may_move_lead)
            for source in (_L.PROSPECT, _L.CONTACTED, _L.NEGOTIATING)
        ],
    ],
)
