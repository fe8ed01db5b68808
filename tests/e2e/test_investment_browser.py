"""Investment matchmaking in a real browser: staff run it in Chinese and watch it finish; an
investor reads in English why a Chinese project suits them and declines one."""

from __future__ import annotations

import pytest

from wenchuang.investment.models import MatchFeedback
from wenchuang.investment.tests.factories import ProfileFactory, ProjectFactory, category

from .conftest import TIMEOUT_MS
from .test_designation_browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_run_the_matchmaking_and_an_investor_declines_a_project(
    browser, live_server, page, reference_data, cast, orgs
):
    vr = ProjectFactory(
        title_zh_hans="博物馆虚拟现实体验",
        title_en="",
        pitch_zh_hans="为博物馆开发虚拟现实沉浸式体验，让游客在数字空间里参观文物。",
    )
    ProjectFactory(
        title_zh_hans="生态茶园农旅融合",
        title_en="",
        pitch_zh_hans="在山区茶园发展农业体验旅游，建设采摘园和农家乐。",
        category=category("agriculture-integration"),
    )
    investor_user = cast["investor"]
    profile = ProfileFactory(investor__organisation=orgs["fund"], wants=["vr-applications"])

    # Centre staff, in Chinese (the site's default language).
    sign_in(page, cast["wuxi_staff"].username, "")
    page.goto("/investment/matching/")
    # The run happens in the request here (tests run tasks at once): loading the model and
    # embedding takes a while on a busy machine, hence the longer wait.
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name="运行匹配").click()
    assert "已完成" in page.locator("#run-progress").inner_text()
    assert "博物馆虚拟现实体验" in page.locator("main table").inner_text()

    # The investor, in English, in their own browser.
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    reader = context.new_page()
    sign_in(reader, investor_user.username, "/en")
    reader.goto(f"/en/investment/investors/{profile.pk}/matches/")
    first = reader.locator("main table.matches tbody tr").first
    assert "博物馆虚拟现实体验" in first.inner_text()
    why = first.locator("td.why").inner_text()
    assert why.startswith("same category") and "both about" in why
    first.get_by_role("button", name="Not interested").click()
    reader.wait_for_url(f"**/en/investment/investors/{profile.pk}/matches/")
    assert "next matching run" in reader.locator("main").inner_text()
    assert MatchFeedback.objects.get(profile=profile, project=vr).interested is False
    context.close()
