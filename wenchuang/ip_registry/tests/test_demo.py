"""The demo's works: registered through the service, in the log, one edited copy flagged."""

import pytest
from django.core.management import call_command

from wenchuang.ip_registry.models import LogEntry, Work

pytestmark = pytest.mark.django_db


def test_the_demo_registers_works_and_flags_the_edited_copy(demo_directory):
    from wenchuang.ip_registry import demo, selectors

    # Its six works (other domains' demo steps may register more, e.g. the market's painter).
    assert Work.objects.count() >= 6
    copy = Work.objects.get(title="湖上日出")
    (found,) = selectors.likely_copies(copy)
    assert found.work.title == "太湖晨曦"
    assert LogEntry.objects.count() == Work.objects.count()  # one log entry per registration
    call_command("verify_log")
    # The market's demo reports a listing against a registered work: its step is wiped
    # first (demo-data --reset wipes steps in reverse order), then the registry's.
    from wenchuang.market.demo import wipe as wipe_market

    wipe_market()
    demo.wipe_demo()
    assert not Work.objects.exists() and not LogEntry.objects.exists()
