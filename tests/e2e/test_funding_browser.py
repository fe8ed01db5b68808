"""A special fund after the review, in a real browser: staff decide and set the plan (English),
the recipient reports with an attachment (Chinese), staff accept the report and pay."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from wenchuang.accounts.tests.factories import PASSWORD
from wenchuang.funding.kind import fund_stages
from wenchuang.funding.models import Award, UseReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def sign_in(page, user, prefix: str) -> None:
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in urlsplit(url).path)


def test_a_fund_application_is_approved_paid_against_its_report(browser, live_server, cast, orgs):
    from wenchuang.workflows.tests.factories import ApplicationFactory, CallFactory

    call = CallFactory(budget_amount=Decimal("1000000.00"), stages=fund_stages())
    application = ApplicationFactory(
        call=call,
        applicant=orgs["acme"],
        decision=True,
        amount_requested_amount=Decimal("600000.00"),
        title="太湖传说原创动画系列",
    )
    staff, rep = cast["wuxi_staff"], cast["rep"]

    def tab(locale: str):
        context = browser.new_context(base_url=live_server.url, locale=locale)
        context.set_default_timeout(15_000)
        return context.new_page()

    # Staff, in English: the decisions page, approve with a lower amount.
    page = tab("en-US")
    sign_in(page, staff, "/en")
    page.goto("/en/funding/awards/")
    page.get_by_role("link", name=re.compile("2026 call")).click()
    page.locator(f"#pick-{application.pk}").check()
    page.locator(f'input[name="amount-{application.pk}"]').fill("500000")
    page.get_by_role("button", name="Approve the ticked applications").click()
    page.get_by_text("1 application(s) decided.").wait_for()
    award = Award.objects.get(application=application)
    assert award.amount == Decimal("500000.00")

    # The payment plan, then the signed agreement.
    page.goto(f"/en/funding/awards/{award.pk}/")
    page.locator("#id_form-0-milestone").fill("签约预付 / advance")
    page.locator("#id_form-0-amount").fill("200000")
    page.locator("#id_form-0-due_on").fill("2026-03-01")
    page.locator("#id_form-0-needs_report").uncheck()
    page.locator("#id_form-1-milestone").fill("中期进展 / mid-term")
    page.locator("#id_form-1-amount").fill("300000")
    page.locator("#id_form-1-due_on").fill("2026-09-30")
    page.get_by_role("button", name="Save the payment plan").click()
    page.get_by_text("Payment plan saved.").wait_for()
    page.get_by_role("button", name="Record the signed agreement").click()
    page.get_by_text("Agreement recorded.").wait_for()
    page.get_by_role("button", name="Record payment").first.click()
    page.get_by_text("Payment recorded.").wait_for()

    # The recipient, in Chinese: the mid-term report with an invoice.
    recipient = tab("zh-CN")
    sign_in(recipient, rep, "")
    recipient.goto(f"/funding/awards/{award.pk}/")
    recipient.locator("textarea[name=summary]").fill("完成中期目标：制作两集样片。")
    recipient.locator("input[name=amount_spent]").fill("310000")
    recipient.locator("input[name=attachments]").set_input_files(
        files=[{"name": "发票.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    recipient.get_by_role("button", name="提交报告").click()
    recipient.get_by_text("报告已提交。").wait_for()
    recipient.get_by_role("link", name="发票.pdf").wait_for()

    # Staff accept it and pay the mid-term tranche.
    page.goto(f"/en/funding/awards/{award.pk}/")
    page.get_by_role("button", name="Accept").click()
    page.get_by_text("Decision recorded.").wait_for()
    page.get_by_role("button", name="Record payment").click()
    page.get_by_text("Payment recorded.").wait_for()
    award.refresh_from_db()
    assert award.status == "reporting"
    assert UseReport.objects.get(award=award, kind="progress").status == "accepted"
