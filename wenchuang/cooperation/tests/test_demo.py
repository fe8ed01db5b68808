"""The demo's first pairing batch: pairs at every stage, outcome reports, and its wipe."""

from wenchuang.cooperation.demo import BATCH_CODE, wipe_demo
from wenchuang.cooperation.models import OutcomeReport, Pairing, PairingBatch


def test_the_demo_holds_a_first_batch_with_pairs_at_every_stage(demo_db):
    batch = PairingBatch.objects.get(code=BATCH_CODE)
    assert batch.status == "active"
    statuses = set(Pairing.objects.filter(batch=batch).values_list("status", flat=True))
    assert {"suggested", "confirmed", "signed", "declined"} <= statuses
    pilot = Pairing.objects.get(batch=batch, partner_park__name_zh_hans__contains="七纺")
    assert pilot.status == "signed"
    assert OutcomeReport.objects.filter(pairing=pilot).count() == 6
    # Pairs cross regions: no pair inside one province.
    for pairing in Pairing.objects.filter(batch=batch):
        assert pairing.province_code != pairing.partner_province_code


def test_the_demo_pairs_go_before_the_directory_is_wiped(demo_db):
    wipe_demo()
    assert not PairingBatch.objects.exists() and not Pairing.objects.exists()
