"""Fixtures of the toolkit's tests: a membership whose renewal reminder is due."""

import pytest

from wenchuang.directory.models import AssociationMembership


@pytest.fixture
def membership_renewing_on(cast, orgs, directory):
    """Makes Acme's active membership of the Wuxi association, renewing on a given day.

    Acme's people, `rep` and `member`, are the ones its reminders go to.
    """

    def make(renews_on):
        cast["rep"], cast["member"]
        return AssociationMembership.objects.create(
            association=orgs["association"],
            member=orgs["acme"],
            enterprise=directory["acme"],
            membership_type="director",
            yearly_fee="5000.00",
            status="active",
            renews_on=renews_on,
        )

    return make
