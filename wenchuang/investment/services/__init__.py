"""Writes of the investment domain: one function per use case, permission first, then audit."""

from .matching import feedback_give, matching_request
from .pipeline import agreement_attach, agreement_record, lead_create, lead_move
from .projects import (
    PROJECT_FIELDS,
    profile_save,
    project_attach,
    project_create,
    project_move,
    project_update,
)

__all__ = [
    "PROJECT_FIELDS",
    "agreement_attach",
    "agreement_record",
    "feedback_give",
    "lead_create",
    "lead_move",
    "matching_request",
    "profile_save",
    "project_attach",
    "project_create",
    "project_move",
    "project_update",
]
