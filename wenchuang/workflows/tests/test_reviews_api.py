"""Expert review in the API, as the reviewer: the same rules as the pages."""

import pytest

from wenchuang.accounts.tests.factories import ApiTokenFactory
from wenchuang.workflows.models import Review, ReviewAssignment
from wenchuang.workflows.reviewing import services
from wenchuang.workflows.tests.factories import ApplicationFactory, CallFactory
from wenchuang.workflows.tests.test_reviews import GOOD, expert

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {
        "HTTP_AUTHORIZATION": f"Bearer {ApiTokenFactory(user=user).key}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }


@pytest.fixture
def assigned(cast, orgs):
    call = CallFactory(reviewers_per_application=2)
    application = ApplicationFactory(call=call, applicant=orgs["acme"], expert_review=True)
    li, wang = expert("li", "0221"), expert("wang", "0241")
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    return {
        "call": call,
        "application": application,
        "li": li,
        "wang": wang,
        "mine": ReviewAssignment.objects.get(reviewer=li),
    }


def test_a_reviewer_lists_their_assignments_and_nobody_elses(client, assigned, cast):
    listed = client.get("/api/v1/reviews", **bearer(assigned["li"])).json()
    assert [(r["id"], r["declared"], r["review"]) for r in listed["results"]] == [
        (assigned["mine"].pk, False, None)
    ]
    assert client.get("/api/v1/reviews", **bearer(cast["rep"])).json()["count"] == 0
    assert client.get("/api/v1/reviews").json()["count"] == 0


def test_answers_only_after_the_declaration_then_submit_once(client, assigned):
    auth = bearer(assigned["li"])
    url = f"/api/v1/reviews/{assigned['mine'].pk}"
    assert client.get(url, **auth).json()["answers"] == {}
    refused = client.post(
        f"{url}/review", {"scores": GOOD, "recommendation": "yes"}, "application/json", **auth
    )
    assert refused.status_code == 403
    assert "Accept the declaration" in refused.json()["detail"]
    signed = client.post(f"/api/v1/reviews/calls/{assigned['call'].pk}/declaration", **auth)
    assert signed.status_code == 200
    assert client.get(url, **auth).json()["answers"] == assigned["application"].answers
    for _ in range(2):
        done = client.post(
            f"{url}/review", {"scores": GOOD, "recommendation": "yes"}, "application/json", **auth
        )
        assert done.status_code == 200
        assert done.json()["review"]["score"] == "3.60"
    assert Review.objects.count() == 1


def test_bad_scores_answer_422_naming_the_criterion(client, assigned):
    auth = bearer(assigned["li"])
    services.accept_declaration(call=assigned["call"], by=assigned["li"])
    bad = client.post(
        f"/api/v1/reviews/{assigned['mine'].pk}/review",
        {"scores": {"merit": 9}, "recommendation": "yes"},
        "application/json",
        **auth,
    )
    assert bad.status_code == 422
    assert "merit" in str(bad.json())


def test_another_reviewers_assignment_is_not_found(client, assigned):
    url = f"/api/v1/reviews/{assigned['mine'].pk}"
    assert client.get(url, **bearer(assigned["wang"])).status_code == 404
    posted = client.post(
        f"{url}/abstain", {"reason": "x"}, "application/json", **bearer(assigned["wang"])
    )
    assert posted.status_code == 404


def test_abstaining_through_the_api(client, assigned):
    auth = bearer(assigned["li"])
    services.accept_declaration(call=assigned["call"], by=assigned["li"])
    done = client.post(
        f"/api/v1/reviews/{assigned['mine'].pk}/abstain",
        {"reason": "曾任该公司顾问"},
        "application/json",
        **auth,
    )
    assert done.status_code == 200 and done.json()["status"] == "abstained"


def test_refusals_come_in_the_askers_language(client, assigned):
    auth = {**bearer(assigned["li"]), "HTTP_ACCEPT_LANGUAGE": "zh-hans"}
    refused = client.post(
        f"/api/v1/reviews/{assigned['mine'].pk}/review",
        {"scores": GOOD, "recommendation": "yes"},
        "application/json",
        **auth,
    )
    assert refused.json()["detail"] == "请先签署本批次的声明，再查看其申报材料。"
