"""A new domain's router in a few lines: DomainRouter gives auth, paging and JSON errors."""

import pydantic
import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Status
from ninja.testing import TestClient

from wenchuang.accounts.models import Organisation
from wenchuang.accounts.services import api_token_create
from wenchuang.core.api import DomainRouter, WenchuangAPI
from wenchuang.core.api_pages import PageQuery, Row
from wenchuang.reference.models import Region


class RegionRow(Row):
    code: str
    name_en: str


class RegionQuery(PageQuery):
    parent: str = "320000"


def hello_api() -> WenchuangAPI:
    router = DomainRouter()

    @router.listing("/regions", RegionRow, operation_id="hello_list")
    def hello_list(request: HttpRequest, query: Query[RegionQuery]):
        return Region.objects.filter(parent_id=query.parent).order_by("code")

    @router.read("/regions/{code}", RegionRow, operation_id="hello_detail")
    def hello_detail(request: HttpRequest, code: str = Path(...)):
        return get_object_or_404(Region, code=code)

    @router.write("POST", "/regions", {201: RegionRow}, operation_id="hello_create")
    def hello_create(request: HttpRequest):
        if not request.auth.is_superuser:
            raise PermissionDenied("Only the national office adds regions.")
        return Status(201, Region.objects.get(code="320200"))

    api = WenchuangAPI(title="hello", urls_namespace="hello")
    api.add_router("/v1/", router)
    return api


def test_a_listing_pages_the_queryset_its_view_returns(reference_data):
    client = TestClient(hello_api())
    first = client.get("/v1/regions?page_size=5").json()
    jiangsu_prefectures = Region.objects.filter(parent_id="320000").count()
    assert first["count"] == jiangsu_prefectures and not first["count_capped"]
    assert [row["code"] for row in first["results"]] == [
        "320100",
        "320200",
        "320300",
        "320400",
        "320500",
    ]
    last = client.get("/v1/regions?page_size=5&page=3").json()
    assert last["count"] == jiangsu_prefectures
    assert client.get("/v1/regions?page_size=500").status_code == 422


def test_a_read_finds_or_answers_a_json_404(reference_data):
    client = TestClient(hello_api())
    assert client.get("/v1/regions/320200").json() == {"code": "320200", "name_en": "Wuxi"}
    missing = client.get("/v1/regions/999999")
    assert missing.status_code == 404 and missing.json()["detail"]


def test_a_write_needs_credentials_and_says_why_it_refuses(reference_data, cast):
    client = TestClient(hello_api())
    assert client.post("/v1/regions").status_code == 401
    _token, key = api_token_create(user=cast["wuxi_staff"], name="hello")
    refused = client.post("/v1/regions", headers={"Authorization": f"Bearer {key}"})
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Only the national office adds regions."}


def test_the_document_declares_the_errors_of_each_route(reference_data):
    spec = hello_api().get_openapi_schema(path_prefix="")
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            assert {401, 404, 422, 503} <= set(operation["responses"]), (method, path)


class BrokenOut(Row):
    id: int
    head_office: str  # organisations have no such attribute: the answer cannot be built


def test_a_write_whose_answer_cannot_be_built_saves_nothing(reference_data, cast):
    """A 500 after a saved change makes clients repeat the change: roll it back instead."""
    router = DomainRouter()

    @router.write("POST", "/organisations", {201: BrokenOut}, operation_id="broken_create")
    def broken_create(request: HttpRequest):
        return Status(201, Organisation.objects.create(kind="enterprise", name_en="Twice Ltd"))

    api = WenchuangAPI(title="broken", urls_namespace="broken")
    api.add_router("/v1/", router)
    _token, key = api_token_create(user=cast["wuxi_staff"], name="broken")
    with pytest.raises(pydantic.ValidationError):
        TestClient(api).post("/v1/organisations", headers={"Authorization": f"Bearer {key}"})
    assert not Organisation.objects.filter(name_en="Twice Ltd").exists()
