"""The engine's audit verbs (core.verbs), labelled in the reader's language."""

from django.utils.translation import gettext_lazy as _

from wenchuang.core.verbs import register_verb

ADVANCE = register_verb("advance", _("moved to the next stage"))
WITHDRAW = register_verb("withdraw", _("withdrawn"))
REQUEST_INFO = register_verb("request_info", _("more information requested"))
ANSWER_INFO = register_verb("answer_info", _("more information given"))
EXTEND = register_verb("extend", _("deadline extended"))
SCREEN = register_verb("screen", _("sent to screening"))
DECIDE = register_verb("decide", _("sent for decision"))
PUBLISH_CALL = register_verb("publish_call", _("call published"))
ARCHIVE_CALL = register_verb("archive_call", _("call archived"))
