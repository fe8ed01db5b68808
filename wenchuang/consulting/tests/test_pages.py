"""Pages and API, role by action: who sees which request, who may do what, refusals as messages."""

import pytest

from wenchuang.consulting import services
from wenchuang.consulting.models import ConsultingRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(cast, firms):
    """A legal question of Acme's, assigned to Taihu Law (the cast's provider)."""
    return services.request_file(
        by=cast["rep"],
        category="legal",
        subject="Licensing a cartoon character abroad",
        question="Which clauses protect us when a French publisher prints our character?",
        language="en",
        provider=firms["taihu"],
    )


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_a_provider_never_sees_another_providers_request_on_pages_or_api(
    client, cast, firms, asked
):
    other = firms["other_provider"]
    assert page(client, other, f"/en/consulting/requests/{asked.pk}/").status_code == 403
    assert asked.subject not in page(client, other, "/en/consulting/requests/").content.decode()
    assert client.get(f"/api/v1/consulting/requests/{asked.pk}").status_code == 403
    listed = client.get("/api/v1/consulting/requests").json()
    assert listed["count"] == 0
    # The assigned provider does see it.
    assert (
        asked.subject in page(client, cast["provider"], "/en/consulting/requests/").content.decode()
    )
    assert client.get(f"/api/v1/consulting/requests/{asked.pk}").json()["subject"] == asked.subject


def test_after_declining_a_provider_no_longer_sees_the_request(client, cast, firms, asked):
    services.request_decline(request=asked, by=cast["provider"], reason="conflict of interest")
    assert page(client, cast["provider"], f"/en/consulting/requests/{asked.pk}/").status_code == 403
    assert client.get("/api/v1/consulting/requests").json()["count"] == 0


@pytest.mark.parametrize(
    "who, status",
    [
        ("rep", 200),  # the enterprise that asked
        ("provider", 200),  # the assigned provider
        ("wuxi_staff", 200),  # staff over Binhu
        ("district", 200),  # Binhu's district official
        ("dalian_staff", 403),  # staff elsewhere
        ("rival_rep", 403),  # another enterprise
        ("investor", 403),
        ("public", 403),
    ],
)
def test_who_reads_a_request(client, cast, asked, who, status):
    assert page(client, cast[who], f"/en/consulting/requests/{asked.pk}/").status_code == status


def test_a_visitor_is_sent_to_sign_in_and_the_api_refuses(client, asked):
    assert client.get(f"/en/consulting/requests/{asked.pk}/").status_code == 302
    assert client.get(f"/api/v1/consulting/requests/{asked.pk}").status_code == 403


