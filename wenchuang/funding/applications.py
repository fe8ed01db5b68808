"""The application an award came from: its stage follows the award's (agreement → closed)."""

from __future__ import annotations

from collections import deque
from typing import Any

from wenchuang.workflows.models import Application
from wenchuang.workflows.services import move_stage
from wenchuang.workflows.stages import StageTable

from .kind import APPLICATION_STAGE
from .models import Award


def _path(table: StageTable, source: str, target: str) -> list[str]:
    """The stages from `source` to `target` along the table's moves (shortest), [] if none."""
    moves = table.table.get("moves", [])
    previous: dict[str, str] = {}
    queue = deque([source])
    while queue:
        here = queue.popleft()
        if here == target:
            path = []
            while here != source:
                path.append(here)
                here = previous[here]
            return path[::-1]
        for move in moves:
            if move.get("from") == here and move.get("to") not in previous:
                previous[move["to"]] = here
                queue.append(move["to"])
    return []


def follow_award(award: Award, by: Any = None) -> None:
    """Move the award's application to the stage that mirrors the award's (by the system).

    A stopped award or one being repaid leaves its application where it was: the award
    carries that flag, and the application's table has no such stage.
    """
    target = APPLICATION_STAGE.get(award.status)
    if not award.application_id or target is None:
        return
    application = Application.objects.get(pk=award.application_id)
    for stage in _path(StageTable(application.stage_table), application.stage, target):
        application = move_stage(application=application, target=stage, by=None)
