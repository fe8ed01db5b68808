"""Every page of the site, for a visitor, the owners of an enterprise and a park, and staff.

The pages come from the URL resolver, so a new page is crawled as soon as it exists: one
whose parameters the crawl cannot fill fails `test_every_page_is_crawled` until it is taught
(PARAMS below). The data is the demo generator's, as users see it, in the four languages.
A 5xx, an exception or a template variable that does not resolve fails the crawl.
"""

from __future__ import annotations

import itertools

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wenchuang.directory.forms import FilterForm
from wenchuang.directory.models import Enterprise, Park
from wenchuang.directory.selectors import KINDS

from .crawler import Crawler, report
from .discovery import discover
from .page_sources import PK_SOURCES
from .templates import raising_templates

# Each role browses in its own language; the visitor also sees every page in all four.
LANGUAGES = {
    "visitor": "zh-hans",
    "enterprise rep": "en",
    "park manager": "fr",
    "staff": "de",
    "reviewer": "zh-hans",
    "assessor": "en",
}
ALL_LANGUAGES = ("zh-hans", "en", "fr", "de")
EXPORT_FORMATS = ("csv", "xlsx")
# Values no filter accepts: each must be refused or ignored, never a server error.
BAD_FILTER_VALUES = ("99999999999999999999", "abc", "0" * 300)


def page_kwargs(page, site) -> list[dict]:
    """Every combination of parameter values the crawl requests for one page pattern."""
    params = set(page.params)
    if not params:
        return [{}]
    kinds = list(KINDS) if "kind" in params else [None]
    rows = []
    for kind in kinds:
        if "pk" in params and not kind and page.name not in PK_SOURCES:
            raise LookupError(f"{page.route}: add to PK_SOURCES which records its pk names")
        if "pk" in params:
            pks = site.records[kind] if kind else PK_SOURCES[page.name](site)
        else:
            pks = [None]
        fmts = EXPORT_FORMATS if "fmt" in params else (None,)
        for pk, fmt in itertools.product(pks, fmts):
            values = {"kind": kind, "pk": pk, "fmt": fmt}
            rows.append({name: values[name] for name in page.params})
    unknown = params - {"kind", "pk", "fmt"}
    if unknown:
        raise LookupError(f"{page.route}: the crawl cannot fill {sorted(unknown)}")
    return rows


def site_pages():
    return [
        page
        for page in discover(skip_prefixes=("api/", "admin/"))
        if not page.name.startswith("admin:")
    ]


def filter_queries(site) -> list[dict[str, str]]:
    """One query per filter value: every choice, real codes from the demo, and bad values."""
    enterprise = Enterprise.objects.exclude(park=None).select_related("category").first()
    region, category = enterprise.region, enterprise.category
    samples = {
        "q": ["文化", "s", "Animation", "动漫 公司", '"unterminated', "*"],
        "province": [enterprise.province_code],
        "prefecture": [enterprise.prefecture_code],
        "county": [region.code],
        "major": [category.code[:2]],
        "mid": [category.code[:3]],
        "small": [category.code],
        "park": [str(enterprise.park_id)],
        "page": ["2", "9999"],
    }
    queries = []
    for name, field in [*FilterForm.base_fields.items(), ("page", None)]:
        values = list(samples.get(name, []))
        values += [str(v) for v, _label in getattr(field, "choices", []) if v]
        values += BAD_FILTER_VALUES
        queries += [{name: value} for value in values]
    # All at once, as a visitor narrows a list step by step.
    queries.append({key: values[0] for key, values in samples.items() if key != "page"})
    return queries


def crawl_pages(crawler: Crawler, site, language: str, *, fragments: bool = True) -> None:
    """GET every page and, with `fragments`, its htmx fragment; POST to it with no data."""
    with translation.override(language):
        for page in site_pages():
            for kwargs in page_kwargs(page, site):
                url = reverse(page.name, kwargs=kwargs)
                crawler.request("get", url)
                if fragments:
                    crawler.request("get", url, headers={"HX-Request": "true"})
                    _check_vary(crawler, url)
                    crawler.request("post", url, data={})


def _check_vary(crawler: Crawler, url: str) -> None:
    """An HTML answer to htmx must tell caches that it differs from the page at that address."""
    headers = crawler.headers
    if headers.get("Content-Type", "").startswith("text/html"):
        vary = {v.strip().lower() for v in headers.get("Vary", "").split(",")}
        if "hx-request" not in vary:
            crawler.failures.append(f"{crawler.role}: GET {url} (htmx) has no Vary: HX-Request")


def crawl_filters(crawler: Crawler, site, language: str) -> None:
    """Every list with each filter value, and the enterprise export with each of them."""
    queries = filter_queries(site)
    with translation.override(language):
        for kind in KINDS:
            url = reverse("directory:list", args=[kind])
            for query in queries:
                crawler.request("get", url, data=query, headers={"HX-Request": "true"})
        export = reverse("directory:export", args=["enterprise", "csv"])
        for query in queries:
            crawler.request("get", export, data=query)


