"""Audit verbs and their labels: core's own and any a domain registers, with no migration."""

from __future__ import annotations

from typing import Any

# The longest verb the audit trail's `action` column holds.
MAX_VERB_LENGTH = 32

_LABELS: dict[str, Any] = {}


def register_verb(verb: str, label: Any) -> str:
    """Make `verb` a word of the audit trail, shown as `label` (a lazy translation).

    A domain calls this at import time, e.g. `PUBLISH = register_verb("publish",
    gettext_lazy("published"))`; registering the same verb again keeps the first label.
    """
    if not verb or len(verb) > MAX_VERB_LENGTH or not verb.replace("_", "").isalnum():
        raise ValueError(f"An audit verb is 1 to {MAX_VERB_LENGTH} letters, digits or _: {verb!r}")
    _LABELS.setdefault(verb, label)
    return verb


def verb_label(verb: str) -> str:
    """The verb as the reader's language says it; an unknown (old) verb as itself."""
    label = _LABELS.get(verb)
    return str(label) if label is not None else verb


def is_verb(verb: str) -> bool:
    return verb in _LABELS
