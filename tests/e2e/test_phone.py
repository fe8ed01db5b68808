"""The site on a phone (390 × 844 CSS pixels): nothing scrolls sideways, search stays reachable.

Run with `pytest tests/e2e`; the pages hold the demo generator's records, whose long names
and category labels are what pushed the pages wider than the screen.
"""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from wenchuang.designation.models import Designation
from wenchuang.directory.demo import generate
from wenchuang.directory.models import Enterprise, Investor, Park
from wenchuang.events.models import Event
from wenchuang.investment.models import Project
from wenchuang.ip_registry.models import Work
from wenchuang.market.models import Listing
from wenchuang.news.models import NewsItem
from wenchuang.workflows.models import Call

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(reference_data):
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        generate(enterprises=40, seed=3, progress=False)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        device_scale_factor=2,
        # Not is_mobile: a mobile layout viewport widens to fit wide content, which would hide
        # exactly the sideways scrolling this checks.
        has_touch=True,
        locale="zh-CN",
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def sideways_overflow(page) -> int:
    """How many CSS pixels the page is wider than the screen (0 when it fits)."""
    assert page.evaluate("window.innerWidth") == PHONE["width"]
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def assert_fully_visible(page, locator) -> None:
    locator.wait_for(state="visible")
    box = locator.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


def phone_pages() -> list[str]:
    """Addresses without a language prefix (Chinese), so that one can be put in front."""
    with translation.override("zh-hans"):
        return _phone_pages()


def _phone_pages() -> list[str]:
    enterprise = Enterprise.objects.exclude(park=None).order_by("id").first()
    park = Park.objects.filter(tenants__isnull=False).order_by("id").first()
    investor = Investor.objects.order_by("id").first()
    return [
        "/",
        "/enterprise/",
        f"/enterprise/?province={enterprise.province_code}&prefecture={enterprise.prefecture_code}",
        enterprise.get_absolute_url(),
        "/park/",
        park.get_absolute_url(),
        investor.get_absolute_url(),
        "/talent/",
        "/members/",
        "/calls/",
        *[f"/calls/{pk}/" for pk in Call.objects.order_by("id").values_list("id", flat=True)],
        "/designation/",
        Designation.objects.order_by("id").first().get_absolute_url(),
        "/consulting/",
        "/news/",
        "/news/policies/",
        *[i.get_absolute_url() for i in NewsItem.objects.filter(status="published")[:3]],
        "/works/",
        Work.objects.order_by("id").first().get_absolute_url(),
        "/works/log/",
        "/investment/",
        Project.objects.filter(status="published").order_by("id").first().get_absolute_url(),
        "/market/",
        *[
            listing.get_absolute_url()
            for listing in Listing.objects.filter(status="published").order_by("id")[:1]
        ],
        "/events/",
        *[e.get_absolute_url() for e in Event.objects.order_by("id")],
        *[f"{e.get_absolute_url()}report/" for e in Event.objects.order_by("id")[:1]],
        "/statistics/dashboard/?region=320200",
        "/statistics/data/",
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en", "fr", "de"])
def test_no_page_scrolls_sideways_on_a_phone(phone, demo, language):
    prefix = "" if language == "zh-hans" else f"/{language}"
    wide = {}
    for path in phone_pages():
        assert phone.goto(prefix + path).status == 200, path
        overflow = sideways_overflow(phone)
        if overflow > 0:
            wide[path] = overflow
    assert not wide, f"pages wider than a {PHONE['width']} px phone (by px): {wide}"


@pytest.mark.parametrize("language", ["zh-hans", "de"])
def test_the_search_button_is_on_screen_and_the_header_is_small(phone, demo, language):
    prefix = "" if language == "zh-hans" else f"/{language}"
    phone.goto(prefix + "/")
    assert_fully_visible(phone, phone.locator("form.search-box button[type=submit]"))
    header = phone.locator("header.site-header").bounding_box()
    assert header["height"] <= PHONE["height"] / 6, header

    phone.goto(prefix + "/enterprise/")
    assert_fully_visible(phone, phone.locator("form.filters button[type=submit]"))
    assert_fully_visible(phone, phone.locator("#id_q"))


def test_a_search_typed_on_a_phone_finds_the_enterprise(phone, demo):
    enterprise = Enterprise.objects.filter(status="published").order_by("id").first()
    word = enterprise.name_zh_hans[2:4]
    phone.goto("/")
    phone.locator("#home-q").fill(word)
    phone.locator("form.search-box button[type=submit]").tap()
    phone.wait_for_url("**/enterprise/?q=*")
    phone.locator("#results").get_by_role("link", name=enterprise.name_zh_hans).wait_for()
    assert sideways_overflow(phone) <= 0


def test_a_phone_user_narrows_the_list_to_a_park_of_the_chosen_city(phone, demo):
    park = (
        Park.objects.filter(tenants__status="published", prefecture_code="320200")
        .distinct()
        .order_by("id")
        .first()
    )
    elsewhere = Park.objects.exclude(province_code="320000").order_by("id").first()
    phone.goto("/en/enterprise/")
    assert phone.locator(f'#id_park option[value="{elsewhere.pk}"]').count() == 1

    phone.locator("#id_province").select_option("320000")
    phone.locator('#id_prefecture option[value="320200"]').wait_for(state="attached")
    # The park select follows the region: Jiangsu's parks only.
    phone.locator(f'#id_park option[value="{elsewhere.pk}"]').wait_for(state="detached")
    phone.locator("#id_prefecture").select_option("320200")
    with translation.override("en"):
        phone.locator("#id_park").select_option(label=park.name)
    assert phone.locator("#id_county option").first.inner_text() == "all counties"
    phone.locator("form.filters button[type=submit]").tap()
    phone.wait_for_url(f"**/en/enterprise/?*park={park.pk}*")
    results = phone.locator("#results")
    for tenant in park.tenants.filter(status="published"):
        with translation.override("en"):
            results.get_by_role("link", name=tenant.name).first.wait_for()
    assert sideways_overflow(phone) <= 0


def test_staff_pages_fit_a_phone_too(phone, demo):
    phone.goto("/de/accounts/login/")
    phone.locator("input[name=username]").fill("staff_wuxi")
    phone.locator("input[name=password]").fill("demo1234")
    with phone.expect_navigation():
        phone.locator("main form button[type=submit]").tap()
    header = phone.locator("header.site-header").bounding_box()
    assert header["height"] <= PHONE["height"] / 6, header

    enterprise = Enterprise.objects.filter(prefecture_code="320200").order_by("id").first()
    wide = {}
    for path in (
        "/de/validation/",
        f"/de/enterprise/{enterprise.pk}/edit/",
        "/de/enterprise/import/",
        f"/de/enterprise/{enterprise.pk}/",
    ):
        assert phone.goto(path).status == 200, path
        if sideways_overflow(phone) > 0:
            wide[path] = sideways_overflow(phone)
    assert not wide, f"staff pages wider than a {PHONE['width']} px phone (by px): {wide}"
