"""The engine's pages as applicants and staff use them: apply, edit, preview, submit, move."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from wenchuang.workflows.models import Application

from .factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def login(client, user):
    client.force_login(user)
    return client


def editor_data(page) -> dict:
    """What the call editor's form posts back unchanged, as a browser would send it."""
    data = {}
    for field in page.context["form"]:
        value = field.value()
        if isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, datetime.datetime):
            value = value.strftime("%Y-%m-%dT%H:%M")
        data[field.name] = "" if value is None else value
    data["version"] = page.context["version"]
    return data


def test_visitors_see_open_calls_with_their_deadline_in_beijing_time(client):
    closes = timezone.make_aware(datetime.datetime(2031, 3, 31, 17, 0))
    call = CallFactory(closes_at=closes)
    CallFactory(in_preparation=True, title_en="Secret call")
    page = client.get(reverse("workflows:calls")).content.decode()
    assert "2026 call for cultural industry projects" in page
    assert "Secret call" not in page
    detail = client.get(reverse("workflows:call-detail", args=[call.pk])).content.decode()
    assert "3/31/31, 5:00" in detail  # 17:00 in Asia/Shanghai, the reader's short style
    assert "Sign in to apply" in detail


def test_a_call_in_preparation_is_hidden_from_visitors(client):
    call = CallFactory(in_preparation=True)
    assert client.get(reverse("workflows:call-detail", args=[call.pk])).status_code == 404


def test_a_representative_applies_edits_previews_and_submits(client, cast):
    call = CallFactory()
    login(client, cast["rep"])
    response = client.post(
        reverse("workflows:call-apply", args=[call.pk]),
        {"organisation": cast["rep"].organisation_id, "title": "太湖传说"},
    )
    application = Application.objects.get(call=call)
    assert response.url == reverse("workflows:application-edit", args=[application.pk])
    edit = client.get(response.url)
    assert edit.status_code == 200
    version = edit.context["version"]
    saved = client.post(
        response.url,
        {
            "version": version,
            "summary": "以太湖传说为题材的原创动画。",
            "start": "2026-03-01",
            "plan": SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
            "details-title": "太湖传说",
            "then": "preview",
        },
    )
    assert saved.status_code == 302, saved.context and saved.context["form"].errors
    preview = client.get(saved.url).content.decode()
    assert "以太湖传说为题材的原创动画。" in preview and "plan.pdf" in preview
    application.refresh_from_db()
    client.post(
        reverse("workflows:application-submit", args=[application.pk]),
        {"version": preview.split('name="version" value="')[1].split('"')[0]},
    )
    application.refresh_from_db()
    assert application.stage == "submitted"
    mine = client.get(reverse("workflows:my-applications")).content.decode()
    assert "太湖传说" in mine and "submitted" in mine


def test_a_file_of_the_wrong_type_is_refused_by_content(client, cast):
    application = ApplicationFactory(applicant=cast["rep"].organisation)
    login(client, cast["rep"])
    url = reverse("workflows:application-edit", args=[application.pk])
    version = client.get(url).context["version"]
    page = client.post(
        url,
        {"version": version, "plan": SimpleUploadedFile("plan.pdf", b"MZ not a pdf at all")},
    )
    assert page.status_code == 200
    assert "not of an accepted type" in page.content.decode()


def test_a_stale_edit_page_says_who_changed_the_application(client, cast):
    application = ApplicationFactory(applicant=cast["rep"].organisation)
    login(client, cast["rep"])
    url = reverse("workflows:application-edit", args=[application.pk])
    version = client.get(url).context["version"]
    client.post(url, {"version": version, "details-title": "First"})
    page = client.post(url, {"version": version, "details-title": "Second"})
    assert "changed meanwhile by rep" in page.content.decode()
    application.refresh_from_db()
    assert application.title == "First"


def test_a_late_submit_shows_the_deadline(client, cast):
    call = CallFactory(closes_at=timezone.now() - datetime.timedelta(minutes=5))
    application = ApplicationFactory(call=call, applicant=cast["rep"].organisation)
    login(client, cast["rep"])
    page = client.post(
        reverse("workflows:application-submit", args=[application.pk]), follow=True
    ).content.decode()
    assert "closed at" in page and "(Beijing time)" in page


def test_staff_see_the_moves_they_may_make_as_buttons_and_make_one(client, cast):
    application = ApplicationFactory(submitted=True, applicant=cast["rep"].organisation)
    login(client, cast["wuxi_staff"])
    url = reverse("workflows:application-detail", args=[application.pk])
    page = client.get(url)
    labels = [str(m.label) for m in page.context["moves"]]
    assert labels == ["start screening"]
    client.post(
        reverse("workflows:application-move", args=[application.pk]),
        {"target": "screening", "version": page.context["version"]},
    )
    application.refresh_from_db()
    assert application.stage == "screening"


