"""The test factories make records the site treats as real ones, and the cast is made on demand."""

import pytest
from django.urls import reverse

from wenchuang.accounts.models import Role, User
from wenchuang.accounts.tests.factories import (
    AffiliationFactory,
    ApiTokenFactory,
    OrganisationFactory,
    UserFactory,
)
from wenchuang.core.tests.factories import AuditEventFactory
from wenchuang.directory import permissions
from wenchuang.directory.models import Enterprise
from wenchuang.directory.tests.factories import (
    AssociationMembershipFactory,
    EnterpriseFactory,
    ImportJobFactory,
    InvestorFactory,
    ParkFactory,
    ProfileChangeFactory,
    ServiceProviderFactory,
    TalentFactory,
)
from wenchuang.reference.tests.factories import (
    CurrencyFactory,
    IndustryCategoryFactory,
    RegionFactory,
    SizeThresholdFactory,
)

pytestmark = pytest.mark.django_db

# Every factory with each of its traits: what a test can ask for.
MADE = {
    "organisation": lambda: [
        OrganisationFactory(**{t: True} if t else {})
        for t in (
            None,
            "agency",
            "district",
            "association",
            "park_operator",
            "investor",
            "service_provider",
        )
    ],
    "user": lambda: (
        [UserFactory(**{role.value: True}) for role in Role if role != Role.PUBLIC]
        + [UserFactory()]
    ),
    "affiliation": lambda: [
        AffiliationFactory(),
        AffiliationFactory(centre_staff=True),
        AffiliationFactory(district_official=True),
        AffiliationFactory(enterprise_rep=True),
        AffiliationFactory(association_member=True),
    ],
    "token": lambda: [ApiTokenFactory()],
    "park": lambda: [
        ParkFactory(),
        ParkFactory(national=True, operated=True, focus=["0241", "0322"]),
        ParkFactory(without_coordinates=True, in_nanjing=True),
    ],
    "enterprise": lambda: [
        EnterpriseFactory(),
        EnterpriseFactory(large=True, in_beijing=True, with_contacts=True, owned=True),
        EnterpriseFactory(without_revenue=True, pending=True),
        EnterpriseFactory(in_park=True, in_weifang=True, rejected=True),
    ],
    "investor": lambda: [
        InvestorFactory(),
        InvestorFactory(foreign=True, focus=["0241"]),
        InvestorFactory(government_fund=True, in_shenzhen=True),
    ],
    "talent": lambda: [TalentFactory(), TalentFactory(in_dalian=True)],
    "provider": lambda: [
        ServiceProviderFactory(),
        ServiceProviderFactory(legal=True, certified_by_the_centre=True, in_shanghai=True),
    ],
    "membership": lambda: [
        AssociationMembershipFactory(),
        AssociationMembershipFactory(president=True, with_enterprise=True),
        AssociationMembershipFactory(applied=True),
        AssociationMembershipFactory(lapsed=True),
        AssociationMembershipFactory(renewing_soon=True),
    ],
    "profile change": lambda: [
        ProfileChangeFactory(),
        ProfileChangeFactory(approved=True),
        ProfileChangeFactory(rejected=True),
    ],
    "import job": lambda: [
        ImportJobFactory(),
        ImportJobFactory(running=True),
        ImportJobFactory(succeeded=True),
        ImportJobFactory(failed=True),
    ],
    "audit event": lambda: [
        AuditEventFactory(),
        AuditEventFactory(created=True),
        AuditEventFactory(approved=True),
        AuditEventFactory(imported=True, by_nobody=True),
    ],
    "reference": lambda: [
        RegionFactory(),
        IndustryCategoryFactory(code="0322"),
        CurrencyFactory(code="EUR"),
        SizeThresholdFactory(),
    ],
}


@pytest.mark.parametrize("kind", MADE)
def test_every_factory_and_trait_makes_a_valid_row(kind):
    for obj in MADE[kind]():
        # Derived columns are filled by the factories as the services fill them.
        obj.full_clean(exclude=["password", "key_hash", "prefix"])


def test_a_record_placed_in_a_city_is_named_after_it():
    fund = InvestorFactory(in_dalian=True)
    assert fund.name_zh_hans.startswith("大连")
    assert fund.name_en.startswith("Dalian")
    assert fund.region_id.startswith("2102")
    assert fund.prefecture_code == "210200"


def test_a_published_enterprise_is_listed_and_found_a_pending_one_is_not(client):
    listed = EnterpriseFactory()
    held = EnterpriseFactory(pending=True)
    page = client.get(reverse("directory:list", args=["enterprise"])).content.decode()
    assert listed.name_en in page
    assert held.name_en not in page
    found = client.get(reverse("directory:list", args=["enterprise"]), {"q": listed.name_zh_hans})
    assert listed.name_en in found.content.decode()


def test_a_large_enterprise_is_above_designated_size():
    assert EnterpriseFactory(large=True).above_designated_size
    assert not EnterpriseFactory().above_designated_size


def test_a_staff_user_from_the_factory_validates_in_wuxi_only():
    staff = UserFactory(centre_staff=True)
    assert permissions.can_validate(staff, "320211").allowed
    assert not permissions.can_validate(staff, "210202").allowed


def test_the_cast_makes_only_the_people_a_test_uses(cast):
    assert cast["wuxi_staff"].jurisdiction_id == "320200"
    assert cast["rep"].organisation.name_en == "Acme Animation"
    assert set(User.objects.values_list("username", flat=True)) == {"wuxi_staff", "rep"}
    assert cast["rep"] is cast["rep"]
    assert {user.role for user in cast.values()} == set(Role)


def test_a_token_from_the_factory_opens_the_api(client):
    token = ApiTokenFactory()
    mine = EnterpriseFactory(pending=True)
    response = client.get(
        f"/api/v1/enterprises/{mine.pk}", HTTP_AUTHORIZATION=f"Bearer {token.key}"
    )
    assert response.status_code == 200
    assert Enterprise.objects.count() == 1
