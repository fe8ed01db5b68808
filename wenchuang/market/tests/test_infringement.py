"""Listing images compared with the registry of works, and infringement reports end to end."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wenchuang.core.audit import history_for
from wenchuang.ip_registry import artwork
from wenchuang.ip_registry.tests.factories import WorkFactory

from .. import services
from ..models import ImageMatch, InfringementReport, Listing


@pytest.fixture
def creator(db):
    from wenchuang.accounts.tests.factories import UserFactory

    return UserFactory(username="painter_zhou", language="zh-hans")


@pytest.fixture
def work(creator):
    return WorkFactory(owner=creator, seed=4242, title="太湖晨曦")


def _edited_copy(seed: int) -> bytes:
    """The registered picture, halved, mirrored and saved as a JPEG of quality 50."""
    image = artwork.mirrored(artwork.halved(artwork.picture(seed)))
    return artwork.encode(image, "JPEG", quality=50)


def _upload(listing, rep, data: bytes, name="product.jpg"):
    return services.listing_image_add(
        listing=listing, by=rep, upload=SimpleUploadedFile(name, data, "image/jpeg")
    )


def test_an_edited_copy_of_a_registered_picture_is_flagged_with_its_distance(published, cast, work):
    _upload(published, cast["rep"], _edited_copy(4242))
    match = ImageMatch.objects.get(listing=published)
    assert match.work == work and not match.own_work
    assert match.distance <= 12
    # An unrelated picture is not flagged.
    _upload(published, cast["rep"], artwork.picture_bytes(99, "PNG"), "other.png")
    assert ImageMatch.objects.filter(listing=published).count() == 1


def test_staff_see_the_likely_copy_in_moderation_and_on_the_listing(client, cast, seller, work):
    from .factories import listing

    pending = listing(seller, cast["rep"])
    _upload(pending, cast["rep"], _edited_copy(4242))
    client.force_login(cast["wuxi_staff"])
    queue = client.get("/en/market/listings/moderation/").content.decode()
    assert "likely copy of “太湖晨曦”" in queue
    page = client.get(f"/en/market/listings/{pending.pk}/").content.decode()
    assert "Likely copies of registered works" in page and "太湖晨曦" in page
    # The seller does not see the comparison; it is for moderation.
    client.force_login(cast["rep"])
    assert "Likely copies" not in client.get(f"/en/market/listings/{pending.pk}/").content.decode()


def test_the_holder_reports_the_listing_is_hidden_the_seller_answers_staff_dismiss(
    published, cast, work, creator, marie
):
    with pytest.raises(PermissionDenied):
        services.report_file(listing=published, work=work, by=marie, statement="copy")
    report = services.report_file(
        listing=published, work=work, by=creator, statement="商品图片是我登记作品的镜像。"
    )
    published.refresh_from_db()
    assert published.status == Listing.Status.HIDDEN
    with pytest.raises(PermissionDenied, match="withdrawn or is not published"):
        services.inquiry_send(listing=published, by=marie, quantity=20, message="Hi")
    with pytest.raises(PermissionDenied):
        services.report_answer(report=report, by=creator, answer="…")
    services.report_answer(report=report, by=cast["rep"], answer="我们持有作者授权，合同附后。")
    with pytest.raises(PermissionDenied):
        services.report_decide(report=report, by=cast["dalian_staff"], uphold=False, note="x")
    with pytest.raises(ValidationError):
        services.report_decide(report=report, by=cast["wuxi_staff"], uphold=False, note="")
    services.report_decide(
        report=report, by=cast["wuxi_staff"], uphold=False, note="授权合同有效。"
    )
    published.refresh_from_db()
    report.refresh_from_db()
    assert report.status == InfringementReport.Status.DISMISSED
    assert published.status == Listing.Status.PUBLISHED
    assert [e.action for e in history_for(report)][:2] == ["dismiss_report", "answer_report"]


def test_an_upheld_report_withdraws_the_listing(published, cast, work, creator):
    report = services.report_file(listing=published, work=work, by=creator, statement="copy")
    services.report_decide(report=report, by=cast["wuxi_staff"], uphold=True, note="无授权。")
    published.refresh_from_db()
    assert published.status == Listing.Status.WITHDRAWN
    assert published.moderation_note == "无授权。"


def test_the_sellers_own_registered_work_is_not_suspicious(published, cast, orgs):
    own = WorkFactory(owner=cast["rep"], organisation=orgs["acme"], seed=777)
    _upload(published, cast["rep"], _edited_copy(777))
    assert ImageMatch.objects.get(listing=published, work=own).own_work
