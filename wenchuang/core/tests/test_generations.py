"""Content generations move once per committed transaction that wrote a tracked model."""

import pytest
from django.db import transaction

from wenchuang.core import generations
from wenchuang.core.models import AuditEvent
from wenchuang.directory.models import Enterprise, Park
from wenchuang.directory.tests.factories import EnterpriseFactory, ParkFactory
from wenchuang.reference.models import IndustryCategory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def generation(model) -> int:
    return generations.current([model])[0]


def test_a_transaction_that_writes_many_rows_moves_the_generation_once():
    before = generation(Enterprise)
    with transaction.atomic():
        EnterpriseFactory.create_batch(3)
        assert generation(Enterprise) == before  # not before the commit
    assert generation(Enterprise) == before + 1


def test_each_write_outside_a_transaction_moves_it_at_once():
    before = generation(Enterprise)
    record = EnterpriseFactory()
    record.name_en = "Renamed"
    record.save()
    record.delete()
    assert generation(Enterprise) == before + 3


def test_a_write_in_a_rolled_back_savepoint_still_moves_it_with_the_commit():
    # A savepoint's callback is dropped with it; the batch it filled still moves at commit.
    before = generation(Enterprise)
    with transaction.atomic():
        try:
            with transaction.atomic():
                EnterpriseFactory()
                raise RuntimeError
        except RuntimeError:
            pass
        EnterpriseFactory()
    assert generation(Enterprise) == before + 1


def test_a_rolled_back_transaction_moves_nothing():
    before = generation(Enterprise)
    with pytest.raises(RuntimeError), transaction.atomic():
        EnterpriseFactory()
        raise RuntimeError
    assert generation(Enterprise) == before


def test_changing_a_parks_focus_categories_moves_the_parks_generation():
    park = ParkFactory()
    before = generation(Park)
    park.focus_categories.add(IndustryCategory.objects.get(code="0241"))
    assert generation(Park) == before + 1
    park.focus_categories.clear()
    assert generation(Park) == before + 2


def test_a_model_nobody_tracks_gets_no_generation():
    assert not generations.tracked(AuditEvent)
    generations.bump(AuditEvent)
    AuditEvent.objects.create(action="update", record_type="x", record_id="1")
    assert generation(AuditEvent) == 0


def test_reloading_the_classification_moves_its_generation():
    # The reference loader upserts with bulk_create, which sends no post_save.
    from wenchuang.reference.loading import load_categories

    before = generation(IndustryCategory)
    load_categories()
    assert generation(IndustryCategory) == before + 1


def test_the_demo_generators_bulk_writes_move_the_generations():
    # The demo writes with bulk_create and QuerySet.update; wiping it moves what it wrote.
    from wenchuang.directory.demo import wipe_demo_data

    before = generation(Enterprise), generation(Park)
    wipe_demo_data()
    assert (generation(Enterprise), generation(Park)) == (before[0] + 1, before[1] + 1)
