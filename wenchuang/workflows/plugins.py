"""How a domain plugs into the engine: a programme kind with its stages, form and hooks.

The funding and designation apps register their kind in `AppConfig.ready()`::

    register_kind(ProgrammeKind(
        key="fund",
        label=_("special fund"),
        default_stages=standard_stages(tail=FUND_TAIL, tail_moves=FUND_MOVES),
        default_form=FUND_FORM,
        on_enter={"approved": create_award},         # (application, by), same transaction
        rules={"no_unfinished_report": unfinished},  # (value, organisation, call) -> reason | ""
    ))

`transition` of an application calls `on_enter[stage]` inside the transaction that moved
it, so an award or a designation exists exactly when the application reached the stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .actors import register_actor

__all__ = [
    "ProgrammeKind",
    "kind_label",
    "kind_of",
    "kinds",
    "register_actor",
    "register_call_check",
    "register_kind",
]

# (application, by) -> None, run in the moving transaction.
EnterHook = Callable[[Any, Any], None]
# (rule value from the call's eligibility, organisation, call) -> a refusal reason, or "".
RuleCheck = Callable[[Any, Any, Any], str]


@dataclass(frozen=True)
class ProgrammeKind:
    key: str
    label: Any  # a lazy translatable label
    default_stages: Mapping[str, Any]
    default_form: Mapping[str, Any]
    on_enter: Mapping[str, EnterHook] = field(default_factory=dict)
    rules: Mapping[str, RuleCheck] = field(default_factory=dict)
    # What the applicant's organisation must be (Organisation.Kind values); empty: any.
    applicant_kinds: tuple[str, ...] = ()
    default_review_form: Mapping[str, Any] = field(default_factory=dict)
    # Stages whose news the plug-in sends the applicant itself (funding's decision mail):
    # the engine's own "now at stage …" notification stays silent for them.
    tells_applicant: frozenset[str] = frozenset()
    # The records an application may be about, for the given applicant organisations (the
    # parks they operate, for a designation): the apply form asks which one. None: not asked.
    subjects: Callable[[Iterable[int]], Iterable[Any]] | None = None
    subject_label: Any = None  # what one such record is called ("park")


_KINDS: dict[str, ProgrammeKind] = {}


def register_kind(kind: ProgrammeKind) -> ProgrammeKind:
    """Make a programme kind known (registering a key again replaces it: tests do)."""
    _KINDS[kind.key] = kind
    return kind


def kind_of(key: str) -> ProgrammeKind | None:
    return _KINDS.get(key)


def kinds() -> list[ProgrammeKind]:
    return list(_KINDS.values())


def kind_label(key: str) -> str:
    kind = _KINDS.get(key)
    return str(kind.label) if kind else key


# Further checks of a call's definitions when staff save them, by the field they check:
# the reviews app checks `review_form` here. (definition) -> [(path, message)].
_CALL_CHECKS: dict[str, Callable[[Any], list[tuple[str, str]]]] = {}


def register_call_check(field_name: str, check: Callable[[Any], list[tuple[str, str]]]) -> None:
    """Refuse a call whose `field_name` (e.g. "review_form") fails `check` when it is saved."""
    _CALL_CHECKS[field_name] = check


def call_checks() -> dict[str, Callable[[Any], list[tuple[str, str]]]]:
    return dict(_CALL_CHECKS)


def run_on_enter(application: Any, by: Any) -> None:
    """Call the kind's hook for the stage the application just entered, if any."""
    kind = _KINDS.get(application.call.programme.kind)
    hook = kind.on_enter.get(application.stage) if kind else None
    if hook is not None:
        hook(application, by)
