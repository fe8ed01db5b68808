"""The registry in the JSON API, with the pages' permissions (role × action)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from wenchuang.accounts.services import api_token_create
from wenchuang.ip_registry import artwork
from wenchuang.ip_registry.models import Work

from .factories import WorkFactory

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='test')[1]}"}


def fields(seed=8, **changes):
    data = {
        "title": "Grand Canal at Dusk",
        "language": "en",
        "kind": "image",
        "authors": "Li Hua",
        "created_on": "2026-02-01",
        "file": SimpleUploadedFile("canal.png", artwork.picture_bytes(seed)),
    }
    data.update(changes)
    return data


def test_a_creator_registers_through_the_api_and_a_copy_is_flagged(client, cast):
    first = client.post("/api/v1/works", fields(), **bearer(cast["rep"]))
    assert first.status_code == 201, first.content
    assert first.json()["work"]["log_index"] == 0
    copy = artwork.encode(artwork.cropped(artwork.picture(8)), "JPEG", quality=50)
    second = client.post(
        "/api/v1/works",
        fields(title="Not my canal", file=SimpleUploadedFile("c.jpg", copy)),
        **bearer(cast["rival_rep"]),
    )
    assert second.status_code == 201
    (flagged,) = second.json()["likely_copies"]
    assert flagged["work"]["id"] == first.json()["work"]["id"]
    assert flagged["distance"] <= 12


def test_a_visitor_cannot_register(client, cast):
    assert client.post("/api/v1/works", fields()).status_code == 401
    assert not Work.objects.exists()


def test_nobody_registers_for_an_organisation_they_do_not_act_for(client, cast, orgs):
    response = client.post(
        "/api/v1/works", fields(organisation=orgs["acme"].pk), **bearer(cast["rival_rep"])
    )
    assert response.status_code == 403
    ok = client.post("/api/v1/works", fields(organisation=orgs["acme"].pk), **bearer(cast["rep"]))
    assert ok.status_code == 201
    assert ok.json()["work"]["holder"] == "Acme Animation"


def test_a_file_that_is_not_an_image_is_a_422_naming_the_field(client, cast):
    response = client.post(
        "/api/v1/works",
        fields(file=SimpleUploadedFile("x.png", b"GIF89a" + b"\x00" * 10)),
        **bearer(cast["rep"]),
    )
    assert response.status_code == 422
    assert "upload" in json.dumps(response.json())
    assert not Work.objects.exists()


def test_a_future_creation_date_is_refused(client, cast):
    response = client.post("/api/v1/works", fields(created_on="2999-01-01"), **bearer(cast["rep"]))
    assert response.status_code == 422


def test_the_register_and_certificates_are_public(client, cast, tmp_path):
    work = WorkFactory(owner=cast["rep"], title="运河人家")
    listing = client.get("/api/v1/works", {"q": "运河"}).json()
    assert [row["id"] for row in listing["results"]] == [work.pk]
    cert = client.get(f"/api/v1/works/{work.pk}/certificate").json()
    head = client.get("/api/v1/works/log/tree-head").json()
    assert head["public_key"] == client.get("/api/v1/works/log/public-key").json()["public_key"]
    (tmp_path / "c.json").write_text(json.dumps(cert))
    (tmp_path / "h.json").write_text(json.dumps(head))
    call_command("verify_work", str(tmp_path / "c.json"), "--tree-head", str(tmp_path / "h.json"))


def test_the_similarity_check_needs_a_signed_in_user_and_answers_nearest_first(client, cast):
    work = WorkFactory(owner=cast["rep"], seed=21)
    WorkFactory(owner=cast["rep"], seed=22)
    rotated = artwork.encode(artwork.rotated(artwork.picture(21)))
    upload = {"file": SimpleUploadedFile("r.png", rotated)}
    assert client.post("/api/v1/works/similar", upload).status_code == 401
    upload = {"file": SimpleUploadedFile("r.png", rotated)}
    found = client.post("/api/v1/works/similar", upload, **bearer(cast["investor"])).json()
    assert [row["work"]["id"] for row in found] == [work.pk]
    bad = client.post(
        "/api/v1/works/similar",
        {"file": SimpleUploadedFile("e.png", b"")},
        **bearer(cast["investor"]),
    )
    assert bad.status_code == 422


@pytest.mark.parametrize(
    ("who", "may_register", "may_read_file"),
    [
        ("public", True, False),
        ("rep", True, True),  # the holder
        ("rival_rep", True, False),
        ("investor", True, False),
        ("expert", True, False),
        ("wuxi_staff", True, True),
        ("national_staff", True, True),
        ("district", True, False),
    ],
)
def test_role_by_action(client, cast, who, may_register, may_read_file):
    from django.urls import reverse

    work = WorkFactory(owner=cast["rep"], seed=31)
    client.force_login(cast[who])
    assert (client.get(reverse("ip_registry:register")).status_code == 200) is may_register
    assert client.get(work.get_absolute_url()).status_code == 200
    file_status = client.get(reverse("core:file", args=[work.file.pk])).status_code
    assert (file_status == 200) is may_read_file
    certificate = client.get(reverse("ip_registry:certificate-json", args=[work.pk]))
    assert certificate.status_code == 200
