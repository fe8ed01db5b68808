"""What the directory shows people by the roles they hold: their contacts, their associations."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied

from wenchuang.accounts.models import Role
from wenchuang.directory import services
from wenchuang.directory.models import AssociationMembership

pytestmark = pytest.mark.django_db


def _export(client, user) -> dict[str, dict[str, str]]:
    client.force_login(user)
    response = client.get("/en/enterprise/export.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return {row["name_en"]: row for row in csv.DictReader(io.StringIO(text))}


def test_an_owner_exports_their_own_contacts_and_no_one_elses(client, cast, directory):
    rep = cast["rep"]
    client.force_login(rep)
    page = client.get(f"/en/enterprise/{directory['acme'].pk}/").content.decode()
    assert "contact@acme.example.cn" in page  # the record page shows them to the owner
    rows = _export(client, rep)
    acme = rows["Wuxi Lingdong Animation Technology Co., Ltd."]
    assert acme["email"] == "contact@acme.example.cn" and acme["phone"] == "0510-1234567"
    assert rows["Xinwu Design Ltd"]["email"] == ""


def test_staff_export_every_contact_and_visitors_none(client, cast, directory):
    rows = _export(client, cast["dalian_staff"])
    assert rows["Xinwu Design Ltd"]["email"] == "hello@rival.example.cn"
    client.logout()
    text = b"".join(client.get("/en/enterprise/export.csv").streaming_content).decode("utf-8-sig")
    assert "email" not in next(csv.reader(io.StringIO(text)))


def test_a_representative_who_is_also_an_expert_keeps_their_contacts(client, cast, orgs, directory):
    from wenchuang.accounts.services import affiliation_add

    expert = cast["expert"]
    assert (
        _export(client, expert)["Wuxi Lingdong Animation Technology Co., Ltd."].get("email") is None
    )
    affiliation_add(user=expert, role=Role.ENTERPRISE_REP, organisation=orgs["acme"])
    rows = _export(client, expert)
    assert (
        rows["Wuxi Lingdong Animation Technology Co., Ltd."]["email"] == "contact@acme.example.cn"
    )


@pytest.fixture
def membership(orgs, directory):
    return AssociationMembership.objects.create(
        association=orgs["association"],  # the Wuxi association
        member=orgs["acme"],
        enterprise=directory["acme"],
        membership_type="director",
        yearly_fee="5000.00",
        status="active",
    )


def test_staff_elsewhere_cannot_manage_an_association_nor_read_its_fees(client, cast, membership):
    with pytest.raises(PermissionDenied) as refused:
        services.membership_renew(membership=membership, by=cast["dalian_staff"])
    assert "centre staff of its region" in str(refused.value)
    client.force_login(cast["dalian_staff"])
    page = client.get("/en/members/").content.decode()
    assert "Acme Animation" in page and "5,000.00" not in page
    api = client.get(f"/api/v1/memberships/{membership.pk}").json()
    assert api["yearly_fee"] is None and api["fee_hidden_reason"]
    membership.status = "applied"
    membership.save()
    assert "Acme Animation" not in client.get("/en/members/").content.decode()


@pytest.mark.parametrize("staff", ["wuxi_staff", "jiangsu_staff", "national_staff"])
def test_staff_over_the_association_manage_it_and_read_its_fees(client, cast, membership, staff):
    membership.status = "applied"
    membership.save()
    client.force_login(cast[staff])
    page = client.get("/en/members/").content.decode()
    assert "Acme Animation" in page and "CN¥5,000.00" in page
    services.membership_set_status(membership=membership, by=cast[staff], status="active")
    assert membership.status == "active"


def test_a_pending_profile_is_listed_to_whoever_may_open_it(client, cast, directory):
    # Acme's pending profile: its representative may open it; Acme's association member
    # (same organisation, another role) may not, so their list must not offer it either.
    acme = directory["acme"]
    acme.status = "pending"
    acme.save()
    name = "Wuxi Lingdong Animation Technology Co., Ltd."
    for who, allowed in (("rep", True), ("member", False)):
        client.force_login(cast[who])
        listed = name in client.get("/en/enterprise/").content.decode()
        opened = client.get(f"/en/enterprise/{acme.pk}/").status_code == 200
        assert (listed, opened) == (allowed, allowed), who
