"""Two organisers pressing "run the scheduler" at the same moment start one run (PostgreSQL)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from wenchuang.core.tests.concurrency import at_once, needs_postgres
from wenchuang.events.models import SchedulingRun
from wenchuang.events.services import scheduling

from .factories import EventFactory

# Queued, not run: the runs stay active while the second click arrives, as under a worker.
QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _start(event, by):
    with translation.override("en"):  # a thread starts in the site's default language
        return scheduling.scheduling_start(event=event, by=by)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_organisers_running_the_scheduler_at_once_start_one_run(reference_data, cast, orgs):
    event = EventFactory(organiser=orgs["wuxi_centre"])
    wuxi, jiangsu = cast["wuxi_staff"], cast["jiangsu_staff"]  # made here, not in the threads
    with override_settings(TASKS=QUEUED_ONLY):
        outcomes = at_once(
            lambda: _start(event, wuxi),
            lambda: _start(event, jiangsu),
        )
    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert len(losers) == 1, outcomes
    assert isinstance(losers[0], ValidationError)
    assert "already running" in losers[0].messages[0]
    assert SchedulingRun.objects.filter(event=event).count() == 1
