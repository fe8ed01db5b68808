"""Affiliations: several roles per user, one module answering what a user may act as."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.accounts import roles
from wenchuang.accounts.models import Affiliation, Role, User
from wenchuang.accounts.services import affiliation_add, affiliation_remove, user_create
from wenchuang.core.regions import in_jurisdiction, jurisdiction_of, jurisdiction_scope
from wenchuang.directory.models import Enterprise

pytestmark = pytest.mark.django_db

migration = import_module("wenchuang.accounts.migrations.0003_affiliations")


def test_a_new_user_holds_the_role_they_were_created_with(orgs):
    user = user_create(
        username="li.na", password="x", role=Role.ENTERPRISE_REP, organisation=orgs["acme"]
    )
    assert [(a.role, a.organisation_id) for a in user.affiliations.all()] == [
        (Role.ENTERPRISE_REP, orgs["acme"].pk)
    ]
    assert roles.represents(user, orgs["acme"].pk, Role.ENTERPRISE_REP)
    assert not roles.represents(user, orgs["rival"].pk)
    visitor = user_create(username="visitor", password="x")
    assert not visitor.affiliations.exists() and roles.role_labels(visitor) == "public visitor"


def test_the_oldest_affiliation_is_the_primary_role(cast, orgs):
    expert = cast["expert"]
    affiliation_add(user=expert, role=Role.ENTERPRISE_REP, organisation=orgs["acme"])
    expert.refresh_from_db()
    assert (expert.role, expert.organisation_id) == (Role.EXPERT_REVIEWER, None)
    affiliation_remove(affiliation=expert.affiliations.get(role=Role.EXPERT_REVIEWER))
    expert.refresh_from_db()
    assert (expert.role, expert.organisation_id) == (Role.ENTERPRISE_REP, orgs["acme"].pk)
    affiliation_remove(affiliation=expert.affiliations.get())
    expert.refresh_from_db()
    assert (expert.role, expert.organisation_id) == (Role.PUBLIC, None)


def test_jurisdiction_is_the_union_of_every_staff_affiliation(cast, orgs, directory):
    # Wuxi centre staff who also serve the Dalian bureau oversee both cities.
    staff = cast["wuxi_staff"]
    assert not in_jurisdiction(staff, "210202")
    affiliation_add(
        user=staff,
        role=Role.CENTRE_STAFF,
        organisation=orgs["dalian_bureau"],
        jurisdiction_code="210200",
    )
    assert in_jurisdiction(staff, "210202") and in_jurisdiction(staff, "320211")
    assert not in_jurisdiction(staff, "370102")
    scoped = set(jurisdiction_scope(staff, Enterprise.objects.all()))
    assert scoped == {directory["acme"], directory["rival"], directory["dalian"]}
    fresh = User.objects.get(pk=staff.pk)  # the next request reads them again
    assert {r.code for r in jurisdiction_of(fresh).regions} == {"320200", "210200"}


def test_a_region_inside_another_adds_nothing_to_the_jurisdiction(cast, orgs):
    staff = cast["jiangsu_staff"]
    affiliation_add(
        user=staff,
        role=Role.DISTRICT_OFFICIAL,
        organisation=orgs["binhu"],
        jurisdiction_code="320211",
    )
    assert [r.code for r in jurisdiction_of(staff).regions] == ["320000"]


def test_only_staff_roles_act_within_a_jurisdiction(cast, orgs):
    with pytest.raises(ValidationError) as refused:
        affiliation_add(
            user=cast["rep"],
            role=Role.ENTERPRISE_REP,
            organisation=orgs["rival"],
            jurisdiction_code="320200",
        )
    assert "Only agency staff act within a jurisdiction." in str(refused.value)
    # A jurisdiction on a non-staff role would never make them staff anyway.
    assert jurisdiction_of(cast["rep"]) is None


def test_only_administrators_grant_roles(cast, orgs):
    with pytest.raises(PermissionDenied):
        affiliation_add(
            user=cast["rep"],
            role=Role.CENTRE_STAFF,
            jurisdiction_code="320200",
            by=cast["wuxi_staff"],
        )
    assert not roles.has_role(cast["rep"], Role.CENTRE_STAFF)


def test_the_people_of_an_organisation_are_everyone_affiliated_with_it(cast, orgs):
    expert, _rep, _member = cast["expert"], cast["rep"], cast["member"]
    affiliation_add(user=expert, role=Role.ENTERPRISE_REP, organisation=orgs["acme"])
    # cast["member"] and cast["rep"] act for Acme through their primary role, expert second.
    people = roles.representatives(orgs["acme"].pk)
    assert {u.username for u in people} == {"rep", "member", "expert"}
    assert {u.username for u in roles.representatives(orgs["acme"].pk, Role.ENTERPRISE_REP)} == {
        "rep",
        "expert",
    }


def test_the_migration_gives_every_existing_user_their_one_role_as_an_affiliation(orgs):
    # Users as the single-role table held them, before affiliations existed.
    staff = User.objects.create(
        username="old-staff",
        role=Role.CENTRE_STAFF,
        jurisdiction_id="320200",
        organisation=orgs["wuxi_centre"],
    )
    rep = User.objects.create(
        username="old-rep",
        role=Role.ENTERPRISE_REP,
        organisation=orgs["acme"],
        jurisdiction_id="320200",  # meaningless for a representative: not carried over
    )
    User.objects.create(username="old-visitor", role=Role.PUBLIC)
    migration.affiliations_from_users(apps, None)
    rows = set(
        Affiliation.objects.filter(user__username__startswith="old-").values_list(
            "user__username", "role", "organisation_id", "jurisdiction_id"
        )
    )
    assert rows == {
        ("old-staff", Role.CENTRE_STAFF, orgs["wuxi_centre"].pk, "320200"),
        ("old-rep", Role.ENTERPRISE_REP, orgs["acme"].pk, None),
    }
    assert in_jurisdiction(staff, "320211")
    assert roles.represents(rep, orgs["acme"].pk, Role.ENTERPRISE_REP)


def test_the_cast_has_staff_who_also_speak_for_their_association(cast, orgs):
    person = cast["staff_member"]
    assert roles.has_role(person, Role.CENTRE_STAFF) and in_jurisdiction(person, "320211")
    assert roles.represents(person, orgs["association"].pk, Role.ASSOCIATION_MEMBER)
    assert person.role == Role.CENTRE_STAFF  # the first affiliation stays the primary one


def test_the_admin_lists_a_users_roles_and_adds_one(client, cast, orgs):
    from wenchuang.accounts.tests.factories import UserFactory

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    person = cast["expert"]
    url = f"/admin/accounts/user/{person.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "date_joined_0": "2026-11-30",
            "date_joined_1": "08:00:00",
            "groups": [],
            "user_permissions": [],
            "affiliations-TOTAL_FORMS": "2",
            "affiliations-INITIAL_FORMS": "1",
            "affiliations-MIN_NUM_FORMS": "0",
            "affiliations-MAX_NUM_FORMS": "1000",
            "affiliations-0-id": str(person.affiliations.get().pk),
            "affiliations-0-user": str(person.pk),
            "affiliations-0-role": Role.EXPERT_REVIEWER,
            "affiliations-1-user": str(person.pk),
            "affiliations-1-role": Role.ENTERPRISE_REP,
            "affiliations-1-organisation": str(orgs["acme"].pk),
        }
    )
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    fresh = User.objects.get(pk=person.pk)
    assert roles.represents(fresh, orgs["acme"].pk, Role.ENTERPRISE_REP)
    assert fresh.role == Role.EXPERT_REVIEWER


def test_a_request_reads_the_affiliations_once_however_many_rows_it_checks(client, cast, orgs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wenchuang.directory.tests.factories import AssociationMembershipFactory

    # The members page asks "may manage?" of every row.
    for _ in range(6):
        AssociationMembershipFactory(association=orgs["association"])
    client.force_login(cast["staff_member"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/members/").content.decode()
    assert page.count("Record renewal") + page.count("Activate") >= 6
    reads = [q["sql"] for q in queries.captured_queries if '"accounts_affiliation"' in q["sql"]]
    assert len(reads) == 1


def test_public_is_no_role_to_grant(cast):
    with pytest.raises(ValidationError) as refused:
        affiliation_add(user=cast["expert"], role=Role.PUBLIC)
    assert "holds no role" in str(refused.value)
