"""Permission answers that carry their reason, so a refusal can explain itself."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str) -> Decision:
    return Decision(False, str(reason))


def require(decision: Decision) -> None:
    """Raise PermissionDenied with the decision's reason when it is a refusal."""
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
