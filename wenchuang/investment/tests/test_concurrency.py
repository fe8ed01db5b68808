"""Two staff acting on one lead or one project at once: one wins, the other is told (PostgreSQL)."""

import pytest
from django.core.exceptions import ValidationError

from wenchuang.core.tests.concurrency import at_once, needs_postgres
from wenchuang.directory.tests.factories import InvestorFactory
from wenchuang.investment import services
from wenchuang.investment.models import Lead, LeadStageLog

from .factories import ProjectFactory


def _split(outcomes):
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    losers = [o for o in outcomes if isinstance(o, Exception)]
    return winners, losers


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_lead_moved_on_and_marked_lost_at_once_has_one_stage_and_one_open_log(
    reference_data, cast
):
    lead = services.lead_create(
        project=ProjectFactory(), investor=InvestorFactory(), by=cast["wuxi_staff"]
    )
    services.lead_move(lead=lead, target="contacted", by=cast["wuxi_staff"])
    read = [Lead.objects.get(pk=lead.pk) for _ in range(2)]
    winners, losers = _split(
        at_once(
            lambda: services.lead_move(lead=read[0], target="negotiating", by=cast["wuxi_staff"]),
            lambda: services.lead_move(lead=read[1], target="lost", by=cast["jiangsu_staff"]),
        )
    )
    assert len(winners) == 1 and isinstance(losers[0], ValidationError)
    lead.refresh_from_db()
    assert lead.stage == winners[0].stage
    assert LeadStageLog.objects.filter(lead=lead, left_on=None).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_lead_opened_twice_at_once_is_one_lead(reference_data, cast):
    project, investor = ProjectFactory(), InvestorFactory()
    winners, losers = _split(
        at_once(
            *[
                lambda who=who: services.lead_create(
                    project=project, investor=investor, by=cast[who]
                )
                for who in ("wuxi_staff", "jiangsu_staff")
            ]
        )
    )
    assert len(winners) == 1
    assert "investor" in losers[0].message_dict
    assert Lead.objects.count() == 1
