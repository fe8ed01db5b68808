"""Every API operation in /api/openapi.json, on the demo's records of every kind, by every role.

Paths and methods come from the OpenAPI document, so a new operation is crawled as soon as it
is published. Reads are sent with every query parameter the operation declares; writes with
a small valid body built from the operation's schema. Staff must get their writes accepted.
"""

from __future__ import annotations

import pytest
from django.test import Client

from wenchuang.directory.models import Enterprise, Park
from wenchuang.directory.selectors import KINDS

from .crawler import Crawler, report

ROLES = {
    "visitor": "zh-hans",
    "enterprise rep": "en",
    "park manager": "fr",
    "staff": "de",
    "reviewer": "zh-hans",
    "assessor": "en",
}
# Where a record is created and what it is: Binhu district (Wuxi), animation and games.
COUNTY, SMALL_CATEGORY = "320211", "0241"
BAD_QUERY_VALUES = ("99999999999999999999", "abc")


def openapi(client: Client) -> dict:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


# Paths of records that are not one of the directory's kinds: the site ids that fill them.
OTHER_ID_SOURCES = {
    "memberships": "membership",
    "designations": "designation",
    "assessments": "assessment",
    "calls": "call",
    "applications": "application",
    "awards": "award",
    "use-reports": "use_report",
    "reviews": "review_assignment",
    # A domain's resources under its own prefix: /api/v1/<domain>/<resources>/{id}.
    "cooperation/batches": "pairing_batch",
    "cooperation/pairings": "pairing",
    "statistics": "stat_return",
}


def kind_of_path(path: str) -> str | None:
    """The record kind an /api/v1/<kinds>/... path serves (None for reference data)."""
    segments = path.removeprefix("/api/v1/").split("/")
    segment = segments[0]
    kind = next((kind for kind in KINDS if f"{kind}s" == segment), None)
    return kind or OTHER_ID_SOURCES.get("/".join(segments[:2])) or OTHER_ID_SOURCES.get(segment)


def schema_of(schema: dict, document: dict) -> dict:
    """A schema with its $ref (and a single allOf / anyOf-with-null wrapper) followed."""
    if "$ref" in schema:
        target = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return schema_of(target, document)
    for key in ("allOf", "anyOf"):
        options = [s for s in schema.get(key, []) if s.get("type") != "null"]
        if options:
            return schema_of(options[0], document)
    return schema


def sample(name: str, schema: dict, document: dict):
    """A value a real client would send for this field."""
    schema = schema_of(schema, document)
    if name in ("region", "province", "prefecture", "county", "parent"):
        return COUNTY
    if name == "category":
        return SMALL_CATEGORY
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "integer":
        return 1
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    if name.startswith("name"):
        return "爬虫测试文化有限公司" if name.endswith("zh_hans") else "Crawl Culture Ltd"
    if name == "email":
        return "crawl@example.cn"
    return ""


def body_for(operation: dict, document: dict, *, create: bool) -> dict:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return {}
    schema = schema_of(content["schema"], document)
    properties = schema.get("properties", {})
    names = set(schema.get("required", []))
    names |= {n for n in properties if n in ("name_zh_hans", "name_en")}
    if create:
        names |= {n for n in properties if n in ("region", "category")}
    else:
        names |= {n for n in properties if n.startswith("description_en")}
    return {n: sample(n, properties[n], document) for n in names if n in properties}


def query_samples(document: dict, operation: dict) -> list[dict]:
    """Each declared query parameter alone: a real value, then values it must refuse."""
    enterprise = Enterprise.objects.exclude(park=None).first()
    real = {
        "q": "文化",
        "province": enterprise.province_code,
        "prefecture": enterprise.prefecture_code,
        "county": enterprise.region_id,
        "parent": enterprise.prefecture_code,
        "major": enterprise.category_id[:2],
        "mid": enterprise.category_id[:3],
        "small": enterprise.category_id,
        "park": enterprise.park_id,
        "level": "1",
        "page": 2,
        "page_size": 100,
    }
    queries = []
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query":
            continue
        name = parameter["name"]
        schema = schema_of(parameter["schema"], document)
        values = [real.get(name, sample(name, parameter["schema"], document))]
        values += schema.get("enum", [])
        values += BAD_QUERY_VALUES
        queries += [{name: value} for value in values]
    return queries


def record_ids(kind: str, site) -> list[int]:
    return site.records[kind] if kind in site.records else site.ids[kind]


def client_for(role: str, site) -> Client:
    headers = {"Accept-Language": ROLES[role]}
    if role in site.tokens:
        headers["Authorization"] = f"Bearer {site.tokens[role]}"
    return Client(raise_request_exception=True, headers=headers)


@pytest.mark.parametrize("role", list(ROLES))
def test_no_api_operation_fails(site, role):
    crawler = Crawler(client_for(role, site), role)
    document = openapi(crawler.client)
    for path, operations in document["paths"].items():
        kind = kind_of_path(path)
        if "{id}" in path:
            assert kind, f"the crawl does not know which records {path} takes"
            urls = [path.replace("{id}", str(pk)) for pk in record_ids(kind, site)]
        else:
            assert "{" not in path, f"the crawl cannot fill the parameters of {path}"
            urls = [path]
        for method, operation in operations.items():
            for url in urls:
                if method == "get":
                    crawler.request("get", url)
                    if url == urls[0]:
                        for query in query_samples(document, operation):
                            crawler.request("get", url, data=query)
                    continue
                body = body_for(operation, document, create=method == "post")
                accepted = {"post": 201, "patch": 200}.get(method)
                own_region = kind in KINDS and _in_wuxi(kind, url)
                crawler.request(
                    method,
                    url,
                    data=body,
                    content_type="application/json",
                    expect=accepted if role == "staff" and own_region else None,
                )
    failures = crawler.failures
    assert not failures, report(failures)


def _in_wuxi(kind: str, url: str) -> bool:
    """Whether Wuxi's staff may change the record at `url` (a new one is created in Wuxi)."""
    if kind not in KINDS:  # designations, assessments, reviews: written by their own people
        return False
    pk = url.rstrip("/").split("/")[-1]
    if not pk.isdigit():
        return True
    record = KINDS[kind].objects.get(pk=int(pk))
    return record.prefecture_code == "320200"


def test_the_crawl_covers_every_kind(site):
    """Each kind has records to crawl, parks with tenants among them, as the demo makes them."""
    assert all(site.records[kind] for kind in KINDS)
    assert Park.objects.filter(pk__in=site.records["park"], tenants__isnull=False).exists()
    # Special funds: awards at each stage, reports in each state, a round with decisions due.
    assert len(site.ids["award"]) >= 4 and len(site.ids["use_report"]) >= 3
    assert site.ids["fund_call"] and len(site.ids["fund_application"]) >= 3
