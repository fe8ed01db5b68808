"""A visitor reads the site in their language: the root, the switch, and content fallback."""

import pytest
from django.urls import reverse

from wenchuang.core.languages import language_order, localized
from wenchuang.directory.models import Enterprise, Park

# The root and the language switch


@pytest.mark.parametrize(
    "accept, target",
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "/fr/"),
        ("de-DE,de;q=0.9", "/de/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("es-ES,es;q=0.9,fr;q=0.5", "/fr/"),
    ],
)
def test_root_sends_a_browser_to_its_language(client, demo_db, accept, target):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("accept", ["zh-CN,zh;q=0.9", "ja-JP", ""])
def test_root_stays_chinese_for_chinese_and_unknown_browsers(client, demo_db, accept):
    response = client.get("/", headers={"accept-language": accept} if accept else {})
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()


def test_root_keeps_the_query_when_it_redirects(client, demo_db):
    response = client.get("/?utm=mail", headers={"accept-language": "fr"})
    assert response["Location"] == "/fr/?utm=mail"


def test_chosen_language_wins_over_the_browser_and_outlives_the_session(client, demo_db):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response["Location"] == "/fr/"
    cookie = response.cookies["django_language"]
    assert cookie.value == "fr"
    assert int(cookie["max-age"]) >= 180 * 24 * 3600  # not a session cookie
    # A later visit with an English browser still lands on French.
    again = client.get("/", headers={"accept-language": "en"})
    assert again["Location"] == "/fr/"


def test_choosing_chinese_keeps_a_french_browser_on_chinese(client, demo_db):
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/fr/"})
    assert response["Location"] == "/"
    page = client.get("/", headers={"accept-language": "fr"})
    assert page.status_code == 200
    assert '<html lang="zh-hans">' in page.content.decode()


@pytest.mark.parametrize(
    "prefix, lang", [("", "zh-hans"), ("/en", "en"), ("/fr", "fr"), ("/de", "de")]
)
def test_every_prefixed_page_still_answers_in_its_language(client, demo_db, prefix, lang):
    enterprise = Enterprise.objects.filter(status="published").first()
    park = Park.objects.filter(status="published").first()
    for path in (
        "/",
        "/enterprise/",
        f"/enterprise/{enterprise.pk}/",
        f"/park/{park.pk}/",
        "/investor/",
        "/accounts/login/",
    ):
        # A browser asking for another language changes nothing on a prefixed page.
        response = client.get(prefix + path, headers={"accept-language": "de"})
        if prefix == "" and path == "/":
            assert response.status_code == 302
            continue
        assert response.status_code == 200, prefix + path
        assert f'<html lang="{lang}">' in response.content.decode(), prefix + path


# Content fallback


@pytest.mark.parametrize(
    "reader, chain",
    [
        ("fr", ["fr", "en", "zh-hans"]),
        ("de", ["de", "en", "zh-hans"]),
        ("en", ["en", "zh-hans"]),
        ("zh-hans", ["zh-hans", "en"]),
        ("fr-ca", ["fr", "en", "zh-hans"]),
    ],
)
def test_each_reader_language_has_its_chain(reader, chain):
    assert language_order(reader)[: len(chain)] == chain


def test_french_and_german_readers_get_english_names_of_demo_enterprises(client, demo_db):
    enterprise = Enterprise.objects.filter(status="published", name_fr="").first()
    assert enterprise.name_en and enterprise.name_zh_hans
    for language in ("fr", "de"):
        assert localized(enterprise, "name", language).text == enterprise.name_en
        page = client.get(f"/{language}/enterprise/{enterprise.pk}/").content.decode()
        assert enterprise.name_en in page
        assert "(中文)" not in page
        listing = client.get(f"/{language}/enterprise/").content.decode()
        assert "(中文)" not in listing


def test_the_api_uses_the_same_chain(client, demo_db):
    enterprise = Enterprise.objects.filter(status="published", name_fr="").first()
    one = client.get(f"/api/v1/enterprises/{enterprise.pk}", headers={"accept-language": "fr"})
    assert one.json()["name"] == enterprise.name_en
    listing = client.get("/api/v1/enterprises", headers={"accept-language": "de"}).json()
    names = {row["name"] for row in listing["results"]}
    english = set(Enterprise.objects.filter(status="published").values_list("name_en", flat=True))
    assert names and names <= english


def test_a_chinese_reader_gets_english_when_there_is_no_chinese(client, cast):
    from wenchuang.directory import services

    record = services.record_create(
        model=Enterprise,
        by=cast["wuxi_staff"],
        data={"name_en": "Huishan Clay Figures", "region": "320206", "category": "0261"},
    )
    assert localized(record, "name", "zh-hans").text == "Huishan Clay Figures"
    assert localized(record, "name", "zh-hans").is_fallback


def test_a_park_lists_its_tenants_by_name_not_by_id(client, directory):
    studios, acme = directory["studios"], directory["acme"]
    page = client.get(f"/fr/park/{studios.pk}/").content.decode()
    tenants = page.split('class="tenants"')[1].split("</ul>")[0]
    assert acme.name_en in tenants
    assert f"#{acme.pk}" not in tenants
