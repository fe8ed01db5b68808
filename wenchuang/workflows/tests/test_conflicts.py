"""Conflicts of interest found from the directory's ties, with their reasons."""

import pytest
from django.utils import translation

from wenchuang.accounts.models import Role
from wenchuang.accounts.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    UserFactory,
)
from wenchuang.directory.tests.factories import (
    AssociationMembershipFactory,
    EnterpriseFactory,
    ParkFactory,
)
from wenchuang.workflows.conflicts import Tie, conflicts, forbidden_pairs

pytestmark = pytest.mark.django_db


def expert(**org):
    """An expert reviewer who may also act for an organisation in another role."""
    user = UserFactory(role=Role.EXPERT_REVIEWER)
    if org:
        ((role, organisation),) = org.items()
        AffiliationFactory(user=user, role=role, organisation=organisation)
    return user


def test_a_reviewer_who_works_for_the_applicant_is_in_conflict(cast, orgs):
    found = conflicts([cast["rep"], cast["expert"]], [orgs["acme"].pk])
    assert found == {(cast["rep"].pk, orgs["acme"].pk): [Tie.ORGANISATION]}
    assert str(Tie.ORGANISATION.label) == "works for the applicant"


def test_an_expert_who_also_represents_the_applicant_is_in_conflict(orgs):
    li = expert(enterprise_rep=orgs["rival"])
    assert conflicts([li], [orgs["rival"].pk, orgs["acme"].pk]) == {
        (li.pk, orgs["rival"].pk): [Tie.ORGANISATION]
    }


def test_the_association_and_its_fellow_members_are_in_conflict_with_a_member(cast, orgs):
    acme, association = orgs["acme"], orgs["association"]
    AssociationMembershipFactory(association=association, member=acme)
    fellow = OrganisationFactory()
    AssociationMembershipFactory(association=association, member=fellow)
    lapsed = OrganisationFactory()
    AssociationMembershipFactory(association=association, member=lapsed, lapsed=True)
    colleague = expert(enterprise_rep=fellow)
    former = expert(enterprise_rep=lapsed)
    found = conflicts([cast["staff_member"], colleague, former, cast["expert"]], [acme.pk])
    assert found == {
        (cast["staff_member"].pk, acme.pk): [Tie.ASSOCIATION],  # speaks for the association
        (colleague.pk, acme.pk): [Tie.ASSOCIATION],
    }


def test_an_association_applying_is_in_conflict_with_its_members(orgs):
    association = orgs["association"]
    member = OrganisationFactory()
    AssociationMembershipFactory(association=association, member=member)
    li = expert(enterprise_rep=member)
    assert conflicts([li], [association.pk]) == {(li.pk, association.pk): [Tie.ASSOCIATION]}


def test_the_park_operator_and_fellow_tenants_are_in_conflict_with_a_tenant(cast, orgs):
    park = ParkFactory(organisation=orgs["studios_operator"])
    EnterpriseFactory(organisation=orgs["acme"], park=park)
    neighbour = OrganisationFactory()
    EnterpriseFactory(organisation=neighbour, park=park)
    elsewhere = OrganisationFactory()
    EnterpriseFactory(organisation=elsewhere, in_park=True)
    tenant_expert = expert(enterprise_rep=neighbour)
    other_expert = expert(enterprise_rep=elsewhere)
    reviewers = [cast["park_manager"], cast["other_park_manager"], tenant_expert, other_expert]
    assert conflicts(reviewers, [orgs["acme"].pk]) == {
        (cast["park_manager"].pk, orgs["acme"].pk): [Tie.PARK],
        (tenant_expert.pk, orgs["acme"].pk): [Tie.PARK],
    }
    # The park's operator applying (a designation): its tenants' people are in conflict.
    assert conflicts([tenant_expert], [orgs["studios_operator"].pk]) == {
        (tenant_expert.pk, orgs["studios_operator"].pk): [Tie.PARK]
    }


def test_a_declared_relation_is_a_conflict(cast, orgs):
    found = conflicts(
        [cast["expert"]], [orgs["acme"].pk], declared=[(cast["expert"].pk, orgs["acme"].pk)]
    )
    assert found == {(cast["expert"].pk, orgs["acme"].pk): [Tie.DECLARED]}


def test_a_co_applicant_tie_forbids_the_application(cast, orgs):
    applicants = {101: [orgs["rival"].pk, orgs["acme"].pk], 102: [orgs["rival"].pk]}
    reviewers = [cast["rep"], cast["expert"]]
    declared = [(102, cast["expert"].pk)]
    found = forbidden_pairs(applicants, reviewers, declared_on_application=declared)
    assert found == {
        (101, cast["rep"].pk): [Tie.ORGANISATION],
        (102, cast["expert"].pk): [Tie.DECLARED],
    }


def test_the_reasons_read_in_the_readers_language():
    with translation.override("zh-hans"):
        assert str(Tie.ORGANISATION.label) != "works for the applicant"
    with translation.override("fr"):
        assert str(Tie.PARK.label) != "is in the applicant's park"


def test_the_query_count_does_not_grow_with_the_reviewers(orgs, django_assert_max_num_queries):
    few = [expert(enterprise_rep=OrganisationFactory()) for _ in range(2)]
    many = [expert(enterprise_rep=OrganisationFactory()) for _ in range(20)]
    applicants = [orgs["acme"].pk, orgs["rival"].pk]
    with django_assert_max_num_queries(4):
        conflicts(few, applicants)
    with django_assert_max_num_queries(4):
        conflicts(many, applicants)
