"""Two staff confirming two pairs that share a park at once: one wins (PostgreSQL)."""

import pytest
from django.core.exceptions import ValidationError

from wenchuang.cooperation import services
from wenchuang.cooperation.models import Pairing
from wenchuang.core.tests.concurrency import at_once, needs_postgres


def _confirm(pairing, by):
    read = Pairing.objects.select_related("batch").get(pk=pairing.pk)

    def call():
        return services.pairing_confirm(pairing=read, by=by)

    return call


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_pairs_sharing_a_park_cannot_both_be_confirmed_at_once(reference_data, suggested, cast):
    staff = cast["national_staff"]
    outcomes = at_once(_confirm(suggested["urumqi"], staff), _confirm(suggested["dalian"], staff))
    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert len(losers) == 1 and isinstance(losers[0], ValidationError)
    assert Pairing.objects.filter(status="confirmed").count() == 1
