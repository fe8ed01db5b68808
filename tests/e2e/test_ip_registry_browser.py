"""A creator registers a picture in a real browser and downloads the certificate, which then
verifies offline against the published tree head."""

from __future__ import annotations

import io
import json
from urllib.parse import urlsplit

import pypdf
import pytest
from django.core.management import call_command

from wenchuang.accounts.tests.factories import PASSWORD
from wenchuang.ip_registry import artwork
from wenchuang.ip_registry.models import Work

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, username: str, prefix: str) -> None:
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_creator_registers_an_image_and_downloads_the_certificate(
    page, live_server, reference_data, cast, tmp_path
):
    from wenchuang.ip_registry.models import LogLock

    LogLock.objects.get_or_create(pk=1)
    picture = tmp_path / "taihu.png"
    picture.write_bytes(artwork.picture_bytes(77))
    sign_in(page, cast["public"].username, "/en")
    page.goto("/en/works/")
    page.get_by_role("link", name="Register a work").click()
    page.locator("#id_title").fill("Taihu at dawn")
    page.locator("#id_language").select_option("en")
    page.locator("#id_kind").select_option("image")
    page.locator("#id_authors").fill("Wang Xiaoming\nLi Hua")
    page.locator("#id_created_on").fill("2026-04-12")
    page.locator("#id_upload").set_input_files(str(picture))
    page.get_by_role("button", name="Register").click()
    work = Work.objects.get()
    page.wait_for_url(lambda url: urlsplit(url).path == f"/en/works/{work.pk}/")
    assert "Registered as entry 0 of the log." in page.locator("main").inner_text()
    assert work.content_sha256 in page.locator("main").inner_text()

    with page.expect_download() as pdf_download:
        page.locator("#certificate-pdf").click()
    pdf = pdf_download.value.path().read_bytes()
    text = " ".join(
        " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "Certificate of registration of an original work" in text
    assert "Taihu at dawn" in text

    with page.expect_download() as json_download:
        page.get_by_role("link", name="Certificate (JSON, for verification)").click()
    certificate = tmp_path / "certificate.json"
    certificate.write_bytes(json_download.value.path().read_bytes())
    head = page.request.get("/en/works/log/tree-head.json").json()
    (tmp_path / "head.json").write_text(json.dumps(head))
    out = io.StringIO()
    call_command(
        "verify_work",
        str(certificate),
        "--tree-head",
        str(tmp_path / "head.json"),
        "--file",
        str(picture),
        stdout=out,
    )
    assert "the registration is in the log" in out.getvalue()
