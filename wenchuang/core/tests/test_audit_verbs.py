"""A domain adds audit verbs of its own without a core migration, and pages label them."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from wenchuang.core.audit import audit_record
from wenchuang.core.models import AuditEvent
from wenchuang.core.verbs import register_verb, verb_label

# As a funds domain would declare it at import time ("approved" has a translation already).
AWARD = register_verb("award_tranche", gettext_lazy("approved"))


def test_a_registered_verb_is_written_and_labelled_in_the_readers_language(cast, directory):
    event = audit_record(actor=cast["wuxi_staff"], action=AWARD, instance=directory["acme"])
    event.refresh_from_db()
    assert event.action == "award_tranche"
    with translation.override("fr"):
        assert event.action_label == "approuvé"
    assert AuditEvent.objects.filter(action=AWARD).count() == 1


def test_core_verbs_keep_their_labels():
    with translation.override("en"):
        assert verb_label("approve") == "approved"
        assert verb_label("import") == "imported"


def test_an_unregistered_verb_is_refused_rather_than_written_unlabelled(cast, directory):
    with pytest.raises(ValueError, match="register it"):
        audit_record(actor=cast["wuxi_staff"], action="aprove", instance=directory["acme"])


@pytest.mark.parametrize("verb", ["", "x" * 33, "two words", "drop;table"])
def test_a_verb_is_a_short_identifier(verb):
    with pytest.raises(ValueError):
        register_verb(verb, "label")