def test_the_applicant_sees_the_stage_in_their_language(client, cast):
    application = ApplicationFactory(more_info=True, applicant=cast["rep"].organisation)
    login(client, cast["rep"])
    with translation.override("zh-hans"):
        url = reverse("workflows:application-detail", args=[application.pk])
    page = client.get(url).content.decode()
    assert "待补充材料" in page and "请补充2025年度财务审计报告。" in page


def test_outsiders_cannot_read_an_application(client, cast):
    application = ApplicationFactory(submitted=True, applicant=cast["rep"].organisation)
    for outsider in ("rival_rep", "shandong_staff", "expert"):
        client.logout()
        login(client, cast[outsider])
        url = reverse("workflows:application-detail", args=[application.pk])
        assert client.get(url).status_code == 403


def test_staff_save_a_call_and_a_malformed_form_is_refused_naming_the_field(client, cast):
    call = CallFactory()
    login(client, cast["wuxi_staff"])
    url = reverse("workflows:call-edit", args=[call.pk])
    page = client.get(url)
    # The table as staff read it, beside its JSON.
    assert "start screening → eligibility screening (staff)" in page.content.decode()
    data = editor_data(page)
    data["form"] = data["form"].replace('"long_text"', '"long_txt"')
    refused = client.post(url, data)
    assert refused.status_code == 200, refused.context["form"].errors
    assert "project.summary.type: Unknown type long_txt" in refused.content.decode()
    data["form"] = "{not json"
    assert "Not valid JSON" in client.post(url, data).content.decode()
    data["form"] = json.dumps(call.form)
    data["title_en"] = "2026 call, revised"
    assert client.post(url, data).status_code == 302
    call.refresh_from_db()
    assert call.title_en == "2026 call, revised"


def test_the_staff_list_takes_the_same_queries_at_any_page_size(
    client, cast, django_assert_num_queries
):
    call = CallFactory()
    ApplicationFactory.create_batch(60, call=call, submitted=True)
    login(client, cast["wuxi_staff"])
    url = reverse("workflows:call-applications", args=[call.pk])
    client.get(url)  # the session and the user's affiliations are read once
    counts = []
    for size in (25, 50):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            page = client.get(url, {"size": size})
        assert len(page.context["page"].object_list) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[0]):
        client.get(url, {"size": 100})


def test_staff_outside_the_region_see_no_applications_of_the_call(client, cast):
    call = CallFactory()
    ApplicationFactory(call=call, submitted=True)
    login(client, cast["shandong_staff"])
    page = client.get(reverse("workflows:call-applications", args=[call.pk]))
    assert page.context["page"].paginator.count == 0


def test_the_applicant_adds_and_removes_a_co_applicant_by_its_name(client, cast, orgs):
    rival = orgs["rival"]
    application = ApplicationFactory(applicant=cast["rep"].organisation)
    login(client, cast["rep"])
    url = reverse("workflows:application-co-applicant", args=[application.pk])
    client.post(url, {"name": "Rival Design"})
    assert list(application.co_applicants.all()) == [rival]
    page = client.post(url, {"name": "Nobody Ltd"}, follow=True).content.decode()
    assert "No single organisation is registered under the name" in page
    client.post(url, {"remove": orgs["rival"].pk})
    assert not application.co_applicants.exists()
    # The co-applicant's people may read the application, not change it.
    application.co_applicants.add(orgs["rival"])
    client.force_login(cast["rival_rep"])
    detail = reverse("workflows:application-detail", args=[application.pk])
    assert client.get(detail).status_code == 200
    edit = reverse("workflows:application-edit", args=[application.pk])
    assert client.get(edit).status_code == 403


def test_staff_start_a_programme_of_a_registered_kind_in_their_region(client, cast):
    from wenchuang.workflows.defaults import standard_form, standard_stages
    from wenchuang.workflows.models import Programme
    from wenchuang.workflows.plugins import _KINDS, ProgrammeKind, register_kind

    saved = dict(_KINDS)
    register_kind(ProgrammeKind("fund", "special fund", standard_stages(), standard_form()))
    try:
        login(client, cast["wuxi_staff"])
        url = reverse("workflows:programme-create")
        data = {
            "kind": "fund",
            "code": "wuxi-film",
            "title_zh_hans": "无锡影视专项",
            "jurisdiction": "320200",
        }
        created = client.post(url, data)
        assert created.status_code == 302
        programme = Programme.objects.get(code="wuxi-film")
        assert programme.agency == cast["wuxi_staff"].organisation
        # Another province is not theirs to choose.
        refused = client.post(url, {**data, "code": "jiangsu-film", "jurisdiction": "370000"})
        assert refused.status_code == 200
        assert not Programme.objects.filter(code="jiangsu-film").exists()
        client.force_login(cast["rep"])
        assert client.get(url).status_code == 403
    finally:
        _KINDS.clear()
        _KINDS.update(saved)


