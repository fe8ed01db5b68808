"""A cloud conference end to end in a real browser, through the pages only: an investor
registers (in English) and the organiser approves; the investor asks a project owner for a
meeting and the owner accepts (in Chinese); both give their availability; the organiser runs
the scheduler; both see the meeting in their agenda, each in their language; an agreement is
signed at the event and the event report lists it with its value.

The agreement is recorded in the investment pipeline (investment's signing source feeds the
event report)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest

from wenchuang.accounts.tests.factories import PASSWORD

from .conftest import TIMEOUT_MS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def tab(browser, live_server, locale: str):
    context = browser.new_context(base_url=live_server.url, locale=locale)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in urlsplit(url).path)


def test_a_cloud_conference_end_to_end(browser, live_server, reference_data, cast, orgs):
    from wenchuang.directory.tests.factories import InvestorFactory
    from wenchuang.events.models import Meeting, Registration
    from wenchuang.events.tests.factories import (
        OPENS,
        EventFactory,
        MeetingSlotFactory,
        MeetingTableFactory,
        RegistrationFactory,
    )
    from wenchuang.investment.models import Agreement
    from wenchuang.investment.services import lead_create, lead_move
    from wenchuang.investment.tests.factories import ProjectFactory

    event = EventFactory(organiser=orgs["wuxi_centre"])
    for n in range(2):
        MeetingSlotFactory(event=event, starts_at=OPENS + dt.timedelta(minutes=30 * n))
    MeetingTableFactory(event=event, name="云会议室 1", online_link="https://meet.example.org/1")
    owner = RegistrationFactory(event=event, user=cast["rep"], display_name="灵动动画")
    # The project the two talk about, and the lead staff follow in the investment pipeline.
    project = ProjectFactory(owner=orgs["acme"])
    lead = lead_create(project=project, investor=InvestorFactory(), by=cast["wuxi_staff"])
    for stage in ("contacted", "negotiating"):
        lead = lead_move(lead=lead, target=stage, by=cast["wuxi_staff"])
    base = f"/events/{event.pk}"  # Chinese, the site's default language
    en = f"/en{base}"

    # 1. The investor registers, in English, from Berlin.
    investor_tab = tab(browser, live_server, "en-US")
    sign_in(investor_tab, cast["investor"])
    investor_tab.goto(f"{en}/register/")
    investor_tab.get_by_label("I take part as").select_option("investor")
    investor_tab.get_by_label("name shown to participants").fill("Rhein Kultur Ventures")
    investor_tab.get_by_label("country (ISO 3166)").fill("DE")
    investor_tab.get_by_label("my time zone").fill("Europe/Berlin")
    investor_tab.locator("main form button[type=submit]").click()
    investor_tab.get_by_text("the organiser will approve your registration").wait_for()

    # 2. The organiser approves.
    staff_tab = tab(browser, live_server, "en-US")
    sign_in(staff_tab, cast["wuxi_staff"])
    staff_tab.goto(f"{en}/registrations/?status=pending")
    staff_tab.get_by_role("button", name="Approve").click()
    staff_tab.wait_for_url(f"**{en}/registrations/")
    assert Registration.objects.get(user=cast["investor"]).status == "approved"

    # 3. The investor gives availability and asks the project owner for a meeting.
    investor_tab.goto(f"{en}/availability/")
    for box in investor_tab.locator("input[name=slots]").all():
        box.check()
    investor_tab.get_by_role("button", name="Save").click()
    investor_tab.get_by_text("Your availability is saved.").wait_for()
    investor_tab.goto(f"{en}/participants/")
    card = investor_tab.locator(f"#participant-{owner.pk}")
    card.get_by_label("Message").fill("VR for museums: may we talk?")
    card.get_by_role("button", name="Request a meeting").click()
    investor_tab.get_by_text("Your meeting request is sent.").wait_for()

    # 4. The project owner, in Chinese, accepts and gives availability.
    owner_tab = tab(browser, live_server, "zh-CN")
    sign_in(owner_tab, cast["rep"])
    owner_tab.goto(f"{base}/meetings/")
    owner_tab.get_by_text("Rhein Kultur Ventures").wait_for()
    owner_tab.locator("button[value=accept]").click()
    owner_tab.goto(f"{base}/availability/")
    owner_tab.locator("input[name=slots]").last.check()
    owner_tab.get_by_role("button", name="保存").click()
    owner_tab.get_by_text("您的可洽谈时段已保存。").wait_for()

    # 5. The organiser runs the scheduler.
    staff_tab.goto(f"{en}/schedule/")
    staff_tab.get_by_role("button", name="Run the scheduler").click()
    staff_tab.get_by_text("1 of 1 accepted requests placed").wait_for()
    meeting = Meeting.objects.get()
    assert meeting.slot.starts_at == OPENS + dt.timedelta(minutes=30)

    # 6. Both see the meeting in their agenda: the investor in English, in Berlin time
    #    (09:30 in Shanghai is 03:30 in Berlin), the owner in Chinese.
    investor_tab.goto(f"{en}/agenda/")
    investor_tab.get_by_text("Meeting with 灵动动画").wait_for()
    assert "Europe/Berlin" in investor_tab.locator("table.agenda").inner_text()
    assert "3:30" in investor_tab.locator("table.agenda").inner_text()
    owner_tab.goto(f"{base}/agenda/")
    owner_tab.get_by_text("与Rhein Kultur Ventures会谈").wait_for()
    assert "云会议室 1" in owner_tab.locator("table.agenda").inner_text()

    # 7. An agreement is signed at the event: staff record it on the lead in the investment
    #    pipeline, naming the event; the event report lists it with its value.
    staff_tab.goto(f"/en/investment/leads/{lead.pk}/")
    form = staff_tab.locator(f"form[action$='/investment/leads/{lead.pk}/agreement/']")
    form.locator("[name=title]").fill("VR 博物馆合作协议")
    form.locator("[name=parties]").fill("Rhein Kultur Ventures\n灵动动画")
    form.locator("[name=signed_on]").fill("2027-04-20")
    form.locator("[name=value]").fill("8000000")
    form.locator("[name=currency]").fill("EUR")
    form.locator("[name=event]").fill(str(event.pk))
    form.locator("button[type=submit]").click()
    staff_tab.get_by_text("The agreement was recorded.").wait_for()
    assert Agreement.objects.get().event_id == event.pk
    staff_tab.goto(f"{en}/report/")
    signings = staff_tab.locator("table.signings")
    signings.get_by_text("VR 博物馆合作协议").wait_for()
    assert "8,000,000" in signings.inner_text()
    assert "Germany" in staff_tab.locator("main").text_content()  # the chart's table
