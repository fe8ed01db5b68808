"""The application engine in a real browser: a representative completes and submits the demo
draft in Chinese; Wuxi's centre staff find it in the call's list and start the screening
in English. Run with `pytest tests/e2e` (Debian's chromium, see conftest.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from wenchuang.directory.demo import DEMO_PASSWORD, generate
from wenchuang.workflows.demo import FUND_CODE
from wenchuang.workflows.models import Application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def demo(reference_data):
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        generate(enterprises=40, seed=3, progress=False)
        yield


def sign_in(page, username: str, prefix: str = "") -> None:
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_representative_submits_and_staff_start_the_screening(page, demo):
    draft = Application.objects.get(
        call__programme__code=FUND_CODE, created_by__username="rep_lingdong"
    )
    sign_in(page, "rep_lingdong")
    page.goto("/calls/")
    page.locator("main").get_by_role("link", name=str(draft.call.title_zh_hans)).click()
    page.locator(f'main a[href="/applications/{draft.pk}/"]').click()
    assert "草稿" in page.locator(".facts").first.inner_text()
    page.locator(".page-head").get_by_role("link", name="编辑").click()
    page.locator("#id_summary").fill("以太湖传说为题材的原创动画系列，共52集。")
    # Whatever files the call's form asks for (the fund's form wants a business plan).
    for upload in page.locator("main input[type=file]").all():
        upload.set_input_files(
            files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
    page.locator("button[name=then][value=preview]").click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/preview/"))
    assert "共52集" in page.locator("main").inner_text()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path == f"/applications/{draft.pk}/")
    assert "已提交" in page.locator(".facts").first.inner_text()

    page.context.clear_cookies()
    sign_in(page, "staff_wuxi", "/en")
    page.goto(f"/en/calls/{draft.call_id}/applications/?stage=submitted")
    page.locator(f'#application-rows a[href="/en/applications/{draft.pk}/"]').click()
    page.get_by_role("button", name="Start screening").click()
    page.wait_for_url(lambda url: urlsplit(url).path == f"/en/applications/{draft.pk}/")
    assert "eligibility screening" in page.locator(".facts").first.inner_text()
    draft.refresh_from_db()
    assert draft.stage == "screening"
