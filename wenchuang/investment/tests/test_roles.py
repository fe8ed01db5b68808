"""Who may do what: each role against each investment page, as a visitor would notice it."""

import datetime

import pytest
from django.urls import reverse

from wenchuang.directory.tests.factories import InvestorFactory
from wenchuang.investment import services

from .factories import ProfileFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast, orgs):
    draft = ProjectFactory(draft=True, owner=orgs["acme"])
    published = ProjectFactory(owner=orgs["acme"])
    profile = ProfileFactory(investor__organisation=orgs["fund"])
    lead = services.lead_create(
        project=published, investor=InvestorFactory(), by=cast["wuxi_staff"]
    )
    agreement = services.agreement_record(
        project=published, by=cast["wuxi_staff"], title="协议", parties=["甲方", "乙方"],
        signed_on=datetime.date(2026, 6, 1),
    )  # fmt: skip
    return {
        "draft": reverse("investment:project", args=[draft.pk]),
        "edit draft": reverse("investment:project-edit", args=[draft.pk]),
        "published": reverse("investment:project", args=[published.pk]),
        "project matches": reverse("investment:project-matches", args=[published.pk]),
        "investor": reverse("investment:investor", args=[profile.pk]),
        "investor matches": reverse("investment:investor-matches", args=[profile.pk]),
        "interests": reverse("investment:profile-edit", args=[profile.investor_id]),
        "approvals": reverse("investment:approvals"),
        "matching": reverse("investment:matching"),
        "leads": reverse("investment:leads"),
        "lead": reverse("investment:lead", args=[lead.pk]),
        "report": reverse("investment:report"),
        "agreement": reverse("investment:agreement", args=[agreement.pk]),
        "new project": reverse("investment:project-create"),
    }


# page -> who sees it (200); everybody else signed in gets 403, a visitor the sign-in or 403.
ALLOWED = {
    "draft": {"rep", "wuxi_staff"},
    "edit draft": {"rep"},
    "published": {None, "rep", "rival_rep", "investor", "wuxi_staff", "dalian_staff"},
    "project matches": {"rep", "wuxi_staff"},
    "investor": {None, "rep", "rival_rep", "investor", "wuxi_staff", "dalian_staff"},
    "investor matches": {"investor", "wuxi_staff"},
    "interests": {"investor", "wuxi_staff"},
    "approvals": {"wuxi_staff", "dalian_staff"},
    "matching": {"wuxi_staff", "dalian_staff"},
    "leads": {"wuxi_staff", "dalian_staff"},
    "lead": {"wuxi_staff"},
    "report": {"wuxi_staff", "dalian_staff"},
    "agreement": {None, "rep", "rival_rep", "investor", "wuxi_staff", "dalian_staff"},
    "new project": {"rep", "rival_rep"},
}
WHO = [None, "rep", "rival_rep", "investor", "wuxi_staff", "dalian_staff"]


@pytest.mark.parametrize("who", WHO)
def test_each_role_sees_exactly_its_pages(client, cast, world, who):
    if who:
        client.force_login(cast[who])
    answers = {page: client.get(url).status_code for page, url in world.items()}
    expected = {
        page: 200 if who in allowed else (403 if who else (302, 403))
        for page, allowed in ALLOWED.items()
    }
    wrong = {
        page: answers[page]
        for page, code in expected.items()
        if answers[page] not in (code if isinstance(code, tuple) else (code,))
    }
    assert not wrong, f"{who}: {wrong}"
