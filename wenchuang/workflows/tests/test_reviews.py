"""Expert review, role by role: assign, declare, open, score, abstain, reassign, read."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.accounts.tests.factories import AffiliationFactory
from wenchuang.core.audit import AuditEvent
from wenchuang.directory.tests.factories import EnterpriseFactory, ParkFactory
from wenchuang.workflows.models import Declaration, Review, ReviewAssignment
from wenchuang.workflows.reviewing import selectors, services
from wenchuang.workflows.tests.factories import ApplicationFactory, CallFactory
from wenchuang.workflows.tests.review_helpers import GOOD, assigned, declared_assignment, expert

pytestmark = pytest.mark.django_db


# --- assigning ---------------------------------------------------------------------------


def test_staff_assign_k_reviewers_best_fitting_first_and_tell_them(
    cast, call, panel, acme_application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assert report.created == 2 and report.short == {}
    # The application is in class 0221 (film and TV): li knows it, wang the same major category.
    assert assigned(acme_application) == {"li", "wang"}
    assert sorted(m.to[0] for m in mail.outbox) == ["li@example.cn", "wang@example.cn"]
    assert AuditEvent.objects.filter(action="assign_reviewers").count() == 1


def test_assigning_twice_keeps_the_reviewers_and_adds_none(cast, call, panel, acme_application):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    again = services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assert again.created == 0
    assert ReviewAssignment.objects.count() == 2


def test_only_applications_in_expert_review_get_reviewers(cast, call, panel, orgs):
    ApplicationFactory(call=call, applicant=orgs["rival"], screening=True)
    assert services.assign_reviewers(call=call, by=cast["wuxi_staff"]).created == 0


@pytest.mark.parametrize("who", ["dalian_staff", "expert", "rep", "public", "park_manager"])
def test_only_staff_of_the_programmes_region_assign(who, cast, call, panel, acme_application):
    with pytest.raises(PermissionDenied):
        services.assign_reviewers(call=call, by=cast[who])
    assert not ReviewAssignment.objects.exists()


def test_an_expert_who_represents_the_applicant_is_never_assigned(cast, call, orgs, panel):
    application = ApplicationFactory(call=call, applicant=orgs["acme"], expert_review=True)
    expert("qian", "0221", enterprise_rep=orgs["acme"])
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assert "qian" not in assigned(application)


def test_a_park_manager_expert_is_not_assigned_to_a_tenant(cast, call, orgs, panel):
    park = ParkFactory(organisation=orgs["studios_operator"])
    EnterpriseFactory(organisation=orgs["acme"], park=park)
    expert("sun", "0221", park_manager=orgs["studios_operator"])
    application = ApplicationFactory(call=call, applicant=orgs["acme"], expert_review=True)
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assert "sun" not in assigned(application)


def test_a_declared_relation_keeps_the_reviewer_off_that_applicant(cast, call, orgs, panel):
    application = ApplicationFactory(call=call, applicant=orgs["acme"], expert_review=True)
    declaration = services.accept_declaration(call=call, by=panel["li"])
    declaration.related_organisations.add(orgs["acme"])
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assert "li" not in assigned(application)


def test_too_few_unconflicted_experts_leave_the_application_short_not_failed(cast, orgs, panel):
    call = CallFactory(reviewers_per_application=3)
    application = ApplicationFactory(call=call, applicant=orgs["acme"], expert_review=True)
    AffiliationFactory(user=panel["zhao"], role="enterprise_rep", organisation=orgs["acme"])
    report = services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assert report.short == {application.pk: 1}
    assert assigned(application) == {"li", "wang"}


# --- declaration and opening ---------------------------------------------------------------


def test_a_reviewer_must_accept_the_declaration_before_opening(
    client, cast, call, panel, acme_application
):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assignment = ReviewAssignment.objects.get(reviewer=panel["li"])
    client.force_login(panel["li"])
    page = client.get(f"/en/reviews/{assignment.pk}/")
    assert page.status_code == 302 and page.url == f"/en/reviews/calls/{call.pk}/declaration/"
    with pytest.raises(PermissionDenied, match="Accept the declaration"):
        services.submit_review(
            assignment=assignment, by=panel["li"], scores=GOOD, recommendation="yes"
        )
    accepted = client.post(f"/en/reviews/calls/{call.pk}/declaration/", {"accept": "yes"})
    assert accepted.status_code == 302
    assert Declaration.objects.filter(call=call, reviewer=panel["li"]).count() == 1
    page = client.get(f"/en/reviews/{assignment.pk}/")
    assert page.status_code == 200 and "Submit review" in page.content.decode()


def test_a_declaration_signed_twice_is_one(call, panel, acme_application, cast):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    services.accept_declaration(call=call, by=panel["li"])
    services.accept_declaration(call=call, by=panel["li"])
    assert Declaration.objects.filter(reviewer=panel["li"]).count() == 1


@pytest.mark.parametrize("who", ["rep", "wuxi_staff", "public"])
def test_only_expert_reviewers_sign_declarations(who, cast, call):
    with pytest.raises(PermissionDenied):
        services.accept_declaration(call=call, by=cast[who])


def test_someone_elses_review_page_is_not_found(client, cast, call, panel, acme_application):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assignment = ReviewAssignment.objects.get(reviewer=panel["li"])
    for who in (panel["zhao"], cast["rep"], cast["wuxi_staff"]):
        client.force_login(who)
        assert client.get(f"/en/reviews/{assignment.pk}/").status_code == 404


# --- reviewing -----------------------------------------------------------------------------


def test_a_review_is_scored_by_the_calls_form_and_kept_once(cast, call, panel, acme_application):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assignment = declared_assignment(acme_application, panel["li"])
    first = services.submit_review(
        assignment=assignment, by=panel["li"], scores=GOOD, recommendation="yes"
    )
    again = services.submit_review(
        assignment=assignment, by=panel["li"], scores={**GOOD, "merit": 0}, recommendation="no"
    )
    assert again.pk == first.pk
    review = Review.objects.get()
    assert str(review.score) == "3.60" and review.recommendation == "yes"
    assert ReviewAssignment.objects.get(pk=assignment.pk).status == "submitted"


def test_bad_scores_are_refused_with_the_criterion_named(cast, call, panel, acme_application):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assignment = declared_assignment(acme_application, panel["li"])
    with pytest.raises(ValidationError) as refused:
        services.submit_review(
            assignment=assignment,
            by=panel["li"],
            scores={"merit": 7, "feasibility": "n/a"},
            recommendation="perhaps",
        )
    assert refused.value.message_dict == {
        "scores.merit": ["A score is a whole number from 0 to 5, or n/a."],
        "scores.feasibility": ["This criterion cannot be marked n/a."],
        "scores.budget": ["Give a score for this criterion."],
        "recommendation": ["Choose a recommendation: yes, maybe or no."],
    }
    assert not Review.objects.exists()


def test_the_review_form_page_submits_and_a_bad_post_is_a_message(
    client, cast, call, panel, acme_application
):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assignment = declared_assignment(acme_application, panel["li"])
    client.force_login(panel["li"])
    url = f"/en/reviews/{assignment.pk}/"
    bad = client.post(url, {"score-merit": "x", "recommendation": "yes"}, follow=True)
    assert bad.status_code == 200 and "A score is a whole number" in bad.content.decode()
    good = client.post(
        url,
        {
            "score-merit": "4",
            "score-feasibility": "3",
            "score-budget": "n/a",
            "recommendation": "maybe",
            "comment_for_applicant": "预算偏高。",
        },
        follow=True,
    )
    assert "Your review has been submitted." in good.content.decode()
    assert Review.objects.get().comment_for_applicant == "预算偏高。"


def test_reviewers_see_the_others_reviews_only_after_their_own(cast, call, panel, acme_application):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    li = declared_assignment(acme_application, panel["li"])
    wang = declared_assignment(acme_application, panel["wang"])
    services.submit_review(
        assignment=li,
        by=panel["li"],
        scores=GOOD,
        recommendation="yes",
        comment_for_staff="私下说明",
        comment_for_reviewers="请关注发行渠道",
    )
    assert selectors.reviews_for_reader(panel["wang"], acme_application) == []
    services.submit_review(assignment=wang, by=panel["wang"], scores=GOOD, recommendation="maybe")
    seen = selectors.reviews_for_reader(panel["wang"], acme_application)
    assert len(seen) == 2
    lis = next(r for r in seen if not r.mine)
    assert lis.reviewer == "Reviewer A"  # not named to other reviewers
    assert [who for who, _ in lis.comments] == ["for reviewers"]  # the staff's note stays hidden
    staff_view = selectors.reviews_for_reader(cast["wuxi_staff"], acme_application)
    assert staff_view[0].reviewer == "li"
    assert [who for who, _ in staff_view[0].comments] == ["for staff", "for reviewers"]
    assert selectors.reviews_for_reader(panel["zhao"], acme_application) == []
    assert selectors.reviews_for_reader(cast["dalian_staff"], acme_application) == []


def test_the_applicant_reads_only_their_comments_and_only_after_the_decision(
    cast, call, panel, acme_application
):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    li = declared_assignment(acme_application, panel["li"])
    services.submit_review(
        assignment=li,
        by=panel["li"],
        scores=GOOD,
        recommendation="yes",
        comment_for_staff="内部意见",
        comment_for_applicant="建议细化市场推广计划。",
    )
    assert selectors.reviews_for_reader(cast["rep"], acme_application) == []
    acme_application.stage = "approved"
    acme_application.save()
    seen = selectors.reviews_for_reader(cast["rep"], acme_application)
    assert [(r.score, r.comments) for r in seen] == [
        (None, [("for the applicant", "建议细化市场推广计划。")])
    ]


def test_no_review_once_the_application_left_expert_review(cast, call, panel, acme_application):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    li = declared_assignment(acme_application, panel["li"])
    acme_application.stage = "decision"
    acme_application.save()
    with pytest.raises(PermissionDenied, match="no longer in expert review"):
        services.submit_review(assignment=li, by=panel["li"], scores=GOOD, recommendation="yes")


# --- abstaining and reassigning ------------------------------------------------------------


def test_a_reviewer_abstains_with_a_reason_and_another_takes_the_place(
    cast, call, panel, acme_application
):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    li = declared_assignment(acme_application, panel["li"])
    with pytest.raises(ValidationError):
        services.abstain(assignment=li, by=panel["li"], reason=" ")
    services.abstain(assignment=li, by=panel["li"], reason="曾担任该公司顾问")
    assert ReviewAssignment.objects.get(pk=li.pk).status == "abstained"
    with pytest.raises(PermissionDenied, match="declared a conflict"):
        services.submit_review(assignment=li, by=panel["li"], scores=GOOD, recommendation="yes")
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    assert assigned(acme_application) == {"wang", "zhao"}


def test_only_the_reviewer_abstains(cast, call, panel, acme_application):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    li = declared_assignment(acme_application, panel["li"])
    for who in (panel["wang"], cast["wuxi_staff"], cast["rep"]):
        with pytest.raises(PermissionDenied):
            services.abstain(assignment=li, by=who, reason="x")


def test_staff_reassign_but_not_to_a_conflicted_or_busy_reviewer(
    cast, call, orgs, panel, acme_application
):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    li = ReviewAssignment.objects.get(reviewer=panel["li"])
    conflicted = expert("qian", "0221", enterprise_rep=orgs["acme"])
    with pytest.raises(ValidationError, match="works for the applicant"):
        services.reassign(assignment=li, to=conflicted, by=cast["wuxi_staff"])
    with pytest.raises(ValidationError, match="already reviews"):
        services.reassign(assignment=li, to=panel["wang"], by=cast["wuxi_staff"])
    with pytest.raises(ValidationError, match="expert reviewer"):
        services.reassign(assignment=li, to=cast["rep"], by=cast["wuxi_staff"])
    with pytest.raises(PermissionDenied):
        services.reassign(assignment=li, to=panel["zhao"], by=cast["dalian_staff"])
    services.reassign(assignment=li, to=panel["zhao"], by=cast["wuxi_staff"])
    assert assigned(acme_application) == {"wang", "zhao"}
    assert ReviewAssignment.objects.get(pk=li.pk).status == "removed"


def test_a_submitted_review_cannot_be_reassigned(cast, call, panel, acme_application):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    li = declared_assignment(acme_application, panel["li"])
    services.submit_review(assignment=li, by=panel["li"], scores=GOOD, recommendation="yes")
    with pytest.raises(ValidationError, match="already submitted"):
        services.reassign(assignment=li, to=panel["zhao"], by=cast["wuxi_staff"])
