"""The engine's writes: one function per use case, permission first, in a transaction."""

from .calls import call_move, call_save, check_call, programme_create
from .drafts import co_applicant_add, co_applicant_remove, create_draft, edit_draft
from .moves import (
    answer_more_info,
    grant_extension,
    move_stage,
    request_more_info,
    submit,
    withdraw,
)

__all__ = [
    "call_move",
    "call_save",
    "check_call",
    "answer_more_info",
    "co_applicant_add",
    "co_applicant_remove",
    "create_draft",
    "edit_draft",
    "grant_extension",
    "move_stage",
    "programme_create",
    "request_more_info",
    "submit",
    "withdraw",
]