def login(role: str, site) -> Client:
    client = Client(raise_request_exception=True)
    if site.users[role] is not None:
        client.force_login(site.users[role])
    return client


@pytest.fixture(autouse=True)
def templates_raise(settings):
    raising_templates(settings)


@pytest.mark.parametrize("role", list(LANGUAGES))
def test_no_page_fails(site, role):
    crawler = Crawler(login(role, site), role)
    crawl_pages(crawler, site, LANGUAGES[role])
    if role in ("visitor", "staff"):
        crawl_filters(crawler, site, LANGUAGES[role])
    failures = crawler.failures
    assert not failures, report(failures)


def test_no_page_fails_in_any_language(site):
    crawler = Crawler(login("visitor", site), "visitor")
    for language in ALL_LANGUAGES:
        if language != LANGUAGES["visitor"]:
            crawl_pages(crawler, site, language, fragments=False)
    failures = crawler.failures
    assert not failures, report(failures)


def test_the_forms_accept_what_users_send(site):
    """The writes a page offers, sent as the page would send them, by whom it offers them to."""
    rep, manager = site.users["enterprise rep"], site.users["park manager"]
    own = Enterprise.objects.filter(organisation=rep.organisation).first()
    tenant = Enterprise.objects.filter(status="published").exclude(pk=own.pk).first()
    park = Park.objects.filter(organisation=manager.organisation).first()
    pending = Enterprise.objects.filter(status="pending", prefecture_code="320200").first()
    posts = [
        (
            "enterprise rep",
            reverse("directory:edit", args=["enterprise", own.pk]),
            {
                "name_zh_hans": own.name_zh_hans,
                "name_en": own.name_en,
                "region_code": own.region_id,
                "category_code": own.category_id,
            },
        ),
        (
            "staff",
            reverse("directory:create", args=["enterprise"]),
            {
                "name_zh_hans": "爬虫测试文化有限公司",
                "name_en": "Crawl Culture Ltd",
                "region_code": "320211",
                "category_code": "0241",
            },
        ),
        (
            "park manager",
            reverse("directory:park-tenants", args=[park.pk]),
            {"enterprise": tenant.pk, "present": "1"},
        ),
        (
            "staff",
            reverse("directory:validate", args=["enterprise", pending.pk]),
            {"approve": "0", "reason": "Bitte ergänzen"},
        ),
        (
            "staff",
            reverse("directory:change-decide", args=[site.ids["change"][0]]),
            {"approve": "1"},
        ),
        (
            "national staff",
            reverse("directory:membership-action", args=[site.ids["membership"][0]]),
            {"action": "renew"},
        ),
        ("visitor", reverse("set_language"), {"language": "fr", "next": "/enterprise/?q=s"}),
        *_engine_posts(site),
    ]
    failures = []
    for role, url, data in posts:
        crawler = Crawler(login(role, site), role)
        crawler.request("post", url, data=data, expect=302)
        failures += crawler.failures
    assert not failures, report(failures)


def _engine_posts(site) -> list[tuple[str, str, dict]]:
    """The application engine's forms: the rep saves their draft, staff start a screening."""
    from wenchuang.core.transitions import version_of
    from wenchuang.workflows.models import Application

    draft = Application.objects.get(pk=site.ids["application"][0])
    submitted = Application.objects.filter(stage="submitted", prefecture_code="320200").first()
    return [
        (
            "enterprise rep",
            reverse("workflows:application-edit", args=[draft.pk]),
            {"version": version_of(draft), "summary": "原创动画", "details-title": draft.title},
        ),
        (
            "staff",
            reverse("workflows:application-move", args=[submitted.pk]),
            {"target": "screening", "version": version_of(submitted)},
        ),
        (
            "enterprise rep",
            reverse("workflows:call-apply", args=[draft.call_id]),
            {"organisation": draft.applicant_id, "title": "第二个项目"},
        ),
    ]


def test_the_admin_opens_for_every_model(site):
    crawler = Crawler(login("visitor", site), "superuser")
    crawler.client.force_login(site.superuser)
    crawler.request("get", reverse("admin:index"), expect=200)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        crawler.request("get", reverse(f"{base}_changelist"), expect=200)
        crawler.request("get", reverse(f"{base}_changelist"), data={"q": "文化"})
        if model_admin.has_add_permission(_request(site.superuser)):
            crawler.request("get", reverse(f"{base}_add"), expect=200)
        obj = model._default_manager.order_by("pk").last()
        if obj is not None:
            for view in ("change", "history", "delete"):
                crawler.request("get", reverse(f"{base}_{view}", args=[obj.pk]))
    failures = crawler.failures
    assert not failures, report(failures)


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def test_every_page_is_crawled(site):
    """A page added to the URL map is crawled, or this test says what the crawl lacks."""
    crawler = Crawler(login("staff", site), "staff")
    for page in site_pages():
        for kwargs in page_kwargs(page, site):
            with translation.override("en"):
                crawler.request("get", reverse(page.name, kwargs=kwargs))
    missing = {page.name for page in site_pages()} - crawler.visited
    assert not missing, f"pages the crawl never requested: {sorted(missing)}"
