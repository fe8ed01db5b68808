"""A news item's life as a table: draft → review → (scheduled →) published → archived."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import register_verb

from . import permissions
from .models import NewsItem

SEND_TO_REVIEW = register_verb("news_review", _("sent to review"))
RETURN_TO_DRAFT = register_verb("news_return", _("returned to draft"))
SCHEDULE = register_verb("news_schedule", _("scheduled for publication"))
PUBLISH = register_verb("news_publish", _("published"))
ARCHIVE = register_verb("news_archive", _("archived"))

_staff = permissions.may_move

PUBLICATION = Workflow(
    states=NewsItem.Status,
    moves=[
        Move("draft", "review", SEND_TO_REVIEW, _("send to review"), may=_staff),
        Move("review", "draft", RETURN_TO_DRAFT, _("return to draft"), may=_staff),
        Move("review", "published", PUBLISH, _("publish now"), may=_staff),
        Move("review", "scheduled", SCHEDULE, _("schedule"), may=_staff),
        Move("scheduled", "review", RETURN_TO_DRAFT, _("cancel the schedule"), may=_staff),
        # The periodic job (by=None) publishes what is due.
        Move("scheduled", "published", PUBLISH, _("publish"), may=permissions.only_the_scheduler),
        Move("published", "archived", ARCHIVE, _("archive"), may=_staff),
        Move("archived", "published", PUBLISH, _("publish again"), may=_staff),
    ],
)
