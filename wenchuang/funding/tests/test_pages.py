"""The award pages: the recipient's award with its upload, the staff list, its filter and chart."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wenchuang.core.files import files_of
from wenchuang.funding import services
from wenchuang.funding.models import UseReport

from .factories import PLAN, make_award

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _plan_due_in(days: int):
    """The factory's plan with the mid-term report due `days` from today (negative: overdue)."""
    today = timezone.localdate()
    plan = [dict(t) for t in PLAN]
    plan[1]["due_on"] = today + datetime.timedelta(days=days)
    plan[2]["due_on"] = today + datetime.timedelta(days=days + 120)
    return plan


def test_the_recipient_sends_a_report_with_an_attachment_from_the_award_page(client, cast, orgs):
    award = make_award(cast["wuxi_staff"], orgs["acme"], signed=True)
    client.force_login(cast["rep"])
    page = client.get(award.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "mid-term progress" in text and "CN¥240,000.00" in text
    report = award.reports.filter(kind="progress").order_by("due_on").first()
    answer = client.post(
        reverse("funding:report-submit", args=[report.pk]),
        {
            "summary": "完成两集样片，支出见附件。",
            "amount_spent": "235000.50",
            "attachments": [SimpleUploadedFile("发票.pdf", PDF, content_type="application/pdf")],
        },
        follow=True,
    )
    assert "Report sent." in answer.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted" and report.amount_spent == Decimal("235000.50")
    assert [f.original_name for f in files_of(report)] == ["发票.pdf"]
    assert "发票.pdf" in answer.content.decode()


def test_an_attachment_whose_content_is_not_a_document_is_refused_and_nothing_is_sent(
    client, cast, orgs
):
    award = make_award(cast["wuxi_staff"], orgs["acme"], signed=True)
    report = award.reports.filter(kind="progress").order_by("due_on").first()
    client.force_login(cast["rep"])
    answer = client.post(
        reverse("funding:report-submit", args=[report.pk]),
        {
            "summary": "见附件",
            "amount_spent": "1",
            "attachments": [SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00 not a pdf")],
        },
        follow=True,
    )
    assert "not of an accepted type" in answer.content.decode()
    assert UseReport.objects.get(pk=report.pk).status == "due"


def test_staff_accept_a_report_and_pay_its_tranche_from_the_award_page(client, cast, orgs):
    staff = cast["wuxi_staff"]
    award = make_award(staff, orgs["acme"], signed=True)
    report = award.reports.filter(kind="progress").order_by("due_on").first()
    services.report_submit(report=report, by=cast["rep"], summary="进展", amount_spent=1)
    client.force_login(staff)
    client.post(reverse("funding:report-decide", args=[report.pk]), {"decision": "accept"})
    answer = client.post(
        reverse("funding:tranche-pay", args=[report.tranche_id]), {"day": "2026-10-10"}, follow=True
    )
    assert "Payment recorded." in answer.content.decode()
    assert "Oct 10, 2026" in answer.content.decode()


def test_others_cannot_open_the_award(client, cast, orgs):
    award = make_award(cast["wuxi_staff"], orgs["acme"])
    client.force_login(cast["rival_rep"])
    assert client.get(award.get_absolute_url()).status_code == 403
    client.logout()
    assert client.get(award.get_absolute_url()).status_code == 302  # to the sign-in


def test_the_staff_list_filters_awards_with_an_overdue_report(client, cast, orgs):
    staff = cast["wuxi_staff"]
    late = make_award(
        staff, orgs["acme"], project="逾期项目", tranches=_plan_due_in(-3), signed=True
    )
    on_time = make_award(
        staff, orgs["rival"], project="按期项目", tranches=_plan_due_in(30), signed=True
    )
    client.force_login(staff)
    everything = client.get(reverse("funding:awards")).content.decode()
    assert late.project in everything and on_time.project in everything
    overdue = client.get(reverse("funding:awards"), {"overdue": "1"}).content.decode()
    assert late.project in overdue and on_time.project not in overdue


def test_the_staff_list_charts_paid_against_awarded(client, cast, orgs):
    staff = cast["wuxi_staff"]
    award = make_award(staff, orgs["acme"], signed=True)
    services.tranche_pay(tranche=award.tranches.get(position=1), by=staff)
    client.force_login(staff)
    text = client.get(reverse("funding:awards")).content.decode()
    assert "Paid and awarded, by year of award" in text
    year = timezone.localdate().year
    # The chart's table: awarded 600,000 and paid 240,000 in the year of the award.
    assert f"{year} (CNY)" in text and "600000.00" in text and "240000.00" in text


def test_a_recipient_lists_only_their_own_awards_without_the_chart(client, cast, orgs):
    staff = cast["wuxi_staff"]
    make_award(staff, orgs["acme"], project="灵动项目")
    make_award(staff, orgs["rival"], project="新吴项目")
    client.force_login(cast["rep"])
    text = client.get(reverse("funding:awards")).content.decode()
    assert "灵动项目" in text and "新吴项目" not in text
    assert "Paid and awarded" not in text


def test_the_list_takes_the_same_number_of_queries_for_more_awards(
    client, cast, orgs, django_assert_max_num_queries
):
    staff = cast["wuxi_staff"]
    for _ in range(3):
        make_award(staff, orgs["acme"])
    client.force_login(staff)
    client.get(reverse("funding:awards"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("funding:awards"))
    for _ in range(5):
        make_award(staff, orgs["rival"])
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("funding:awards"))
    assert len(more) == len(few)


def test_staff_set_the_payment_plan_on_the_award_page_and_a_wrong_sum_is_refused(
    client, cast, orgs
):
    staff = cast["wuxi_staff"]
    award = make_award(staff, orgs["acme"], tranches=[])
    client.force_login(staff)
    page = client.get(award.get_absolute_url()).content.decode()
    assert "Save the payment plan" in page
    url = reverse("funding:award-tranches", args=[award.pk])

    def plan(second_amount):
        return {
            "form-TOTAL_FORMS": "3",
            "form-INITIAL_FORMS": "0",
            "form-0-milestone": "签约预付",
            "form-0-amount": "300000",
            "form-0-due_on": "2026-03-01",
            "form-1-milestone": "项目完成",
            "form-1-amount": second_amount,
            "form-1-due_on": "2026-12-31",
            "form-1-needs_report": "on",
            "form-2-milestone": "",
        }

    refused = client.post(url, plan("200000"), follow=True).content.decode()
    assert "CN¥500,000.00" in refused and "CN¥600,000.00" in refused
    assert not award.tranches.exists()
    client.post(url, plan("300000"))
    assert [(t.milestone, t.needs_report) for t in award.tranches.all()] == [
        ("签约预付", False),
        ("项目完成", True),
    ]
