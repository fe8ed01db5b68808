"""The pipeline: leads move stage by stage with a dated log; agreements; the report."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wenchuang.directory.tests.factories import InvestorFactory
from wenchuang.investment import reports, services
from wenchuang.investment.models import Agreement, Lead

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def lead(cast):
    return services.lead_create(
        project=ProjectFactory(),
        investor=InvestorFactory(),
        by=cast["wuxi_staff"],
        expected_value="8000000",
        currency="CNY",
        on=DAY,
    )


def walk(lead, by, stages, start=DAY, step=10):
    for n, stage in enumerate(stages, start=1):
        services.lead_move(lead=lead, target=stage, by=by, on=start + datetime.timedelta(n * step))


def test_a_lead_moves_stage_by_stage_and_logs_each_date(cast, lead):
    walk(lead, cast["wuxi_staff"], ["contacted", "negotiating"])
    lead.refresh_from_db()
    assert lead.stage == "negotiating"
    log = list(lead.log.values_list("stage", "entered_on", "left_on"))
    assert log == [
        ("prospect", DAY, DAY + datetime.timedelta(10)),
        ("contacted", DAY + datetime.timedelta(10), DAY + datetime.timedelta(20)),
        ("negotiating", DAY + datetime.timedelta(20), None),
    ]


def test_a_lead_cannot_skip_a_stage_nor_leave_landed(cast, lead):
    with pytest.raises(ValidationError):
        services.lead_move(lead=lead, target="landed", by=cast["wuxi_staff"])
    with pytest.raises(ValidationError):
        services.lead_move(lead=lead, target="nonsense", by=cast["wuxi_staff"])


def test_only_staff_over_the_region_move_leads(cast, lead):
    for who in ("dalian_staff", "rep", "investor"):
        with pytest.raises(PermissionDenied):
            services.lead_move(lead=lead, target="contacted", by=cast[who])
    with pytest.raises(PermissionDenied):
        services.lead_create(project=lead.project, investor=InvestorFactory(), by=cast["rep"])


def test_the_same_pair_is_one_lead(cast, lead):
    with pytest.raises(ValidationError, match="already a lead"):
        services.lead_create(project=lead.project, investor=lead.investor, by=cast["wuxi_staff"])


def test_a_lead_opened_by_someone_else_after_the_check_gets_the_same_message(cast, monkeypatch):
    from wenchuang.investment.services import pipeline

    project, investor = ProjectFactory(), InvestorFactory()
    real_place = pipeline.place

    def place_while_another_opens_it(lead, region):
        # The other staff member's lead lands between the duplicate check and the save.
        monkeypatch.setattr(pipeline, "place", real_place)
        services.lead_create(project=project, investor=investor, by=cast["jiangsu_staff"])
        real_place(lead, region)

    monkeypatch.setattr(pipeline, "place", place_while_another_opens_it)
    with pytest.raises(ValidationError) as refused:
        services.lead_create(project=project, investor=investor, by=cast["wuxi_staff"])
    # (One connection here, so the refusal undoes the other lead too; test_concurrency has two.)
    assert refused.value.message_dict == {
        "investor": ["This investor is already a lead of this project."]
    }


def test_an_agreement_signs_its_lead_and_counts_in_the_report(cast, lead):
    walk(lead, cast["wuxi_staff"], ["contacted", "negotiating"])
    agreement = services.agreement_record(
        project=lead.project,
        lead=lead,
        by=cast["wuxi_staff"],
        title="战略合作协议",
        parties=["无锡灵动文化", "Taihu Capital"],
        signed_on=DAY + datetime.timedelta(40),
        value=Decimal("12000000"),
        currency="CNY",
    )
    lead.refresh_from_db()
    assert lead.stage == "signed"
    report = reports.pipeline_report(Lead.objects.all(), Agreement.objects.all())
    stages = {row.stage: row for row in report.stages}
    assert stages["contacted"].conversion == 100
    assert stages["signed"].reached == 1
    assert stages["prospect"].mean_days == 10
    assert report.signed_value_cny == 12_000_000
    [quarter] = [g for g in report.by["quarter"] if g.agreements]
    assert quarter.label == "2026Q2" and agreement.signed_value.amount == Decimal("12000000")


def test_an_agreement_needs_two_parties_and_a_currency_with_its_value(cast, lead):
    with pytest.raises(ValidationError, match="two parties"):
        services.agreement_record(
            project=lead.project,
            by=cast["wuxi_staff"],
            title="x",
            parties=["only one"],
            signed_on=DAY,
        )
    with pytest.raises(ValidationError) as error:
        services.agreement_record(
            project=lead.project,
            by=cast["wuxi_staff"],
            title="x",
            parties=["a", "b"],
            signed_on=DAY,
            value="100",
        )
    assert "currency" in error.value.message_dict
    assert not Agreement.objects.exists()


def test_staff_see_the_report_with_its_tables_and_others_do_not(client, cast, lead):
    walk(lead, cast["wuxi_staff"], ["contacted"])
    client.force_login(cast["wuxi_staff"])
    page = client.get(reverse("investment:report")).content.decode()
    assert "Leads by stage" in page and "VR" in page
    assert client.get(reverse("investment:leads")).status_code == 200
    assert client.get(lead.get_absolute_url()).status_code == 200
    client.force_login(cast["dalian_staff"])
    assert client.get(lead.get_absolute_url()).status_code == 403
    client.force_login(cast["rep"])
    assert client.get(reverse("investment:report")).status_code == 403


def test_an_agreement_signed_at_an_event_appears_in_the_events_signings(cast, lead):
    from wenchuang.events.signings import signings_at
    from wenchuang.events.tests.factories import EventFactory

    event = EventFactory()
    services.agreement_record(
        project=lead.project,
        by=cast["wuxi_staff"],
        title="文旅项目签约",
        parties=["大连文旅集团", "Rhein Kultur Invest GmbH"],
        signed_on=DAY,
        value="50000000",
        currency="CNY",
        event=event,
    )
    [signing] = signings_at(event)
    assert signing.title == "文旅项目签约"
    assert signing.value.format("en") == "CN¥50,000,000.00"
    assert signing.url.startswith("/") and "/investment/agreements/" in signing.url
    report = reports.pipeline_report(Lead.objects.all(), Agreement.objects.all())
    assert [g.label for g in report.by["event"] if g.agreements] == [str(event)]


def test_a_move_from_a_stale_page_is_refused_not_applied_again(cast, lead):
    services.lead_move(lead=lead, target="contacted", by=cast["wuxi_staff"])
    seen_by_other = Lead.objects.get(pk=lead.pk)
    services.lead_move(lead=lead, target="negotiating", by=cast["wuxi_staff"])
    with pytest.raises(ValidationError, match="changed meanwhile"):
        services.lead_move(lead=seen_by_other, target="lost", by=cast["jiangsu_staff"])
    lead.refresh_from_db()
    assert lead.stage == "negotiating"
