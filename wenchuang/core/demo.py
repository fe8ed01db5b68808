"""Demo data contributed by domains: the `demo-data` command runs every registered step.

The directory's generator makes organisations, records and logins first; then each step a
domain registered (in its AppConfig.ready) adds its own records from them, in `order`::

    register_demo_step(DemoStep("workflows", create=make_calls, wipe=drop_calls, order=100))

`create(generator)` returns {label: count} for the summary; `wipe()` deletes what it made
(run in reverse order before the directory's own data is deleted on --reset). The engine
uses 100; steps that build on its applications (reviews, funding, designation) use 200+.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DemoStep:
    name: str
    create: Callable[[Any], dict[str, int]]
    wipe: Callable[[], None]
    order: int = 100


_STEPS: dict[str, DemoStep] = {}


def register_demo_step(step: DemoStep) -> DemoStep:
    _STEPS[step.name] = step
    return step


def demo_steps() -> list[DemoStep]:
    return sorted(_STEPS.values(), key=lambda s: (s.order, s.name))


def run_demo_steps(generator: Any) -> dict[str, int]:
    created: dict[str, int] = {}
    for step in demo_steps():
        created.update(step.create(generator) or {})
    return created


def wipe_demo_steps() -> None:
    for step in reversed(demo_steps()):
        step.wipe()