def test_the_edit_page_shows_a_form_with_money_and_choices(client, cast):
    definition = {
        "sections": [
            {
                "key": "budget",
                "title": {"en": "Budget"},
                "fields": [
                    {"key": "total", "type": "money", "label": {"en": "Total"}},
                    {
                        "key": "kind",
                        "type": "multi_choice",
                        "label": {"en": "Kind"},
                        "choices": [{"value": "film", "label": {"en": "Film"}}],
                    },
                ],
            }
        ]
    }
    call = CallFactory(form=definition)
    application = ApplicationFactory(
        call=call,
        applicant=cast["rep"].organisation,
        answers={"total": {"amount": "1000.00", "currency": "CNY"}, "kind": ["film"]},
    )
    login(client, cast["rep"])
    page = client.get(reverse("workflows:application-edit", args=[application.pk]))
    assert page.status_code == 200
    assert 'value="1000.00"' in page.content.decode()


def test_the_call_editor_refuses_a_malformed_scoring_form_naming_the_criterion(client, cast):
    call = CallFactory()
    login(client, cast["wuxi_staff"])
    url = reverse("workflows:call-edit", args=[call.pk])
    page = client.get(url)
    data = editor_data(page)
    bad = {
        "criteria": [
            {"key": "merit", "label": {"en": "Merit"}, "weight": 3},
            {"key": "budget", "label": {"en": "Budget"}, "weight": -1},
        ]
    }
    data["review_form"] = json.dumps(bad)
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "criteria[1].weight" in refused.content.decode()
    call.refresh_from_db()
    assert call.review_form == {}
    # An empty scoring form still means the default one; a good one is kept.
    data["review_form"] = ""
    assert client.post(url, data).status_code == 302
    good = {"criteria": [{"key": "merit", "label": {"en": "Merit"}, "weight": 3}]}
    data["review_form"] = json.dumps(good)
    data["version"] = client.get(url).context["version"]
    assert client.post(url, data).status_code == 302
    call.refresh_from_db()
    assert call.review_form == good


def test_the_call_service_refuses_a_malformed_scoring_form(cast):
    from django.core.exceptions import ValidationError

    from wenchuang.workflows import services

    call = CallFactory()
    with pytest.raises(ValidationError) as refused:
        services.call_save(
            by=cast["wuxi_staff"],
            programme=call.programme,
            call=call,
            data={"review_form": {"criteria": [{"key": "Bad Key", "label": {"en": "x"}}]}},
        )
    assert any("criteria[0].key" in m for m in refused.value.message_dict["review_form"])


def test_the_staff_list_names_a_stage_the_call_has_since_dropped_by_the_applications_own_table(
    client, cast
):
    call = CallFactory()
    application = ApplicationFactory(call=call, submitted=True)
    own = application.stage_table
    own["stages"].append(
        {
            "key": "site_visit",
            "labels": {"zh-hans": "实地走访", "en": "Site visit", "fr": "Visite", "de": "Besuch"},
        }
    )
    Application.objects.filter(pk=application.pk).update(stage_table=own, stage="site_visit")
    login(client, cast["wuxi_staff"])
    with translation.override("en"):
        page = client.get(reverse("workflows:call-applications", args=[call.pk]))
    assert "Site visit" in page.content.decode()


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite's progress handler stops a statement at once; PostgreSQL's timer needs 1 ms",
)
def test_a_staff_search_past_the_time_limit_is_a_message_not_a_500(
    client, cast, settings, monkeypatch
):
    from wenchuang.core import timelimit

    call = CallFactory()
    ApplicationFactory.create_batch(3, call=call, submitted=True)
    login(client, cast["wuxi_staff"])
    settings.QUERY_TIME_LIMIT_MS = 1
    monkeypatch.setattr(timelimit, "PROGRESS_STEPS", 1)
    url = reverse("workflows:call-applications", args=[call.pk])
    with translation.override("en"):
        page = client.get(url, {"q": "文化"})
        fragment = client.get(url, {"q": "文化"}, headers={"HX-Request": "true"})
    assert page.status_code == 503 and "took too long" in page.content.decode()
    assert page["Retry-After"]
    assert fragment.status_code == 503 and "<html" not in fragment.content.decode()
