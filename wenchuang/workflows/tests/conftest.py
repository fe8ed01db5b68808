"""Expert-review fixtures shared by the review tests: a call, a panel of experts, an application."""

import pytest

from wenchuang.workflows.tests.factories import ApplicationFactory, CallFactory

from .review_helpers import expert


@pytest.fixture
def call(db):
    return CallFactory(reviewers_per_application=2, max_per_reviewer=5)


@pytest.fixture
def panel(db):
    """Three experts: film and TV (0221), animation (0241), professional design (0323)."""
    return {
        "li": expert("li", "0221"),
        "wang": expert("wang", "0241"),
        "zhao": expert("zhao", "0323"),
    }


@pytest.fixture
def acme_application(call, orgs):
    return ApplicationFactory(call=call, applicant=orgs["acme"], expert_review=True)
