"""The decision packet with real reviews: scores, mean, spread, divergence, conflicts."""

import io
from decimal import Decimal

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from wenchuang.accounts.tests.factories import UserFactory
from wenchuang.funding.kind import fund_stages
from wenchuang.workflows.models import Application, ReviewAssignment, ReviewerProfile
from wenchuang.workflows.reviewing import services
from wenchuang.workflows.tests.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db


def expert(name, code):
    user = UserFactory(username=name, first_name="", last_name="", expert_reviewer=True)
    ReviewerProfile.objects.create(user=user).expertise.set([code])
    return user


def review(application, reviewer, scores, recommendation, **comments):
    services.accept_declaration(call=application.call, by=reviewer)
    assignment = ReviewAssignment.objects.get(application=application, reviewer=reviewer)
    services.submit_review(
        assignment=assignment,
        by=reviewer,
        scores=scores,
        recommendation=recommendation,
        **comments,
    )


@pytest.fixture
def reviewed(cast, orgs):
    """An application of a fund reviewed by three experts; one abstained, one declared a tie."""
    call = CallFactory(
        budget_amount=Decimal("1000000.00"),
        stages=fund_stages(),
        reviewers_per_application=3,
        max_per_reviewer=5,
    )
    application = ApplicationFactory(
        call=call,
        applicant=orgs["acme"],
        expert_review=True,
        amount_requested_amount=Decimal("700000.00"),
        title="太湖传说原创动画系列",
    )
    li, wang, zhao = expert("li", "0221"), expert("wang", "0241"), expert("zhao", "0323")
    sun = expert("sun", "0221")
    # sun names Acme as related before the assignment: never assigned, noted as a conflict.
    services.accept_declaration(call=call, by=sun, related_organisations=[orgs["acme"].pk])
    staff = cast["wuxi_staff"]
    services.assign_reviewers(call=call, by=staff)
    services.accept_declaration(call=call, by=zhao)
    services.abstain(
        assignment=ReviewAssignment.objects.get(application=application, reviewer=zhao),
        by=zhao,
        reason="曾担任该公司顾问",
    )
    qian = expert("qian", "0221")
    services.assign_reviewers(call=call, by=staff)
    review(
        application,
        li,
        {"merit": 5, "feasibility": 5, "budget": 5},
        "yes",
        comment_for_staff="故事完整，团队可靠",
    )
    review(application, wang, {"merit": 4, "feasibility": 3, "budget": "n/a"}, "yes")
    review(application, qian, {"merit": 1, "feasibility": 1, "budget": 1}, "no")
    Application.objects.filter(pk=application.pk).update(stage="decision")
    return application


def test_the_packet_page_shows_the_reviews_their_mean_spread_divergence_and_conflicts(
    client, cast, reviewed
):
    client.force_login(cast["wuxi_staff"])
    text = client.get(reverse("funding:packet", args=[reviewed.pk])).content.decode()
    # Each review: weighted score (li 5, wang (3×4 + 2×3)/5 = 3.6, qian 1), recommendation.
    for score in ("5.00", "3.60", "1.00"):
        assert score in text
    assert "do not recommend" in text and "故事完整，团队可靠" in text
    # Per criterion, as the call's scoring form names them.
    assert "Feasibility: 3" in text and "Budget: n/a" in text
    # Mean of the three (3.20), spread 5.00 − 1.00.
    assert "Mean score 3.20 over 3 review(s); spread 4.00." in text
    assert "divergent" in text
    # The abstention with its reason, and the declared relation.
    assert "zhao" in text and "曾担任该公司顾问" in text
    assert "sun" in text


def test_the_packet_pdf_carries_the_reviews(client, cast, reviewed):
    client.force_login(cast["wuxi_staff"])
    with translation.override("zh-hans"):
        answer = client.get(reverse("funding:packet-pdf", args=[reviewed.pk]))
    assert answer["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(answer.content)).pages
    )
    assert "3.20" in text and "4.00" in text
    assert "5.00" in text and "3.60" in text and "1.00" in text
    assert "曾担任该公司顾问" in text and "故事完整，团队可靠" in text
    assert "qian" in text and "sun" in text
