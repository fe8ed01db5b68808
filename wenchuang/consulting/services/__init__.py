"""Writes of the consulting domain: one function per use case, permission first, then audit."""

from .certifications import (
    certification_apply,
    certification_attach,
    certification_decide,
    certification_reminders,
    certifications_expire,
)
from .consultations import (
    message_post,
    request_accept,
    request_answer,
    request_assign,
    request_close,
    request_decline,
    request_file,
    request_rate,
    requests_escalate,
)

__all__ = [
    "certification_apply",
    "certification_attach",
    "certification_decide",
    "certification_reminders",
    "certifications_expire",
    "message_post",
    "request_accept",
    "request_answer",
    "request_assign",
    "request_close",
    "request_decline",
    "request_file",
    "request_rate",
    "requests_escalate",
]
