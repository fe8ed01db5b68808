"""The list filters as a visitor uses them: labelled selects, cascades, the park by name."""

from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import override_settings

from wenchuang.directory.demo import generate
from wenchuang.directory.models import Park

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WUXI = {"province": "320000", "prefecture": "320200"}


@pytest.fixture
def demo(db):
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        return generate(enterprises=40, seed=7, progress=False)


class Elements(HTMLParser):
    """The page's selects (id -> [(value, text)]), labels' targets and links' targets."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.selects: dict[str, list[tuple[str, str]]] = {}
        self.labelled: set[str] = set()
        self.links: dict[str, str] = {}
        self._select = self._option = self._link = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select = attrs.get("id") or attrs.get("name")
            self.selects[self._select] = []
        elif tag == "option" and self._select:
            self._option = [attrs.get("value", ""), ""]
        elif tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        elif tag == "a":
            self._link = [attrs.get("href", ""), ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self.selects[self._select].append((self._option[0], self._option[1].strip()))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "a" and self._link is not None:
            self.links[self._link[1].strip()] = self._link[0]
            self._link = None


def options(html: str) -> list[tuple[str, str]]:
    return Elements(f"<select id='x'>{html}</select>").selects["x"]


def test_every_filter_select_has_a_visible_label(client, demo):
    page = Elements(client.get("/fr/enterprise/").content.decode())

    filters = {"id_province", "id_prefecture", "id_county", "id_major", "id_mid", "id_small"}
    filters |= {"id_domain", "id_above_size", "id_park", "id_sort"}
    assert filters <= set(page.selects)
    assert filters <= page.labelled
    # The first option of each says what "all" stands for.
    assert page.selects["id_prefecture"][0] == ("", "toutes les villes")
    assert page.selects["id_small"][0] == ("", "toutes les petites catégories")


def test_categories_loaded_by_htmx_keep_their_codes_like_the_first_select(client, demo):
    mids = options(client.get("/en/categories/options/", {"major": "02"}).content.decode())

    assert mids[0] == ("", "all mid categories")
    assert mids[1:] and all(text.startswith(f"{value} ") for value, text in mids[1:])
    smalls = options(client.get("/en/categories/options/", {"mid": "024"}).content.decode())
    assert smalls[0] == ("", "all small categories")
    assert any(value == "0241" and text.startswith("0241 ") for value, text in smalls)


def test_choosing_a_province_lists_its_cities_and_empties_the_county(client, demo):
    body = client.get("/en/regions/options/", {"province": "320000"}).content.decode()

    assert ("320200", "Wuxi") in options(body)
    assert options(body)[0] == ("", "all cities")
    # The county select still held the counties of the city chosen before.
    assert 'id="id_county" hx-swap-oob="innerHTML"' in body
    counties = client.get("/en/regions/options/", {"prefecture": "320200"}).content.decode()
    assert options(counties)[0] == ("", "all counties")
    assert "hx-swap-oob" not in counties


def test_the_park_filter_offers_the_regions_parks_by_name(client, demo):
    page = Elements(client.get("/en/enterprise/", WUXI).content.decode())

    wuxi_parks = Park.objects.filter(prefecture_code="320200", status="published")
    assert wuxi_parks.exists() and Park.objects.exclude(prefecture_code="320200").exists()
    offered = page.selects["id_park"][1:]
    assert sorted(offered) == sorted((str(p.pk), p.name) for p in wuxi_parks)


def test_the_park_options_follow_the_region_chosen(client, demo):
    beijing = options(client.get("/en/parks/options/", {"province": "110000"}).content.decode())
    expected = Park.objects.filter(province_code="110000", status="published")
    assert beijing[0] == ("", "all parks")
    assert {value for value, _text in beijing[1:]} == {str(p.pk) for p in expected}
    # A city left over from another province does not narrow the list to nothing.
    mixed = {"province": "110000", "prefecture": "320200"}
    assert options(client.get("/en/parks/options/", mixed).content.decode()) == beijing


def test_choosing_a_park_lists_its_tenants_and_keeps_it_chosen(client, demo):
    park = Park.objects.filter(tenants__status="published").distinct().first()
    response = client.get("/en/enterprise/", {"park": park.pk})

    page = Elements(response.content.decode())
    assert (str(park.pk), park.name) in page.selects["id_park"]
    assert "selected>" in response.content.decode().split(f'value="{park.pk}"')[1][:20]
    tenants = set(park.tenants.filter(status="published").values_list("pk", flat=True))
    assert {r.pk for r in response.context["page"].object_list} == tenants


def test_a_park_nobody_may_see_is_refused_like_an_unknown_one(client, demo):
    park = Park.objects.first()
    Park.objects.filter(pk=park.pk).update(status="pending")

    hidden = client.get("/en/enterprise/", {"park": park.pk}).content.decode()
    unknown = client.get("/en/enterprise/", {"park": 10**9}).content.decode()
    assert f"No published park has the number {park.pk}." in hidden
    assert f"No published park has the number {10**9}." in unknown


def test_a_park_page_lists_its_tenants_by_name_with_links(client, demo):
    park = Park.objects.filter(tenants__status="published").distinct().first()
    body = client.get(f"/en/park/{park.pk}/").content.decode()

    page = Elements(body)
    for tenant in park.tenants.filter(status="published"):
        assert page.links[tenant.name] == f"/en/enterprise/{tenant.pk}/"
        assert f"#{tenant.pk}<" not in body


@pytest.mark.parametrize("url", ["/en/enterprise/", "/en/imports/1/", "/en/"])
def test_pages_and_their_fragments_tell_caches_they_differ(client, demo, url):
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(url, headers=headers)
        if response["Content-Type"].startswith("text/html"):
            assert "HX-Request" in response.get("Vary", ""), (url, headers)


def test_every_page_has_a_favicon_served_by_the_site(client, demo):
    body = client.get("/en/enterprise/").content.decode()

    href = static("favicon.svg")
    assert f'<link rel="icon" href="{href}" type="image/svg+xml">' in body
    assert finders.find("favicon.svg")
