"""The engine's models: programmes, calls and applications (reviews live beside them)."""

from .calls import Application, Call, Programme
from .reviews import Declaration, Review, ReviewAssignment, ReviewerProfile

__all__ = [
    "Application",
    "Call",
    "Declaration",
    "Programme",
    "Review",
    "ReviewAssignment",
    "ReviewerProfile",
]
