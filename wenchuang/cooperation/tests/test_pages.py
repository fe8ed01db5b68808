"""The cooperation pages and API: the public map of pairs, staff decisions, reports by managers."""

import json

import pytest
from django.urls import reverse

from wenchuang.cooperation import services
from wenchuang.cooperation.models import OutcomeReport, Pairing

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def _map_option(response):
    html = response.content.decode()
    start = html.index('id="chart-pairs-map-option"')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(body)


def test_visitors_see_confirmed_pairs_on_the_map_and_not_the_suggestions(client, suggested, cast):
    services.pairing_confirm(pairing=suggested["urumqi"], by=cast["national_staff"])
    page = client.get(reverse("cooperation:batch", args=[suggested["urumqi"].batch_id]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Urumqi Seven Textiles Cluster" in text and "Dalian Wisdom Park" not in text
    lines = next(s for s in _map_option(page)["series"] if s["type"] == "lines")
    assert len(lines["data"]) == 1 and len(lines["data"][0]["coords"]) == 2
    # The suggestion's own page is the staff's.
    assert client.get(suggested["dalian"].get_absolute_url()).status_code == 403


def test_staff_confirm_from_the_batch_page_and_see_the_reasons(client, suggested, cast):
    _login(client, cast["national_staff"])
    batch_url = reverse("cooperation:batch", args=[suggested["urumqi"].batch_id])
    page = client.get(batch_url)
    assert "eastern region → western region" in page.content.decode()
    answer = client.post(
        reverse("cooperation:pairing-move", args=[suggested["urumqi"].pk]),
        {"target": "confirmed", "back": "batch"},
        follow=True,
    )
    assert answer.redirect_chain[-1][0] == batch_url
    assert Pairing.objects.get(pk=suggested["urumqi"].pk).status == "confirmed"
    # The same click again: refused with a message, nothing changes.
    again = client.post(
        reverse("cooperation:pairing-move", args=[suggested["dalian"].pk]),
        {"target": "confirmed"},
        follow=True,
    )
    assert "already paired in this batch" in again.content.decode()


def test_a_park_manager_reports_from_the_pairs_page_in_chinese(client, suggested, cast):
    pairing = services.pairing_confirm(pairing=suggested["urumqi"], by=cast["national_staff"])
    _login(client, cast["park_manager"])
    form = {
        "year": 2026,
        "half": 1,
        "enterprises_relocated": 3,
        "joint_projects": 2,
        "visitors": 1500,
        "revenue": "250000",
        "currency": "CNY",
        "activities": "互访交流",
    }
    url = reverse("cooperation:report", args=[pairing.pk])
    client.post(url, form, follow=True)
    page = client.post(url, form, follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert OutcomeReport.objects.filter(pairing=pairing).count() == 1
    assert page.status_code == 200
    bad = client.post(url, {**form, "half": 2, "visitors": -1}, follow=True)
    assert OutcomeReport.objects.filter(pairing=pairing).count() == 1
    assert "visitors" in bad.content.decode().lower()


def test_the_api_lists_public_pairs_and_takes_a_managers_report(client, suggested, cast):
    pairing = services.pairing_confirm(pairing=suggested["urumqi"], by=cast["national_staff"])
    listed = client.get("/api/v1/cooperation/pairings").json()
    assert [p["id"] for p in listed["results"]] == [pairing.pk]
    assert listed["results"][0]["reasons"]
    assert client.get(f"/api/v1/cooperation/pairings/{suggested['dalian'].pk}").status_code in (
        401,
        403,
    )
    _login(client, cast["park_manager"])
    body = {"year": 2026, "half": 1, "visitors": 700, "revenue": "1000.00", "currency": "EUR"}
    url = f"/api/v1/cooperation/pairings/{pairing.pk}/reports"
    first = client.post(url, body, content_type="application/json")
    assert first.status_code == 201 and first.json()["currency"] == "EUR"
    second = client.post(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert second.status_code in (400, 409, 422) and "already reported" in second.content.decode()
    refused = client.post(
        f"/api/v1/cooperation/pairings/{suggested['dalian'].pk}/status",
        {"target": "confirmed"},
        content_type="application/json",
    )
    assert refused.status_code in (403, 404)
    assert Pairing.objects.get(pk=suggested["dalian"].pk).status == "suggested"


def test_the_batch_page_words_every_pairs_reasons_without_a_query_each(
    client, suggested, cast, django_assert_max_num_queries
):
    from wenchuang.cooperation.models import Pairing

    _login(client, cast["national_staff"])
    url = reverse("cooperation:batch", args=[suggested["urumqi"].batch_id])
    client.get(url)  # the first page view reads the major classes once for the process
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(20):  # more pairs with shared focus classes
        park = suggested["urumqi"].partner_park
        park.pk = None
        park.save()
        Pairing.objects.create(
            batch=suggested["urumqi"].batch,
            carrying_park=suggested["urumqi"].carrying_park,
            partner_park=park,
            reasons=[["shared_focus", {"majors": ["01"]}]],
            region=suggested["urumqi"].region,
            partner_region_code=park.region_id,
            partner_province_code="650000",
        )
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        page = client.get(url)
    assert page.status_code == 200 and len(many.captured_queries) <= len(few.captured_queries)
