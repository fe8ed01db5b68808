"""Reviews submitted at the same moment, on two database connections (PostgreSQL)."""

import pytest

from wenchuang.core.tests.concurrency import at_once, needs_postgres
from wenchuang.workflows.models import Review, ReviewAssignment
from wenchuang.workflows.reviewing import services
from wenchuang.workflows.tests.factories import ApplicationFactory, CallFactory
from wenchuang.workflows.tests.test_reviews import GOOD, expert

pytestmark = needs_postgres


@pytest.fixture
def two_reviewers(cast, orgs):
    call = CallFactory(reviewers_per_application=2)
    application = ApplicationFactory(call=call, applicant=orgs["acme"], expert_review=True)
    li, wang = expert("li", "0221"), expert("wang", "0241")
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    for reviewer in (li, wang):
        services.accept_declaration(call=call, by=reviewer)
    return application, li, wang


def submit(reviewer, recommendation="yes", **scores):
    def run():
        assignment = ReviewAssignment.objects.get(reviewer=reviewer)
        return services.submit_review(
            assignment=assignment,
            by=reviewer,
            scores={**GOOD, **scores},
            recommendation=recommendation,
        )

    return run


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_submitting_at_once_both_keep_their_review(reference_data, two_reviewers):
    application, li, wang = two_reviewers
    outcomes = at_once(submit(li, "yes", merit=5), submit(wang, "no", merit=1))
    assert not [o for o in outcomes if isinstance(o, Exception)]
    kept = dict(
        Review.objects.filter(assignment__application=application).values_list(
            "assignment__reviewer__username", "recommendation"
        )
    )
    assert kept == {"li": "yes", "wang": "no"}
    assert set(
        ReviewAssignment.objects.filter(application=application).values_list("status", flat=True)
    ) == {"submitted"}


@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_submit_makes_one_review(reference_data, two_reviewers):
    application, li, _wang = two_reviewers
    outcomes = at_once(submit(li, "yes"), submit(li, "maybe"))
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert outcomes[0].pk == outcomes[1].pk
    assert Review.objects.filter(assignment__reviewer=li).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_staff_assigning_at_once_give_k_reviewers_not_2k(reference_data, cast, orgs):
    call = CallFactory(reviewers_per_application=2)
    application = ApplicationFactory(call=call, applicant=orgs["acme"], expert_review=True)
    for name, code in (("li", "0221"), ("wang", "0241"), ("zhao", "0323"), ("qian", "0211")):
        expert(name, code)
    staff = cast["wuxi_staff"]
    outcomes = at_once(
        lambda: services.assign_reviewers(call=call, by=staff),
        lambda: services.assign_reviewers(call=call, by=staff),
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert ReviewAssignment.objects.filter(application=application).count() == 2