def test_an_answer_by_someone_not_assigned_is_refused_with_a_message_and_kept_nowhere(
    client, cast, firms, asked
):
    services.request_accept(request=asked, by=cast["provider"])
    for who in (cast["rival_rep"], cast["wuxi_staff"]):
        client.force_login(who)
        response = client.post(
            f"/en/consulting/requests/{asked.pk}/answer/", {"text": "My answer"}, follow=True
        )
        assert response.status_code in (200, 403)
    client.force_login(cast["wuxi_staff"])
    response = client.post(
        f"/en/consulting/requests/{asked.pk}/answer/", {"text": "My answer"}, follow=True
    )
    assert "not assigned to your provider" in response.content.decode()
    assert not asked.messages.exists()
    client.force_login(firms["other_provider"])
    api = client.post(
        f"/api/v1/consulting/requests/{asked.pk}/answer",
        {"text": "My answer"},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert ConsultingRequest.objects.get(pk=asked.pk).status == "accepted"


def test_rating_someone_elses_request_is_refused_on_the_page_and_the_api(client, cast, asked):
    services.request_accept(request=asked, by=cast["provider"])
    services.request_answer(request=asked, by=cast["provider"], text="Register the mark in France.")
    client.force_login(cast["rival_rep"])
    assert (
        client.post(f"/en/consulting/requests/{asked.pk}/rate/", {"rating": 1}).status_code == 403
    )
    api = client.post(
        f"/api/v1/consulting/requests/{asked.pk}/rating",
        {"rating": 1},
        content_type="application/json",
    )
    assert api.status_code == 403
    client.force_login(cast["rep"])
    response = client.post(f"/en/consulting/requests/{asked.pk}/rate/", {"rating": 9}, follow=True)
    assert "from 1 to 5" in response.content.decode()
    assert ConsultingRequest.objects.get(pk=asked.pk).rating is None


def test_the_enterprise_files_rates_through_the_api(client, cast, firms):
    client.force_login(cast["rep"])
    made = client.post(
        "/api/v1/consulting/requests",
        {"category": "legal", "subject": "商标", "question": "如何在法国注册商标？"},
        content_type="application/json",
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    assert made.json()["provider"]["id"] in (firms["taihu"].pk, firms["lihu"].pk)
    bad = client.post(
        "/api/v1/consulting/requests",
        {"category": "astrology", "subject": "x", "question": "y"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    client.force_login(cast["provider"])
    assert client.post(
        "/api/v1/consulting/requests", {}, content_type="application/json"
    ).status_code in (403, 422)
    request = ConsultingRequest.objects.get(pk=pk)
    assignee = (
        cast["provider"] if request.provider_id == firms["taihu"].pk else firms["other_provider"]
    )
    client.force_login(assignee)
    assert client.post(f"/api/v1/consulting/requests/{pk}/accept").status_code == 200
    answered = client.post(
        f"/api/v1/consulting/requests/{pk}/answer",
        {"text": "向法国工业产权局提交申请。"},
        content_type="application/json",
    )
    assert answered.json()["status"] == "answered"
    client.force_login(cast["rep"])
    rated = client.post(
        f"/api/v1/consulting/requests/{pk}/rating",
        {"rating": 4, "comment": "有帮助"},
        content_type="application/json",
    )
    assert rated.status_code == 200 and rated.json()["rating"] == 4
    again = client.post(
        f"/api/v1/consulting/requests/{pk}/rating", {"rating": 2}, content_type="application/json"
    )
    assert again.status_code == 403
    assert client.get("/api/v1/consulting/providers?scope=legal").json()["count"] == 2


def test_oversight_is_for_staff_of_the_jurisdiction(client, cast, asked):
    services.request_accept(request=asked, by=cast["provider"])
    services.request_answer(request=asked, by=cast["provider"], text="Register the mark.")
    response = page(client, cast["wuxi_staff"], "/en/consulting/oversight/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Taihu Law" in text or asked.provider.name_en in text
    assert "legal consulting" in text
    elsewhere = page(client, cast["dalian_staff"], "/en/consulting/oversight/").content.decode()
    assert asked.provider.name_en not in elsewhere
    assert page(client, cast["rep"], "/en/consulting/oversight/").status_code == 403


def test_staff_certify_from_the_page_and_see_the_reason_required(client, cast, orgs):
    from wenchuang.directory.tests.factories import ServiceProviderFactory

    from .factories import licence

    provider = ServiceProviderFactory(legal=True, organisation=orgs["lawyers"])
    certification = services.certification_apply(
        provider=provider,
        by=cast["provider"],
        scopes=["legal"],
        regions_served=["320200"],
        staff_names="张律师",
        documents=[licence()],
    )
    client.force_login(cast["wuxi_staff"])
    url = f"/en/consulting/certifications/{certification.pk}/"
    assert "Certify" in client.get(url).content.decode()
    refused = client.post(url + "decide/", {"target": "refused"}, follow=True)
    assert "Give the reason" in refused.content.decode()
    client.post(url + "decide/", {"target": "certified"})
    certification.refresh_from_db()
    assert certification.status == "certified"
    client.force_login(cast["dalian_staff"])
    assert client.get(url).status_code == 403
