"""Reads of what reviewers weigh: proposed changes beside the record, and a record's history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist

from wenchuang.core.audit import history_for

from . import permissions
from .models import CONTACT_FIELDS, DirectoryRecord, ProfileChange
from .selectors import KINDS, pending_changes


@dataclass(frozen=True)
class PendingChange:
    """A proposed change as the validation queue shows it: with its record and labelled rows."""

    change: ProfileChange
    record: DirectoryRecord | None
    # (field label, the record's value now, the proposed value): reviewers decide on both.
    rows: list[tuple[str, Any, Any]]


def pending_changes_to_show(user, limit: int = 100) -> list[PendingChange]:
    changes = list(pending_changes(user)[:limit])
    by_label = {model._meta.label_lower: model for model in KINDS.values()}
    wanted: dict[str, set[int]] = {}
    for change in changes:
        wanted.setdefault(change.record_type, set()).add(change.record_id)
    records = {
        (label, record.pk): record
        for label, ids in wanted.items()
        if label in by_label
        for record in by_label[label].objects.filter(pk__in=ids)
    }
    shown = []
    for change in changes:
        model = by_label.get(change.record_type)
        record = records.get((change.record_type, change.record_id))
        rows = [
            (
                _field_label(model, name) if model else name,
                _stored_value(record, name),
                value,
            )
            for name, value in change.changes.items()
        ]
        shown.append(PendingChange(change, record, rows))
    return shown


def _stored_value(record: DirectoryRecord | None, name: str) -> Any:
    """A field's value as a proposed change stores it (a code for a foreign key)."""
    if record is None:
        return None
    try:
        return record.serializable_value(name)
    except AttributeError:
        return None


# Audit verbs of proposals and refusals, which left the published record as it was.
UNDECIDED_ACTIONS = ("submit", "reject")


def record_history(user, record: DirectoryRecord, limit: int = 50) -> list:
    """The record's audit trail, with contact details left out for those who may not see them.

    Proposals (an owner's submitted changes) and refusals are not decisions that changed the
    record: only the record's owner and the staff who may edit it see them.
    """
    events_qs = history_for(record)
    if not permissions.can_edit(user, record):
        events_qs = events_qs.exclude(action__in=UNDECIDED_ACTIONS)
    events = list(events_qs[:limit])
    hide_contacts = not permissions.can_view_contacts(user, record)
    for event in events:
        # Who made a change is shown to those who may see contacts, as in the API.
        event.shown_actor = "" if hide_contacts else getattr(event.actor, "username", "")
        if hide_contacts:
            event.changes = {k: v for k, v in event.changes.items() if k not in CONTACT_FIELDS}
        # Rows a person can read: the field's label in their language, old and new value.
        event.change_rows = [
            (_field_label(type(record), name), *values) for name, values in event.changes.items()
        ]
    return events


def _field_label(model: type[DirectoryRecord], name: str) -> str:
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:  # a field that no longer exists keeps its stored name
        return name
