"""Writing and reading the audit trail; services call `audit_record` after each change."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models

from .models import AuditEvent
from .regions import CODE_COLUMNS, ORIGIN_COLUMNS, Placement, jurisdiction_scope
from .verbs import is_verb


def record_label(instance: models.Model) -> str:
    return instance._meta.label_lower


def _plain(value: Any) -> Any:
    """JSON-safe form of a field value, so the trail stores what a person would read."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def field_changes(instance: models.Model, new_values: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value would change."""
    changes: dict[str, list[Any]] = {}
    for name, new in new_values.items():
        field = instance._meta.get_field(name)
        old = getattr(instance, getattr(field, "attname", name))
        new_plain = new.pk if isinstance(new, models.Model) else new
        if _plain(old) != _plain(new_plain):
            changes[name] = [_plain(old), _plain(new_plain)]
    return changes


def audit_record(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    note: str = "",
    origin: Placement | None = None,
) -> AuditEvent:
    """Note a change to `instance`, placed where the instance now is (and `origin` for a move)."""
    if not is_verb(action):
        # A typo would otherwise write a verb no page can label; register it (core.verbs).
        raise ValueError(f"Unknown audit verb {action!r}: register it with core.verbs")
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        record_type=record_label(instance),
        record_id=str(instance.pk),
        changes={k: _plain(v) for k, v in (changes or {}).items()},
        note=note[:500],
    )
    where = placement_now(instance)
    if where is not None:
        for name, value in CODE_COLUMNS.values(where).items():
            setattr(event, name, value)
    if origin is not None and origin != where:
        for name, value in ORIGIN_COLUMNS.values(origin).items():
            setattr(event, name, value)
    event.save()
    return event


def placement_now(instance: models.Model) -> Placement | None:
    """The placement copied on a placed record (see core.regions), None for unplaced rows."""
    region_code = getattr(instance, "region_id", None)
    if not region_code or not hasattr(instance, "province_code"):
        return None
    return Placement(
        str(region_code), instance.province_code, getattr(instance, "prefecture_code", "")
    )


def audit_events(user):
    """The audit trail a staff member may read: the events placed in their jurisdiction."""
    return jurisdiction_scope(user, AuditEvent.objects.select_related("actor"))


def history_for(instance: models.Model):
    return AuditEvent.objects.filter(
        record_type=record_label(instance), record_id=str(instance.pk)
    ).select_related("actor")
