"""The marketplace's test people and records: a Wuxi seller, a French buyer, a listing."""

import pytest

from .factories import buyer, listing, seller_enterprise


@pytest.fixture
def seller(orgs):
    return seller_enterprise(orgs["acme"])


@pytest.fixture
def marie(db):
    """A buyer in France who reads English and pays in euros."""
    return buyer()


@pytest.fixture
def published(seller, cast):
    return listing(seller, cast["rep"], cast["wuxi_staff"])
