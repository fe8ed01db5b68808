"""Reports in the API: the recipient's program sends a report and its files; staff decide."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wenchuang.accounts.services import api_token_create
from wenchuang.funding import services

from .factories import make_award
from .test_pages import PDF

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='test')[1]}"}


@pytest.fixture
def report(cast, orgs):
    award = make_award(cast["wuxi_staff"], orgs["acme"], signed=True)
    return award.reports.filter(kind="progress").order_by("due_on").first()


def test_the_recipients_program_uploads_a_file_then_submits_the_report(client, cast, report):
    auth = bearer(cast["rep"])
    upload = client.post(
        f"/api/v1/use-reports/{report.pk}/attachments",
        {"file": SimpleUploadedFile("进度报告.pdf", PDF)},
        **auth,
    )
    assert upload.status_code == 201, upload.json()
    assert upload.json()["name"] == "进度报告.pdf"
    sent = client.post(
        f"/api/v1/use-reports/{report.pk}/submit",
        {"summary": "完成中期目标", "amount_spent": "180000.00"},
        content_type="application/json",
        **auth,
    )
    assert sent.status_code == 200, sent.json()
    body = sent.json()
    assert body["status"] == "submitted" and body["amount_spent"] == "180000.00"
    assert [a["name"] for a in body["attachments"]] == ["进度报告.pdf"]


def test_someone_else_cannot_submit_or_read_the_report(client, cast, report):
    auth = bearer(cast["rival_rep"])
    assert client.get(f"/api/v1/use-reports/{report.pk}", **auth).status_code == 403
    sent = client.post(
        f"/api/v1/use-reports/{report.pk}/submit",
        {"summary": "x", "amount_spent": "1"},
        content_type="application/json",
        **auth,
    )
    assert sent.status_code == 403


def test_staff_accept_and_the_recipient_cannot(client, cast, report):
    services.report_submit(report=report, by=cast["rep"], summary="进展", amount_spent=Decimal(1))
    url = f"/api/v1/use-reports/{report.pk}/accept"
    refused = client.post(url, {}, content_type="application/json", **bearer(cast["rep"]))
    assert refused.status_code == 403
    accepted = client.post(url, {}, content_type="application/json", **bearer(cast["wuxi_staff"]))
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"


def test_a_rejection_needs_a_reason_named_in_the_askers_language(client, cast, report):
    services.report_submit(report=report, by=cast["rep"], summary="进展", amount_spent=Decimal(1))
    answer = client.post(
        f"/api/v1/use-reports/{report.pk}/reject",
        {"consequence": "resubmit"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(cast["wuxi_staff"]),
    )
    assert answer.status_code == 422
    assert any("note" in error["loc"] for error in answer.json()["detail"])


def test_a_decision_with_an_old_version_answers_409(client, cast, report):
    services.report_submit(report=report, by=cast["rep"], summary="进展", amount_spent=Decimal(1))
    staff = bearer(cast["wuxi_staff"])
    old = client.get(f"/api/v1/use-reports/{report.pk}", **staff).json()["version"]
    services.report_reject(report=report, by=cast["wuxi_staff"], note="补充发票")
    services.report_submit(report=report, by=cast["rep"], summary="已补充", amount_spent=Decimal(1))
    answer = client.post(
        f"/api/v1/use-reports/{report.pk}/accept",
        {"version": old},
        content_type="application/json",
        **staff,
    )
    assert answer.status_code == 409


def test_staff_list_awards_with_an_overdue_report(client, cast, report):
    # The factory's mid-term report was due on 30 September 2026.
    answer = client.get("/api/v1/awards", {"overdue": "true"}, **bearer(cast["wuxi_staff"]))
    assert answer.status_code == 200
    assert [a["id"] for a in answer.json()["results"]] == [report.award_id]


def test_staff_decide_fund_applications_through_the_api(client, cast, orgs):
    from wenchuang.funding.kind import fund_stages
    from wenchuang.workflows.tests.factories import ApplicationFactory, CallFactory

    call = CallFactory(budget_amount=Decimal("1000000.00"), stages=fund_stages())
    first, second = (
        ApplicationFactory(
            call=call, applicant=orgs[key], decision=True, amount_requested_amount=Decimal(amount)
        )
        for key, amount in (("acme", "700000"), ("rival", "400000"))
    )
    answer = client.post(
        "/api/v1/fund-decisions",
        {
            "applications": [first.pk, second.pk],
            "approve": True,
            "amounts": {str(first.pk): "600000"},
        },
        content_type="application/json",
        **bearer(cast["wuxi_staff"]),
    )
    assert answer.status_code == 200, answer.json()
    results = answer.json()["results"]
    assert [r["decided"] for r in results] == [True, True]
    assert results[0]["stage"] == "agreement"
    refused = client.post(
        "/api/v1/fund-decisions",
        {"applications": [first.pk], "approve": False},
        content_type="application/json",
        **bearer(cast["rep"]),
    )
    assert refused.json()["results"][0]["decided"] is False
