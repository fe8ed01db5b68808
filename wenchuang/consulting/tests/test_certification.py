"""Certification: applying with documents, staff decisions, the directory flag, the register,
expiry and its reminders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wenchuang.consulting import services
from wenchuang.consulting.models import Certification
from wenchuang.core.files import files_of
from wenchuang.directory.models import ServiceProvider
from wenchuang.directory.tests.factories import ServiceProviderFactory

from .factories import certified_provider, licence

pytestmark = pytest.mark.django_db


@pytest.fixture
def taihu(orgs):
    return ServiceProviderFactory(legal=True, organisation=orgs["lawyers"], region_id="320211")


def _apply(provider, by, **over):
    data = {
        "provider": provider,
        "by": by,
        "scopes": ["legal", "intermediary"],
        "regions_served": ["320200"],
        "staff_names": "张律师",
        "documents": [licence()],
    }
    return services.certification_apply(**{**data, **over})


def test_a_provider_applies_with_documents_and_staff_certify_it(cast, taihu):
    certification = _apply(taihu, cast["provider"])
    assert certification.status == "applied"
    assert [f.original_name for f in files_of(certification)] == ["营业执照.pdf"]
    assert not ServiceProvider.objects.get(pk=taihu.pk).certified

    services.certification_decide(
        certification=certification, target="certified", by=cast["wuxi_staff"]
    )
    certification.refresh_from_db()
    assert certification.status == "certified"
    assert certification.valid_from == timezone.localdate()
    assert certification.valid_until > timezone.localdate() + datetime.timedelta(days=700)
    assert ServiceProvider.objects.get(pk=taihu.pk).certified


def test_a_document_that_is_not_what_its_name_says_is_refused_and_nothing_is_saved(cast, taihu):
    fake = licence("执业许可证.pdf", b"MZ\x90\x00 this is a program, not a PDF" * 10)
    with pytest.raises(ValidationError) as refused:
        _apply(taihu, cast["provider"], documents=[licence(), fake])
    assert "执业许可证.pdf" in str(refused.value.message_dict["documents"])
    assert not Certification.objects.filter(provider=taihu).exists()


def test_the_page_says_which_document_was_refused_and_keeps_what_was_typed(cast, taihu, client):
    client.force_login(cast["provider"])
    fake = licence("licence.pdf", b"just some text pretending to be a PDF")
    response = client.post(
        "/en/consulting/certifications/apply/",
        {
            "provider": taihu.pk,
            "scopes": ["legal"],
            "regions_served": "320200 320000",
            "staff_names": "Zhang Wei, lawyer",
            "documents": [fake],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "licence.pdf" in page and "Zhang Wei, lawyer" in page
    assert not Certification.objects.exists()


def test_only_the_providers_people_apply(cast, taihu):
    with pytest.raises(PermissionDenied):
        _apply(taihu, cast["rep"])


def test_staff_outside_the_jurisdiction_cannot_certify(cast, taihu):
    certification = _apply(taihu, cast["provider"])
    with pytest.raises(PermissionDenied):
        services.certification_decide(
            certification=certification, target="certified", by=cast["dalian_staff"]
        )
    with pytest.raises(PermissionDenied):
        services.certification_decide(
            certification=certification, target="certified", by=cast["provider"]
        )


def test_suspension_and_revocation_need_a_reason_and_clear_the_directory_flag(cast, orgs):
    provider, certification = certified_provider(
        organisation=orgs["lawyers"], person=cast["provider"], staff=cast["wuxi_staff"]
    )
    staff = cast["wuxi_staff"]
    with pytest.raises(ValidationError):
        services.certification_decide(certification=certification, target="suspended", by=staff)
    services.certification_decide(
        certification=certification, target="suspended", by=staff, reason="执业证过期未更新"
    )
    assert not ServiceProvider.objects.get(pk=provider.pk).certified
    services.certification_decide(certification=certification, target="certified", by=staff)
    assert ServiceProvider.objects.get(pk=provider.pk).certified
    services.certification_decide(
        certification=certification, target="revoked", by=staff, reason="虚假材料"
    )
    assert not ServiceProvider.objects.get(pk=provider.pk).certified


def test_the_public_register_lists_certified_providers_with_scope_and_validity(cast, orgs, client):
    provider, certification = certified_provider(
        organisation=orgs["lawyers"], person=cast["provider"], staff=cast["wuxi_staff"]
    )
    pending = ServiceProviderFactory(legal=True, name_en="Pending Law Firm")
    response = client.get("/en/consulting/")
    page = response.content.decode()
    assert provider.name_en in page and "legal consulting" in page
    assert "Pending Law Firm" not in page
    assert pending.name_en not in client.get("/en/consulting/?scope=legal").content.decode()
    assert provider.name_en not in client.get("/en/consulting/?region=210200").content.decode()


def test_expiry_clears_the_flag_and_reminders_go_once_per_period(cast, orgs, mailoutbox):
    provider, certification = certified_provider(
        organisation=orgs["lawyers"], person=cast["provider"], staff=cast["wuxi_staff"]
    )
    today = timezone.localdate()
    Certification.objects.filter(pk=certification.pk).update(
        valid_until=today + datetime.timedelta(days=20)
    )
    mail.outbox.clear()
    assert services.certification_reminders(today) == 1
    assert services.certification_reminders(today) == 0
    assert services.certification_reminders(today + datetime.timedelta(days=5)) == 0
    assert (
        cast["provider"].notifications.filter(event="consulting_certification_expiring").count()
        == 1
    )

    assert services.certifications_expire(today + datetime.timedelta(days=21)) == 1
    assert services.certifications_expire(today + datetime.timedelta(days=21)) == 0
    certification.refresh_from_db()
    assert certification.status == "expired"
    assert not ServiceProvider.objects.get(pk=provider.pk).certified
    assert provider.name_en not in str(
        [c.provider.name_en for c in Certification.objects.filter(status="certified")]
    )
