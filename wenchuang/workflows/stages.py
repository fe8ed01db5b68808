"""Stage tables kept as data: their check when staff save them, and the Workflow they run as.

A stage table is JSON (a call's `stages`, copied onto each application when it begins)::

    {"stages": [{"key": "draft", "labels": {"zh-hans": "草稿", "en": "draft", ...},
                 "applicant_edits": true}, ...],
     "moves": [{"from": "draft", "to": "submitted", "by": ["applicant"], "action": "submit",
                "labels": {"zh-hans": "提交", "en": "submit", ...}}, ...]}

The first stage is where an application begins. Each move names who may make it
(`applicant`, `staff`, `reviewer`, `assessor`, `system`; `workflows.actors`) and the audit
verb it leaves (default `advance`). `StageTable(table).workflow` is a `core.transitions`
Workflow, so `transition()` moves applications as it moves every other state in the site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from wenchuang.core.languages import CONTENT_LANGUAGES, TextsByLanguage, pick_text
from wenchuang.core.transitions import Move, Workflow
from wenchuang.core.verbs import is_verb

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
DEFAULT_VERB = "advance"

Errors = list[tuple[str, str]]


def _check_labels(value: Any, path: str, errors: Errors) -> None:
    if not isinstance(value, Mapping) or not any(
        isinstance(value.get(code), str) and value.get(code, "").strip()
        for code in CONTENT_LANGUAGES
    ):
        errors.append((path, _("Give a label in at least one language (zh-hans, en, fr, de).")))
        return
    for code, text in value.items():
        if code not in CONTENT_LANGUAGES:
            errors.append(
                (
                    f"{path}.{code}",
                    _("Unknown language %(code)s; use zh-hans, en, fr or de.") % {"code": code},
                )
            )
        elif not isinstance(text, str) or len(text) > 100:
            errors.append((f"{path}.{code}", _("A label is a text of at most 100 characters.")))


def check_table(table: Any) -> Errors:
    """What is wrong with a stage table, as (path, message) pairs in the reader's language."""
    from .actors import actor_names

    errors: Errors = []
    if not isinstance(table, Mapping):
        return [("", _("A stage table is an object with a list of stages and a list of moves."))]
    stages = table.get("stages")
    if not isinstance(stages, list) or not stages:
        return [("stages", _("List at least one stage."))]
    keys: list[str] = []
    for index, stage in enumerate(stages):
        where = f"stages[{index}]"
        if not isinstance(stage, Mapping):
            errors.append((where, _("A stage is an object with a key and labels.")))
            continue
        key = stage.get("key")
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            errors.append(
                (
                    f"{where}.key",
                    _("A stage key is a letter, then letters, digits or _ (32 at most)."),
                )
            )
            continue
        where = f"stages[{key}]"
        if key in keys:
            errors.append((where, _("The stage %(key)s appears twice.") % {"key": key}))
        keys.append(key)
        _check_labels(stage.get("labels"), f"{where}.labels", errors)
        if "applicant_edits" in stage and not isinstance(stage["applicant_edits"], bool):
            errors.append((f"{where}.applicant_edits", _("Write true or false.")))
    moves = table.get("moves", [])
    if not isinstance(moves, list):
        return [*errors, ("moves", _("The moves are a list."))]
    seen: set[tuple[str, str]] = set()
    actors = actor_names()
    for index, move in enumerate(moves):
        where = f"moves[{index}]"
        if not isinstance(move, Mapping):
            errors.append((where, _("A move is an object with from, to, by and labels.")))
            continue
        source, target = move.get("from"), move.get("to")
        for name, value in (("from", source), ("to", target)):
            if value not in keys:
                errors.append(
                    (
                        f"{where}.{name}",
                        _("%(value)s is not one of the stages above.") % {"value": value},
                    )
                )
        if (source, target) in seen:
            errors.append(
                (
                    where,
                    _("The move from %(old)s to %(new)s appears twice.")
                    % {"old": source, "new": target},
                )
            )
        seen.add((source, target))
        by = move.get("by")
        by_list = [by] if isinstance(by, str) else by
        if not isinstance(by_list, list) or not by_list:
            errors.append(
                (
                    f"{where}.by",
                    _("Say who may make the move: %(names)s.") % {"names": ", ".join(actors)},
                )
            )
        else:
            for who in by_list:
                if who not in actors:
                    errors.append(
                        (
                            f"{where}.by",
                            _("%(value)s is not one of %(names)s.")
                            % {"value": who, "names": ", ".join(actors)},
                        )
                    )
        action = move.get("action", DEFAULT_VERB)
        if not isinstance(action, str) or not is_verb(action):
            errors.append(
                (f"{where}.action", _("%(value)s is not a known audit verb.") % {"value": action})
            )
        _check_labels(move.get("labels"), f"{where}.labels", errors)
    return errors


class StageTable:
    """A checked stage table: its stages, their labels, and the Workflow that moves them."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.table = table or {}

    @cached_property
    def stages(self) -> list[Mapping[str, Any]]:
        return [s for s in self.table.get("stages", []) if isinstance(s, Mapping)]

    @property
    def keys(self) -> list[str]:
        return [s["key"] for s in self.stages]

    @property
    def initial(self) -> str:
        return self.keys[0] if self.stages else "draft"

    def stage(self, key: str) -> Mapping[str, Any]:
        return next((s for s in self.stages if s.get("key") == key), {})

    def label(self, key: str, language: str | None = None) -> str:
        return pick_text(self.stage(key).get("labels") or {}, language) or key

    def applicant_edits(self, key: str) -> bool:
        return bool(self.stage(key).get("applicant_edits"))

    def is_final(self, key: str) -> bool:
        """A stage no move leaves."""
        return not any(m.get("from") == key for m in self.table.get("moves", []))

    @cached_property
    def workflow(self) -> Workflow:
        from .actors import may_act

        states = {s["key"]: TextsByLanguage(s.get("labels") or {}) for s in self.stages}
        moves = []
        for move in self.table.get("moves", []):
            by = move.get("by")
            roles = (by,) if isinstance(by, str) else tuple(by or ())
            moves.append(
                Move(
                    move["from"],
                    move["to"],
                    move.get("action", DEFAULT_VERB),
                    TextsByLanguage(move.get("labels") or {}),
                    may=may_act(roles),
                    roles=roles,
                )
            )
        return Workflow(states=states, moves=moves, field="stage")


def stage_labels(table: Mapping[str, Any]) -> dict[str, str]:
    """Stage key → label in the reader's language, in the table's order (for filters)."""
    t = StageTable(table)
    return {key: t.label(key) for key in t.keys}
