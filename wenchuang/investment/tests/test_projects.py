"""Projects: owners write drafts, staff approve before the public sees them; bad input refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from wenchuang.investment import services
from wenchuang.investment.models import Project

from .factories import ProjectFactory, category

pytestmark = pytest.mark.django_db

DRAFT = {
    "title_zh_hans": "老厂房改造文创园",
    "title_en": "Old factory turned creative park",
    "pitch_zh_hans": "把上世纪的纺织厂改造成文化创意园区。",
    "category": "industrial-heritage",
    "region": "320211",
    "amount": "30000000",
    "currency": "CNY",
    "investment_type": "joint_venture",
    "stage": "planning",
}


@pytest.fixture
def acme_draft(cast, orgs):
    category("industrial-heritage")
    return services.project_create(by=cast["rep"], owner=orgs["acme"], data=dict(DRAFT))


def test_owner_creates_a_draft_that_the_public_does_not_see(client, acme_draft):
    assert acme_draft.status == "draft"
    assert acme_draft.sought.format("en") == "CN¥30,000,000.00"
    assert client.get(acme_draft.get_absolute_url()).status_code == 403
    assert "Old factory" not in client.get(reverse("investment:projects")).content.decode()


def test_submitted_project_is_published_by_staff_over_its_region(client, cast, acme_draft):
    services.project_move(project=acme_draft, target="submitted", by=cast["rep"])
    with pytest.raises(PermissionDenied, match="outside your jurisdiction"):
        services.project_move(project=acme_draft, target="published", by=cast["dalian_staff"])
    services.project_move(project=acme_draft, target="published", by=cast["wuxi_staff"])
    page = client.get(reverse("investment:projects")).content.decode()
    assert "Old factory turned creative park" in page


def test_owner_cannot_publish_their_own_project(cast, acme_draft):
    services.project_move(project=acme_draft, target="submitted", by=cast["rep"])
    with pytest.raises(PermissionDenied):
        services.project_move(project=acme_draft, target="published", by=cast["rep"])


def test_staff_queue_lists_submitted_projects_of_their_jurisdiction(client, cast, acme_draft):
    services.project_move(project=acme_draft, target="submitted", by=cast["rep"])
    client.force_login(cast["wuxi_staff"])
    assert "Old factory" in client.get(reverse("investment:approvals")).content.decode()
    client.force_login(cast["dalian_staff"])
    assert "Old factory" not in client.get(reverse("investment:approvals")).content.decode()


def test_an_amount_without_a_currency_is_refused_with_a_message(cast, orgs):
    category("industrial-heritage")
    with pytest.raises(ValidationError) as error:
        services.project_create(by=cast["rep"], owner=orgs["acme"], data={**DRAFT, "currency": ""})
    assert "currency" in error.value.message_dict
    assert not Project.objects.exists()


def test_the_form_says_which_code_is_unknown(client, cast, orgs):
    category("industrial-heritage")
    client.force_login(cast["rep"])
    response = client.post(
        reverse("investment:project-create"), {**DRAFT, "region": "999999", "currency": "CNY"}
    )
    assert response.status_code == 422
    assert "Unknown code “999999”" in response.content.decode()
    response = client.post(reverse("investment:project-create"), {**DRAFT, "currency": ""})
    assert "Give the currency of the amount" in response.content.decode()
    assert not Project.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_refused(client, cast, acme_draft):
    client.force_login(cast["rep"])
    fake = SimpleUploadedFile(
        "business-plan.pdf", b"MZ\x90\x00 this is a program", "application/pdf"
    )
    response = client.post(
        reverse("investment:project-attach", args=[acme_draft.pk]), {"document": fake}, follow=True
    )
    assert response.status_code == 200
    assert "not" in response.content.decode().lower()
    from wenchuang.core.files import files_of

    assert not files_of(acme_draft).exists()


def test_a_real_pdf_is_attached(client, cast, acme_draft):
    client.force_login(cast["rep"])
    pdf = SimpleUploadedFile(
        "plan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    )
    client.post(reverse("investment:project-attach", args=[acme_draft.pk]), {"document": pdf})
    page = client.get(acme_draft.get_absolute_url()).content.decode()
    assert "plan.pdf" in page


def test_only_the_owner_edits_and_only_a_draft(client, cast, acme_draft):
    client.force_login(cast["rival_rep"])
    assert client.get(reverse("investment:project-edit", args=[acme_draft.pk])).status_code == 403
    services.project_move(project=acme_draft, target="submitted", by=cast["rep"])
    with pytest.raises(PermissionDenied, match="Only a draft"):
        services.project_update(project=acme_draft, by=cast["rep"], data={"title_en": "x"})


def test_search_finds_a_chinese_title_and_filters_by_category(client):
    ProjectFactory(
        title_zh_hans="大连老工业建筑改造", title_en="", category=category("industrial-heritage")
    )
    ProjectFactory(
        title_zh_hans="乡村农文旅融合项目",
        title_en="",
        category=category("agriculture-integration"),
    )
    page = client.get(reverse("investment:projects"), {"q": "工业"}).content.decode()
    assert "大连老工业建筑改造" in page and "乡村农文旅融合项目" not in page
    page = client.get(
        reverse("investment:projects"), {"category": "agriculture-integration"}
    ).content.decode()
    assert "乡村农文旅融合项目" in page and "大连老工业建筑改造" not in page


def test_bad_filter_values_are_ignored_not_errors(client):
    ProjectFactory()
    for query in ({"category": "nope"}, {"province": "abc"}, {"page": "9999"}, {"q": '"'}):
        assert client.get(reverse("investment:projects"), query).status_code == 200


def test_project_page_shows_the_amount_in_the_readers_language(client):
    project = ProjectFactory(amount=Decimal("5000000"), currency_id="EUR")
    with translation.override("fr"):
        page = client.get(project.get_absolute_url()).content.decode()
    assert "5\u202f000\u202f000,00\xa0€" in page
