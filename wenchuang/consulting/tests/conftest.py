"""Consulting fixtures: Taihu Law (the cast's provider) and a rival firm, both certified in Wuxi."""

import pytest

from wenchuang.accounts.models import Role
from wenchuang.accounts.tests.factories import OrganisationFactory, UserFactory

from .factories import certified_provider


@pytest.fixture
def firms(cast, orgs):
    """Two certified law firms serving Wuxi: the cast's "provider" speaks for the first."""
    taihu, _ = certified_provider(
        organisation=orgs["lawyers"], person=cast["provider"], staff=cast["wuxi_staff"]
    )
    other_org = OrganisationFactory(
        service_provider=True, name_en="Lihu Law", name_zh_hans="蠡湖律师事务所", region_id="320200"
    )
    other_person = UserFactory(
        username="other_provider", role=Role.SERVICE_PROVIDER, organisation=other_org
    )
    lihu, _ = certified_provider(
        organisation=other_org, person=other_person, staff=cast["wuxi_staff"]
    )
    return {"taihu": taihu, "lihu": lihu, "other_provider": other_person}
