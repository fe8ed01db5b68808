"""Two staff releasing one quarter at the same moment publish it once (PostgreSQL)."""

import pytest
from django.core.exceptions import ValidationError

from wenchuang.core.models import AuditEvent
from wenchuang.core.tests.concurrency import at_once, needs_postgres
from wenchuang.statistics.cube import build_cube
from wenchuang.statistics.models import Period, ReleasedCell
from wenchuang.statistics.publishing import period_release
from wenchuang.statistics.services import period_move
from wenchuang.statistics.tests.cube_data import wuxi_quarters


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_releasing_at_once_publish_once(reference_data, cast):
    _q19, q20 = wuxi_quarters()
    build_cube()
    national, jiangsu = cast["national_staff"], cast["jiangsu_staff"]
    period_move(period=q20, target="locked", by=national)

    def release(by):
        return lambda: period_release(period=Period.objects.get(pk=q20.pk), by=by)

    outcomes = at_once(release(national), release(jiangsu))
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError), outcomes
    assert Period.objects.get(pk=q20.pk).status == "released"
    assert AuditEvent.objects.filter(action="release_period").count() == 1
    # The snapshot was written once: one row per published cell.
    cells = ReleasedCell.objects.filter(period=q20)
    assert (
        cells.count()
        == cells.values("indicator", "region_id", "class_level", "class_code", "park_id")
        .distinct()
        .count()
        > 0
    )
