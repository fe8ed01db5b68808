"""The cluster-area designation end to end in a real browser, in Chinese, through the pages
only: a park's operator applies, staff screen it and send it to field assessment, the
entrusted institution's assessor submits (on a phone), staff send it through review to the
decision and approve, and the register shows the park as designated."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from wenchuang.accounts.tests.factories import PASSWORD
from wenchuang.designation.standard import GOOD_VALUES

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PARK_ZH = "无锡国家数字电影产业园"
PHONE = {"width": 390, "height": 844}


def tab(browser, live_server, *, phone: bool = False):
    """A fresh browser (own cookies) in Chinese, at desktop or phone width."""
    extra = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", **extra)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in urlsplit(url).path)


def test_a_park_is_designated_end_to_end_in_chinese(
    browser, live_server, reference_data, cast, orgs, directory
):
    from wenchuang.designation.models import Designation, FieldAssessment
    from wenchuang.designation.plugin import default_form, default_stages
    from wenchuang.designation.tests.factories import IndicatorSetFactory
    from wenchuang.workflows.models import Application
    from wenchuang.workflows.tests.factories import CallFactory

    IndicatorSetFactory()  # the 2026 indicators the round's field assessment names
    orgs["assessors"]  # the entrusted institution
    round_ = CallFactory(
        designation=True, stages=default_stages(), form=default_form(), reviewers_per_application=1
    )

    # 1. The park's operator applies for its park.
    manager = tab(browser, live_server)
    sign_in(manager, cast["park_manager"])
    manager.goto(f"/calls/{round_.pk}/")
    manager.get_by_label("项目名称").fill(f"{PARK_ZH}集聚区认定申请")
    manager.get_by_role("button", name="开始申报").click()
    manager.wait_for_url(re.compile(r"/applications/\d+/edit/$"))
    application = Application.objects.get(call=round_)
    manager.get_by_label("集聚区名称").fill(PARK_ZH)
    manager.get_by_label("占地面积（公顷）").fill("42")
    manager.get_by_label("运营管理机构").fill("无锡影视基地运营管理有限公司")
    manager.get_by_label("入驻文化企业数").fill("186")
    manager.get_by_label("主要指标说明").fill("入驻率92%，从业人员5,400人，公共服务平台12个。")
    manager.get_by_role("button", name="保存并预览").click()
    manager.wait_for_url(re.compile(r"/preview/$"))
    manager.get_by_role("button", name=re.compile("^提交")).click()
    manager.wait_for_url(re.compile(rf"/applications/{application.pk}/$"))
    application.refresh_from_db()
    assert application.stage == "submitted"

    # 2. Centre staff screen it and send it to field assessment: the institution is entrusted.
    desk = tab(browser, live_server)
    sign_in(desk, cast["wuxi_staff"])
    desk.goto(f"/calls/{round_.pk}/applications/")
    desk.get_by_role("link", name=re.compile(PARK_ZH)).click()
    desk.get_by_role("button", name="开始资格审查").click()
    desk.get_by_role("button", name="安排实地评估").click()
    desk.wait_for_url(re.compile(rf"/applications/{application.pk}/$"))
    application.refresh_from_db()
    assert application.stage == "field_assessment", desk.locator("main").inner_text()[:500]
    assessment = FieldAssessment.objects.get(application=application)
    assert assessment.assessor == orgs["assessors"]

    # 3. The assessor, on a phone, fills in the indicators and submits.
    assessor = tab(browser, live_server, phone=True)
    sign_in(assessor, cast["assessor"])
    assessor.goto("/designation/assessments/")
    assessor.get_by_role("link", name=PARK_ZH).first.click()
    assessor.wait_for_url(re.compile(rf"/designation/assessments/{assessment.pk}/$"))
    overflow = assessor.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the assessment form scrolls sideways by {overflow} px on a phone"
    for key, value in GOOD_VALUES.items():
        field = assessor.locator(f"#id_i_{key}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(str(value))
        else:
            field.fill(str(value))
    assessor.locator("#id_report").fill("园区运营规范，公共服务平台运转良好。")
    assessor.locator("button[name=submit]").click()
    assessor.get_by_text("评估已提交。").wait_for()
    application.refresh_from_db()
    assert application.stage == "expert_review"

    # 4. Staff send it for decision and approve: the park is designated.
    desk.goto(f"/applications/{application.pk}/")
    desk.get_by_role("button", name="提交决定").click()
    desk.get_by_role("button", name="批准", exact=True).click()
    desk.wait_for_url(re.compile(rf"/applications/{application.pk}/$"))
    designation = Designation.objects.get(park__name_zh_hans=PARK_ZH)
    assert designation.status == Designation.Status.DESIGNATED

    # 5. Anyone sees it in the register.
    visitor = tab(browser, live_server)
    visitor.goto("/designation/?status=designated")
    row = visitor.locator("main table tr", has_text=PARK_ZH)
    row.wait_for()
    assert "已认定" in row.inner_text()
    for page in (manager, desk, assessor, visitor):
        page.context.close()
