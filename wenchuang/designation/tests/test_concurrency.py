"""Two staff deciding on one designation at once: one wins, the other is told (PostgreSQL)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from wenchuang.core.models import AuditEvent
from wenchuang.core.tests.concurrency import at_once, needs_postgres
from wenchuang.designation import services
from wenchuang.designation.models import Designation

from .factories import DesignationFactory


def _move(designation, target, by):
    # Each click comes from a page read before either click: read now, not when the thread
    # runs (on a busy machine one thread may finish before the other starts).
    read = Designation.objects.get(pk=designation.pk)

    def call():
        return services.designation_move(designation=read, target=target, by=by, note="")

    return call


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_renewal_and_a_revocation_at_once_cannot_both_win(reference_data, cast):
    designation = DesignationFactory()
    outcomes = at_once(
        _move(designation, "renewed", cast["wuxi_staff"]),
        _move(designation, "revoked", cast["jiangsu_staff"]),
    )
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], ValidationError)
    designation.refresh_from_db()
    assert designation.status == winners[0].status
    renewed = designation.status == "renewed"
    assert designation.valid_until == datetime.date(2029 if renewed else 2028, 1, 1)
    moves = AuditEvent.objects.filter(
        record_id=str(designation.pk), action__in=["renew_designation", "revoke"]
    )
    assert moves.count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_renewal_adds_one_year(reference_data, cast):
    designation = DesignationFactory(renewed=True)
    outcomes = at_once(
        _move(designation, "renewed", cast["wuxi_staff"]),
        _move(designation, "renewed", cast["wuxi_staff"]),
    )
    assert sum(isinstance(o, Exception) for o in outcomes) == 1
    designation.refresh_from_db()
    assert designation.valid_until == datetime.date(2029, 1, 1)
    assert AuditEvent.objects.filter(record_id=str(designation.pk)).count() == 1
