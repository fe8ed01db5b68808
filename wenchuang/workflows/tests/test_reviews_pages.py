"""Around the review: staff pages, who may submit, what the reviewer reads, links to it all."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from wenchuang.core.files import file_store
from wenchuang.workflows.models import Review, ReviewAssignment
from wenchuang.workflows.reviewing import selectors, services
from wenchuang.workflows.tests.factories import ApplicationFactory
from wenchuang.workflows.tests.review_helpers import GOOD, assigned, declared_assignment

pytestmark = pytest.mark.django_db


# --- staff pages ----------------------------------------------------------------------------


def test_staff_see_the_workload_with_its_chart_and_others_do_not(
    client, cast, call, panel, acme_application
):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    client.force_login(cast["wuxi_staff"])
    page = client.get(f"/en/reviews/calls/{call.pk}/workload/").content.decode()
    assert "review-workload" in page and "li" in page and "To review" in page
    for who in ("dalian_staff", "expert", "rep"):
        client.force_login(cast[who])
        assert client.get(f"/en/reviews/calls/{call.pk}/workload/").status_code == 403
        assert client.post(f"/en/reviews/calls/{call.pk}/assign/").status_code == 403


def test_the_assign_button_and_reassign_form_work_from_the_page(
    client, cast, call, panel, acme_application
):
    client.force_login(cast["wuxi_staff"])
    done = client.post(f"/en/reviews/calls/{call.pk}/assign/", follow=True)
    assert "2 assignments made." in done.content.decode()
    li = ReviewAssignment.objects.get(reviewer=panel["li"])
    moved = client.post(
        f"/en/reviews/{li.pk}/reassign/", {"reviewer": panel["zhao"].pk}, follow=True
    )
    assert "Reviewer replaced." in moved.content.decode()
    bad = client.post(f"/en/reviews/{li.pk}/reassign/", {"reviewer": "abc"}, follow=True)
    assert bad.status_code == 200


def test_the_ranking_orders_the_calls_applications_by_mean(client, cast, call, orgs, panel):
    first = ApplicationFactory(call=call, applicant=orgs["acme"], expert_review=True)
    second = ApplicationFactory(call=call, applicant=orgs["rival"], expert_review=True)
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    for assignment in ReviewAssignment.objects.all():
        services.accept_declaration(call=call, by=assignment.reviewer)
        scores = GOOD if assignment.application_id == first.pk else {**GOOD, "merit": 5}
        services.submit_review(
            assignment=assignment, by=assignment.reviewer, scores=scores, recommendation="yes"
        )
    ranked = selectors.ranking(call)
    assert [r.application.pk for r in ranked] == [second.pk, first.pk]
    assert str(ranked[0].mean) == "4.20"
    client.force_login(cast["wuxi_staff"])
    page = client.get(f"/en/reviews/calls/{call.pk}/ranking/").content.decode()
    assert page.index(str(orgs["rival"])) < page.index(str(orgs["acme"]))


def test_the_reviewers_queue_lists_their_applications_by_call(
    client, cast, call, panel, acme_application
):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    client.force_login(panel["li"])
    page = client.get("/en/reviews/").content.decode()
    assert "Read and accept the declaration" in page and str(acme_application) in page
    client.force_login(cast["rep"])
    assert client.get("/en/reviews/").status_code == 403


@pytest.mark.parametrize("who", ["wang", "zhao"])
def test_nobody_submits_another_reviewers_review(who, cast, call, panel, acme_application):
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    li = declared_assignment(acme_application, panel["li"])
    services.accept_declaration(call=call, by=panel[who])
    with pytest.raises(PermissionDenied, match="not given to you"):
        services.submit_review(assignment=li, by=panel[who], scores=GOOD, recommendation="no")
    for other in ("wuxi_staff", "rep"):
        with pytest.raises(PermissionDenied):
            services.submit_review(assignment=li, by=cast[other], scores=GOOD, recommendation="no")
    assert not Review.objects.exists()


def test_stage_tables_may_name_the_reviewer_as_actor(cast, call, panel, acme_application):
    from wenchuang.workflows.actors import may_act

    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    reviewer = may_act(["reviewer"])
    assert not reviewer(panel["li"], acme_application)  # no declaration yet
    services.accept_declaration(call=call, by=panel["li"])
    assert reviewer(panel["li"], acme_application)
    assert not reviewer(panel["zhao"], acme_application)  # not assigned
    assert not reviewer(cast["wuxi_staff"], acme_application)


# --- what the reviewer reads ---------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_reviewer_reads_the_answers_by_label_and_opens_the_attachments(
    client, cast, call, panel, orgs
):
    application = ApplicationFactory(call=call, applicant=orgs["acme"])
    upload = SimpleUploadedFile("plan.pdf", PDF)
    plan = file_store(upload=upload, owner=application, by=cast["rep"])
    application.answers = {"summary": "动画短片三部", "start": "2026-05-01", "plan": plan.pk}
    application.stage = "expert_review"
    application.save()
    services.assign_reviewers(call=call, by=cast["wuxi_staff"])
    mine = ReviewAssignment.objects.filter(application=application).first()
    outsider = next(u for name, u in panel.items() if name not in assigned(application))
    file_url = reverse("core:file", args=[plan.pk])
    client.force_login(mine.reviewer)
    # Before the declaration, neither the application nor its files open.
    assert client.get(file_url).status_code == 403
    declared_assignment(application, mine.reviewer)
    with translation.override("en"):
        page = client.get(reverse("reviews:review", args=[mine.pk])).content.decode()
    assert "Summary" in page and "动画短片三部" in page and "plan.pdf" in page
    assert "<dt>summary</dt>" not in page  # the field's label, not its key
    assert client.get(file_url).status_code == 200
    # An expert not assigned to the application does not get its files, declared or not.
    services.accept_declaration(call=call, by=outsider)
    client.force_login(outsider)
    assert client.get(file_url).status_code == 403


# --- navigation --------------------------------------------------------------------------


def test_staff_reach_workload_ranking_and_assignment_from_the_call_page(
    client, cast, call, panel, acme_application
):
    import re

    detail = f"/en/calls/{call.pk}/"
    client.force_login(cast["wuxi_staff"])
    page = client.get(detail).content.decode()
    links = dict(
        (label, href)
        for href, label in re.findall(
            r'<a class="button secondary" href="([^"]+)">([^<]+)</a>', page
        )
    )
    assert client.get(links["Reviewers' workload"]).status_code == 200
    assert "Weighted mean" in client.get(links["Ranking"]).content.decode()
    assign = re.search(
        r'<form method="post" action="([^"]+)"[^>]*>[^<]*<input[^>]*>'
        r"\s*<button[^>]*>Assign reviewers<",
        page,
    )
    assert assign, "no assign button on the staff call page"
    done = client.post(assign.group(1), follow=True)
    assert "2 assignments made." in done.content.decode()
    assert assigned(acme_application) == {"li", "wang"}
    # Visitors and applicants see none of it.
    client.force_login(cast["rep"])
    assert "Assign reviewers" not in client.get(detail).content.decode()


def test_the_header_links_the_review_queue_for_expert_reviewers_only(client, cast, panel):
    client.force_login(panel["li"])
    page = client.get("/en/calls/").content.decode()
    assert 'href="/en/reviews/"' in page
    assert client.get("/en/reviews/").status_code == 200
    client.force_login(cast["rep"])
    assert 'href="/en/reviews/"' not in client.get("/en/calls/").content.decode()
