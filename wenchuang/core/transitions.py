"""Workflows as data: states, the moves between them, who may make each; one `transition()`.

A domain declares its workflow once (see docs/developing.md):

    REVIEW = Workflow(states=Status, moves=[
        Move("pending", "published", "approve", _("approve"), may=can_validate_record),
        Move("pending", "rejected", "reject", _("reject"), may=can_validate_record),
    ])
    transition(record, REVIEW, "published", by=user)

`transition()` checks the move and the permission, then moves with one conditional update
(`UPDATE … SET status = new WHERE id = … AND status = expected`) and writes the audit row in
the same transaction: of two requests racing on the same row, exactly one moves it; the other
is refused with `Conflict` ("changed meanwhile by …"), which pages show as a message and the
API answers with 409.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import generations
from .audit import audit_record, history_for
from .permissions import ALLOW, Decision, require
from .regions import Placement

Permission = Callable[[Any, Any], Decision]


class Conflict(ValidationError):
    """Someone else changed the row between the reader's view and their write."""

    def __init__(self, message: str, *, by: str = ""):
        super().__init__(message, code="conflict")
        self.by = by


def changed_meanwhile(instance: models.Model) -> Conflict:
    """The refusal for a write based on a state that is no longer current, naming who changed it."""
    last = history_for(instance).first()
    who = getattr(getattr(last, "actor", None), "username", "") if last else ""
    if who:
        return Conflict(
            _("This was changed meanwhile by %(who)s; reload and try again.") % {"who": who}, by=who
        )
    return Conflict(_("This was changed meanwhile; reload and try again."))


def version_of(instance: models.Model) -> str:
    """A token of the row's state for stale-form checks: its last change, in microseconds.

    Forms carry it in a hidden field and API clients read it from the record's `version`;
    a write that brings an older token is refused with `changed_meanwhile`.
    """
    updated = getattr(instance, "updated_at", None)
    return str(round(updated.timestamp() * 1_000_000)) if updated else ""


@dataclass(frozen=True)
class Move:
    """One allowed move: from a state to another, its audit verb and label, who may make it."""

    source: str
    target: str
    action: str  # the audit verb (AuditEvent.action)
    label: Any  # a lazy translatable label, e.g. gettext_lazy("approve")
    may: Permission | None = None  # (user, instance) -> Decision; None = anyone the service lets in
    # Who may make it, as a table kept as data names them ("applicant", "staff"); `may` decides.
    roles: tuple[str, ...] = ()


class Workflow:
    """A table of states and moves for the `field` of one model.

    `states` is a TextChoices (a table written in code) or a mapping of state → label (a
    table kept as data, e.g. a call's stage table with labels in four languages, whose
    labels are `core.languages.TextsByLanguage`).
    """

    def __init__(
        self,
        *,
        states: type[models.TextChoices] | Mapping[str, Any],
        moves: Iterable[Move],
        field: str = "status",
    ):
        self.states = states
        self.field = field
        self._table = {(move.source, move.target): move for move in moves}

    def state_keys(self) -> list[str]:
        if isinstance(self.states, Mapping):
            return list(self.states)
        return [choice.value for choice in self.states]

    def moves(self) -> list[Move]:
        return list(self._table.values())

    def next_states(self, state: str) -> list[str]:
        return [target for source, target in self._table if source == state]

    def move(self, source: str, target: str) -> Move | None:
        return self._table.get((source, target))

    def label(self, state: str) -> str:
        if isinstance(self.states, Mapping):
            return str(self.states.get(state, state))
        return str(self.states(state).label)

    def check(self, user: Any, instance: Any, target: str) -> Decision:
        """May `user` move `instance` to `target`? With the reason when not."""
        source = getattr(instance, self.field)
        move = self.move(source, target)
        if move is None:
            return Decision(
                False,
                _("It cannot go from %(old)s to %(new)s.")
                % {"old": self.label(source), "new": self.label(target)},
            )
        return move.may(user, instance) if move.may else ALLOW

    def allowed_moves(self, user: Any, instance: Any) -> list[Move]:
        """The moves `user` may make from the instance's state now (for buttons)."""
        source = getattr(instance, self.field)
        return [
            m
            for m in self._table.values()
            if m.source == source and self.check(user, instance, m.target)
        ]


def transition(
    instance: models.Model,
    workflow: Workflow,
    target: str,
    *,
    by: Any,
    expected: str | None = None,
    expected_values: Mapping[str, Any] | None = None,
    updates: Mapping[str, Any] | None = None,
    changes: Mapping[str, Any] | None = None,
    note: str = "",
    audit_on: models.Model | None = None,
    origin: Placement | None = None,
) -> Move:
    """Move `instance` to `target` if it is still in `expected` (default: the state read).

    `expected_values` are further columns the row must still have (e.g. a date a double
    click would move twice); `updates` are further columns set in the same UPDATE;
    `changes` further audit entries;
    the audit row goes on `audit_on` (default the instance, with the state change noted;
    another row, such as the record a queued change applies to, gets `changes` only).
    Raises ValidationError for a move the table does not allow, PermissionDenied with the
    reason, Conflict when the row left the expected state meanwhile.
    """
    source = expected if expected is not None else getattr(instance, workflow.field)
    setattr(instance, workflow.field, source)
    decision = workflow.check(by, instance, target)
    move = workflow.move(source, target)
    if move is None:
        raise ValidationError(decision.reason)
    require(decision)
    values = {workflow.field: target, **(updates or {})}
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        values.setdefault("updated_at", timezone.now())
    with transaction.atomic():
        moved = (
            type(instance)
            ._default_manager.filter(
                pk=instance.pk, **{workflow.field: source}, **(expected_values or {})
            )
            .update(**values)
        )
        if not moved:
            raise changed_meanwhile(audit_on or instance)
        # A conditional UPDATE sends no post_save: lists keyed on the model must hear of it.
        generations.bump(type(instance))
        for name, value in values.items():
            setattr(instance, name, value)
        audit_record(
            actor=by,
            action=move.action,
            instance=audit_on or instance,
            changes={
                **({workflow.field: [source, target]} if audit_on is None else {}),
                **(changes or {}),
            },
            note=note,
            origin=origin,
        )
    return move
