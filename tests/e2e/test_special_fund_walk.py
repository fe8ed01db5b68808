"""The special fund end to end in a real browser, in English, through the pages only: the
applicant drafts and submits (on a phone), staff screen and send to expert review, a reviewer
signs the declaration and scores, staff decide to approve, and the applicant sees the award."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from wenchuang.accounts.tests.factories import PASSWORD

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PROJECT = "The Legends of Taihu, an original animated series"
PHONE = {"width": 390, "height": 844}


def tab(browser, live_server, *, phone: bool = False):
    """A fresh browser (own cookies) in English, at desktop or phone width."""
    extra = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    context = browser.new_context(base_url=live_server.url, locale="en-US", **extra)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page, user) -> None:
    page.goto("/en/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in urlsplit(url).path)


def message(page) -> str:
    return page.locator("main .message").first.inner_text()


def test_a_special_fund_application_walks_from_draft_to_award_in_english(
    browser, live_server, reference_data, cast, orgs, tmp_path
):
    from wenchuang.funding.kind import FUND_FORM, fund_stages
    from wenchuang.workflows.models import Application, ReviewerProfile
    from wenchuang.workflows.tests.factories import CallFactory

    call = CallFactory(
        budget_amount=Decimal("2000000.00"),
        stages=fund_stages(),
        form=copy.deepcopy(FUND_FORM),
        reviewers_per_application=1,
        max_per_reviewer=5,
    )
    rep, staff, expert = cast["rep"], cast["wuxi_staff"], cast["expert"]
    ReviewerProfile.objects.create(user=expert).expertise.set(["0241"])
    plan = tmp_path / "implementation-plan.pdf"
    plan.write_bytes(PDF)

    # 1. The applicant, on a phone: begin, fill in the call's form, preview, submit.
    applicant = tab(browser, live_server, phone=True)
    sign_in(applicant, rep)
    applicant.goto(f"/en/calls/{call.pk}/")
    applicant.get_by_label("project title").fill(PROJECT)
    applicant.get_by_role("button", name="Begin an application").click()
    applicant.wait_for_url(re.compile(r"/en/applications/\d+/edit/$"))
    application = Application.objects.get(call=call, applicant=orgs["acme"])
    assert application.stage == "draft"
    overflow = applicant.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the application editor scrolls sideways by {overflow} px"
    applicant.get_by_label("amount requested").fill("800000")
    applicant.get_by_label("Summary").fill(
        "A 52-episode animated series on the legends of Lake Taihu, for children."
    )
    applicant.get_by_label("Goals and performance indicators").fill(
        "52 episodes; broadcast on two national platforms; 30 jobs."
    )
    applicant.get_by_label("Start date").fill("2026-03-01")
    applicant.get_by_label("End date").fill("2027-06-30")
    applicant.get_by_label("Total cost of the project").fill("2400000")
    applicant.get_by_label("Own funds").fill("1600000")
    applicant.get_by_label("Budget breakdown by item").fill(
        "Scripts 300,000; animation 1,600,000; music 200,000; promotion 300,000."
    )
    applicant.get_by_label("Implementation plan").set_input_files(str(plan))
    applicant.get_by_role("button", name="Save and preview").click()
    applicant.wait_for_url(re.compile(r"/preview/$"))
    applicant.get_by_role("button", name=re.compile(r"^Submit \(before")).click()
    applicant.wait_for_url(re.compile(rf"/en/applications/{application.pk}/$"))
    application.refresh_from_db()
    assert application.stage == "submitted"
    assert "submitted" in applicant.locator("main").inner_text().lower()

    # 2. Staff find it in the call's list, screen it and send it to expert review.
    desk = tab(browser, live_server)
    sign_in(desk, staff)
    desk.goto(f"/en/calls/{call.pk}/applications/")
    desk.get_by_role("link", name=PROJECT).click()
    desk.wait_for_url(re.compile(rf"/en/applications/{application.pk}/$"))
    desk.get_by_role("button", name="Start screening").click()
    desk.get_by_role("button", name="Send to expert review").wait_for()
    desk.get_by_role("button", name="Send to expert review").click()
    desk.get_by_role("button", name="Send for decision").wait_for()
    application.refresh_from_db()
    assert application.stage == "expert_review"
    desk.goto(f"/en/reviews/calls/{call.pk}/workload/")
    desk.get_by_role("button", name="Assign reviewers to the applications in expert review").click()
    desk.locator("main table").get_by_text(expert.username).first.wait_for()

    # 3. The reviewer: the declaration first, then the scores and a recommendation.
    reviewer = tab(browser, live_server)
    sign_in(reviewer, expert)
    reviewer.goto("/en/reviews/")
    reviewer.get_by_role("link", name="Read and accept the declaration").click()
    reviewer.get_by_label("I have read this declaration and accept it.").check()
    reviewer.get_by_role("button", name="Accept and sign").click()
    reviewer.goto("/en/reviews/")
    reviewer.get_by_role("link", name=PROJECT).click()
    for select in reviewer.locator("main select[name^=score-]").all():
        select.select_option("4")
    reviewer.locator("input[name=recommendation][value=yes]").check()
    reviewer.locator("#comment_for_applicant").fill("A strong, well-budgeted project.")
    reviewer.get_by_role("button", name="Submit review").click()
    reviewer.get_by_text("Your review").first.wait_for()

    # 4. Staff send it for decision and approve it on the call's decisions page.
    desk.goto(f"/en/applications/{application.pk}/")
    desk.get_by_role("button", name="Send for decision").click()
    desk.get_by_role("button", name="Approve").wait_for()
    desk.goto(f"/en/funding/calls/{call.pk}/decisions/")
    desk.locator(f"#pick-{application.pk}").check()
    desk.get_by_role("button", name="Approve the ticked applications").click()
    desk.get_by_text("1 application(s) decided.").wait_for()
    application.refresh_from_db()
    assert application.stage not in {"decision", "expert_review"}

    # 5. The applicant sees the award, in their own list, with its amount.
    applicant.goto("/en/funding/awards/")
    applicant.get_by_role("link", name=re.compile("Legends of Taihu")).click()
    award_page = applicant.locator("main").inner_text()
    assert "800,000" in award_page
    for page in (applicant, desk, reviewer):
        page.context.close()
