"""Two tabs submitting one return, two staff releasing one quarter, at once (PostgreSQL)."""

import pytest
from django.core.exceptions import ValidationError

from wenchuang.core.models import AuditEvent
from wenchuang.core.tests.concurrency import at_once, needs_postgres
from wenchuang.statistics.models import Period, ReportingObligation, ReturnValue, StatReturn
from wenchuang.statistics.services import period_move, return_submit
from wenchuang.statistics.tests.conftest import ytd
from wenchuang.statistics.tests.factories import PeriodFactory


def _submit(cast, directory, values, version=None):
    obligation = ReportingObligation.objects.get(code="enterprise-quarterly")
    period = PeriodFactory(year=2026, quarter=1)
    acme, rep = directory["acme"], cast["rep"]

    def call():
        return return_submit(
            obligation=obligation,
            period=period,
            record=acme,
            values=values,
            by=rep,
            version=version,
        )

    return call


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_click_makes_one_return(reference_data, cast, directory):
    outcomes = at_once(_submit(cast, directory, ytd(1)), _submit(cast, directory, ytd(1)))
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert sorted(o.created for o in outcomes) == [False, True]
    assert StatReturn.objects.count() == 1
    assert ReturnValue.objects.count() == 5 and ReturnValue.objects.filter(revision=2).count() == 0


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_tabs_revising_one_version_cannot_both_win(reference_data, cast, directory):
    _submit(cast, directory, ytd(1))()
    outcomes = at_once(
        _submit(cast, directory, ytd(1) | {"revenue": "8000000"}, version=1),
        _submit(cast, directory, ytd(1) | {"revenue": "9000000"}, version=1),
    )
    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert len(losers) == 1 and isinstance(losers[0], ValidationError)
    revisions = ReturnValue.objects.filter(indicator__code="revenue").order_by("revision")
    assert [r.revision for r in revisions] == [1, 2]
    assert StatReturn.objects.get().version == 2


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_releasing_a_quarter_release_it_once(reference_data, cast):
    period = PeriodFactory(year=2026, quarter=1, locked=True)

    def release(by):
        read = Period.objects.get(pk=period.pk)
        return lambda: period_move(period=read, target="released", by=by)

    outcomes = at_once(release(cast["wuxi_staff"]), release(cast["national_staff"]))
    assert sum(isinstance(o, Exception) for o in outcomes) == 1
    assert AuditEvent.objects.filter(action="release_period").count() == 1
    assert Period.objects.get(pk=period.pk).status == "released"
