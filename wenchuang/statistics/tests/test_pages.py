"""The statistics pages as a reporter, staff and a visitor see them."""

import pytest

from wenchuang.statistics.models import ReturnValue, StatReturn
from wenchuang.statistics.services import return_submit
from wenchuang.statistics.tests.conftest import ytd

pytestmark = pytest.mark.django_db


def form_data(values, **extra):
    return {**values, **extra}


def report_url(period, obligation, record):
    return f"/en/statistics/report/{period.pk}/?obligation={obligation.code}&record={record.pk}"


def test_the_calendar_and_indicators_are_public(client, quarters):
    page = client.get("/en/statistics/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "2026Q3" in text and "Operating revenue" in text and "year to date" in text


def test_a_representative_files_a_prefilled_return_and_sees_its_history(
    client, cast, directory, enterprise_obligation, quarters
):
    return_submit(
        obligation=enterprise_obligation,
        period=quarters[2026, 1],
        record=directory["acme"],
        values=ytd(1),
        by=cast["rep"],
    )
    client.force_login(cast["rep"])
    home = client.get("/en/statistics/").content.decode()
    wanted = report_url(quarters[2026, 2], enterprise_obligation, directory["acme"])
    assert wanted.replace("&", "&amp;") in home
    url = report_url(quarters[2026, 2], enterprise_obligation, directory["acme"])
    form = client.get(url).content.decode()
    assert "Pre-filled from your last return" in form and 'value="7500000"' in form

    refused = client.post(url, form_data(ytd(1) | {"revenue": "7000000"}))
    assert refused.status_code == 422
    assert (
        "cannot be lower than the previous quarter&#x27;s (7,500,000)" in refused.content.decode()
    )
    assert not StatReturn.objects.filter(period=quarters[2026, 2]).exists()

    done = client.post(url, form_data(ytd(2)), follow=True)
    assert "Return submitted" in done.content.decode()
    revised = client.post(
        url, form_data(ytd(2) | {"revenue": "15500000"}, version="1"), follow=True
    )
    page = revised.content.decode()
    assert "Return revised: the earlier figures are kept." in page
    assert "Earlier revisions" in page and "<del>15,000,000</del>" in page
    assert ReturnValue.objects.filter(indicator__code="revenue", current=False).count() == 1


def test_htmx_answers_the_form_alone(client, cast, directory, enterprise_obligation, quarters):
    client.force_login(cast["rep"])
    url = report_url(quarters[2026, 1], enterprise_obligation, directory["acme"])
    answer = client.post(url, ytd(1) | {"employees": "x"}, headers={"HX-Request": "true"})
    assert answer.status_code == 422
    text = answer.content.decode()
    assert text.lstrip().startswith('<div id="return-form">') and "Enter a number." in text
    ok = client.post(url, ytd(1), headers={"HX-Request": "true"})
    assert ok.status_code == 204 and ok["HX-Redirect"].startswith("/en/statistics/returns/")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("rival_rep", 403),
        ("dalian_staff", 403),
        ("rep", 200),
        ("district", 200),
        ("wuxi_staff", 200),
    ],
)
def test_who_may_open_a_return_form_and_a_return(
    client, cast, directory, enterprise_obligation, quarters, who, status
):
    done = return_submit(
        obligation=enterprise_obligation,
        period=quarters[2026, 1],
        record=directory["acme"],
        values=ytd(1),
        by=cast["wuxi_staff"],
    )
    client.force_login(cast[who])
    url = report_url(quarters[2026, 1], enterprise_obligation, directory["acme"])
    assert client.get(url).status_code == status
    assert client.get(f"/en/statistics/returns/{done.stat_return.pk}/").status_code == status
    listed = client.get("/en/statistics/returns/").content.decode()
    assert (f"/statistics/returns/{done.stat_return.pk}/" in listed) == (status == 200)


def test_a_visitor_is_sent_to_sign_in(client, quarters):
    assert client.get(f"/en/statistics/report/{quarters[2026, 1].pk}/").status_code == 302
    assert client.get("/en/statistics/completeness/").status_code == 302


def test_staff_lock_a_quarter_and_the_form_says_it_is_closed(
    client, cast, directory, enterprise_obligation, quarters
):
    client.force_login(cast["wuxi_staff"])
    period = quarters[2026, 1]
    client.post(f"/en/statistics/periods/{period.pk}/move/", {"target": "locked"})
    period.refresh_from_db()
    assert period.status == "locked"
    client.force_login(cast["rep"])
    url = report_url(period, enterprise_obligation, directory["acme"])
    answer = client.post(url, ytd(1))
    assert answer.status_code == 422
    assert "2026Q1 is closed for returns (locked)" in answer.content.decode()
    client.force_login(cast["rep"])
    client.post(f"/en/statistics/periods/{period.pk}/move/", {"target": "released"})
    period.refresh_from_db()
    assert period.status == "locked"  # a reporter cannot release it
