"""Consulting pages: the register, certification files, requests and their thread, oversight."""

from .certifications import (
    certification_apply,
    certification_attach,
    certification_detail,
    certification_list,
    certification_move,
    register_list,
)
from .consultations import (
    oversight,
    request_accept,
    request_answer,
    request_assign,
    request_close,
    request_decline,
    request_detail,
    request_list,
    request_message,
    request_new,
    request_rate,
)

__all__ = [
    "certification_apply",
    "certification_attach",
    "certification_detail",
    "certification_list",
    "certification_move",
    "oversight",
    "register_list",
    "request_accept",
    "request_answer",
    "request_assign",
    "request_close",
    "request_decline",
    "request_detail",
    "request_list",
    "request_message",
    "request_new",
    "request_rate",
]
