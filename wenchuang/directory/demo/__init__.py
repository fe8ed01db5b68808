"""Deterministic demo data: the seeds' agencies and parks, N enterprises, one login per role."""

from .accounts import DEMO_PASSWORD, existing_logins, login_row
from .compose import CREDIT_WEIGHTS, DEMO_DOMAIN, ORG_CODE_CHARS, credit_code
from .enterprises import CHUNK
from .generator import DemoGenerator, DemoSummary, demo_present, generate, wipe_demo_data

__all__ = [
    "CHUNK",
    "CREDIT_WEIGHTS",
    "DEMO_DOMAIN",
    "DEMO_PASSWORD",
    "ORG_CODE_CHARS",
    "DemoGenerator",
    "DemoSummary",
    "credit_code",
    "demo_present",
    "existing_logins",
    "generate",
    "login_row",
    "wipe_demo_data",
]
