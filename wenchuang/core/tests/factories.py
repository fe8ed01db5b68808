"""Factories for the audit trail."""

import factory
from factory.django import DjangoModelFactory

from wenchuang.accounts.tests.factories import UserFactory
from wenchuang.core.models import AuditEvent


class AuditEventFactory(DjangoModelFactory):
    """Wuxi staff changing an enterprise's English name; a trait per action."""

    class Meta:
        model = AuditEvent

    actor = factory.SubFactory(UserFactory, centre_staff=True)
    action = AuditEvent.Action.UPDATE
    record_type = "directory.enterprise"
    record_id = factory.Sequence(str)
    changes = factory.LazyFunction(
        lambda: {"name_en": ["Wuxi Lingdong Animation", "Wuxi Lingdong Animation Technology"]}
    )

    class Params:
        created = factory.Trait(action=AuditEvent.Action.CREATE, changes={})
        approved = factory.Trait(action=AuditEvent.Action.APPROVE, changes={})
        imported = factory.Trait(action=AuditEvent.Action.IMPORT, note="enterprises.xlsx")
        by_nobody = factory.Trait(actor=None)
