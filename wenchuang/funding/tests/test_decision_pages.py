"""The decision pages: a call's applications decided in a batch, the packet as page and PDF."""

import io
from decimal import Decimal

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from wenchuang.funding.kind import fund_stages
from wenchuang.funding.models import Award
from wenchuang.workflows.models import Application
from wenchuang.workflows.tests.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(db):
    return CallFactory(budget_amount=Decimal("1000000.00"), stages=fund_stages())


def awaiting(call, organisation, amount, title):
    return ApplicationFactory(
        call=call,
        applicant=organisation,
        decision=True,
        amount_requested_amount=Decimal(amount),
        title=title,
    )


def test_staff_approve_a_batch_and_hear_which_one_the_budget_could_not_take(
    client, cast, orgs, call
):
    first = awaiting(call, orgs["acme"], "700000.00", "太湖传说原创动画系列")
    second = awaiting(call, orgs["rival"], "400000.00", "新吴工业设计周")
    client.force_login(cast["wuxi_staff"])
    answer = client.post(
        reverse("funding:call-decisions", args=[call.pk]),
        {"applications": [first.pk, second.pk], "decision": "approve"},
        follow=True,
    )
    text = answer.content.decode()
    assert "1 application(s) decided." in text
    assert "新吴工业设计周: " in text and "would exceed what is left" in text
    assert Award.objects.get(application=first).amount == Decimal("700000.00")
    assert Application.objects.get(pk=second.pk).stage == "decision"


def test_a_lower_amount_typed_beside_an_application_is_granted(client, cast, orgs, call):
    first = awaiting(call, orgs["acme"], "700000.00", "太湖传说原创动画系列")
    client.force_login(cast["wuxi_staff"])
    client.post(
        reverse("funding:call-decisions", args=[call.pk]),
        {"applications": [first.pk], "decision": "approve", f"amount-{first.pk}": "550,000"},
    )
    assert Award.objects.get(application=first).amount == Decimal("550000.00")


def test_the_packet_shows_the_request_against_the_budget_left(client, cast, orgs, call):
    application = awaiting(call, orgs["acme"], "700000.00", "太湖传说原创动画系列")
    client.force_login(cast["wuxi_staff"])
    text = client.get(reverse("funding:packet", args=[application.pk])).content.decode()
    assert "太湖传说原创动画系列" in text
    assert "CN¥700,000.00" in text and "CN¥1,000,000.00" in text
    assert "以太湖文化为主题的原创动画系列" in text  # the summary answered in the form


def test_the_packet_pdf_carries_the_chinese_text(client, cast, orgs, call):
    application = awaiting(call, orgs["acme"], "700000.00", "太湖传说原创动画系列")
    client.force_login(cast["wuxi_staff"])
    with translation.override("zh-hans"):  # the Chinese page, /funding/… without a prefix
        answer = client.get(reverse("funding:packet-pdf", args=[application.pk]))
    assert answer["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(answer.content)).pages
    )
    assert "太湖传说原创动画系列" in text
    assert "700,000.00" in text and "申请金额" in text  # "amount requested", in Chinese


def test_the_packet_is_for_deciders_only(client, cast, orgs, call):
    application = awaiting(call, orgs["acme"], "700000.00", "太湖传说原创动画系列")
    for who in ("rep", "rival_rep", "dalian_staff"):
        client.force_login(cast[who])
        assert client.get(reverse("funding:packet", args=[application.pk])).status_code == 403
        assert client.get(reverse("funding:packet-pdf", args=[application.pk])).status_code == 403


def test_the_award_list_leads_staff_to_the_calls_awaiting_decisions(client, cast, orgs, call):
    awaiting(call, orgs["acme"], "700000.00", "太湖传说原创动画系列")
    client.force_login(cast["wuxi_staff"])
    text = client.get(reverse("funding:awards")).content.decode()
    assert reverse("funding:call-decisions", args=[call.pk]) in text


def test_the_packet_shows_the_answers_as_the_application_page_does(client, cast, orgs, call):
    application = awaiting(call, orgs["acme"], "700000.00", "太湖传说原创动画系列")
    client.force_login(cast["wuxi_staff"])
    page = client.get(reverse("workflows:application-detail", args=[application.pk]))
    shown = [(label, text) for _title, rows in page.context["rows"] for label, text, _ in rows]
    assert ("Start date", "Mar 1, 2026") in shown  # the reader's date, not 2026-03-01
    packet = client.get(reverse("funding:packet", args=[application.pk])).content.decode()
    for label, text in shown:
        assert label in packet and text in packet
