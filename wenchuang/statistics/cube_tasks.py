"""Background work on the cube: the incremental update after returns arrive, every minute too."""

from __future__ import annotations

import datetime

from django.db import transaction
from django_tasks import task

from wenchuang.core.scheduling import register_periodic

from .cube import refresh_changed


@task()
def cube_refresh() -> int:
    """Recompute the cells of the quarters and provinces whose values changed."""
    return refresh_cells()


def returns_arrived() -> None:
    """Queue an update of the cube once the current transaction has committed."""
    transaction.on_commit(cube_refresh.enqueue)


def refresh_cells() -> int:
    """The periodic catch-up: how many cells were recomputed (a run's result is stored as JSON)."""
    result = refresh_changed()
    return result.cells if result else 0


# A catch-up for writes that did not call returns_arrived (an import, a fix in the admin).
register_periodic("statistics_cube", every=datetime.timedelta(minutes=1), run=refresh_cells)
