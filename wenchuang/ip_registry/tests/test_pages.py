"""Registry pages as a creator, a visitor and staff see them."""

import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from wenchuang.ip_registry import artwork
from wenchuang.ip_registry.models import Work

from .factories import WorkFactory

pytestmark = pytest.mark.django_db


def form(seed=5, **changes):
    data = {
        "title": "太湖晨曦",
        "language": "zh-hans",
        "kind": "image",
        "authors": "王小明\nLi Hua",
        "created_on": "2026-05-01",
        "description": "",
        "organisation": "",
        "upload": SimpleUploadedFile("taihu.png", artwork.picture_bytes(seed)),
    }
    data.update(changes)
    return data


def test_a_creator_registers_a_picture_and_sees_its_log_index(client, cast):
    client.force_login(cast["public"])
    response = client.post(reverse("ip_registry:register"), form(), follow=True)
    work = Work.objects.get()
    assert response.redirect_chain[-1][0] == work.get_absolute_url()
    assert "Registered as entry 0 of the log." in response.content.decode()
    assert work.content_sha256 in response.content.decode()


def test_a_copy_registered_later_shows_the_original_as_likely_copy(client, cast):
    original = WorkFactory(seed=5, owner=cast["rep"])
    client.force_login(cast["public"])
    mirrored = artwork.encode(artwork.mirrored(artwork.picture(5)), "JPEG", quality=60)
    upload = SimpleUploadedFile("copy.jpg", mirrored)
    response = client.post(reverse("ip_registry:register"), form(upload=upload), follow=True)
    page = response.content.decode()
    assert 'id="likely-copies"' in page
    assert original.get_absolute_url() in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"%PDF-1.4 not a picture at all", "not of an accepted type"),
        (artwork.picture_bytes(1)[:200], "damaged or not an image"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_registered(
    client, cast, content, message
):
    client.force_login(cast["public"])
    upload = SimpleUploadedFile("photo.png", content)
    response = client.post(reverse("ip_registry:register"), form(upload=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Work.objects.exists()


def test_a_decompression_bomb_is_refused(client, cast):
    from PIL import Image

    bomb = artwork.encode(Image.new("1", (12_000, 12_000)))  # 144 Mpx in a few kB
    client.force_login(cast["public"])
    upload = SimpleUploadedFile("bomb.png", bomb)
    response = client.post(reverse("ip_registry:register"), form(upload=upload))
    assert "pixels" in response.content.decode()
    assert not Work.objects.exists()


def test_a_visitor_is_sent_to_sign_in_to_register(client):
    response = client.get(reverse("ip_registry:register"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_register_lists_works_for_visitors(client, cast):
    work = WorkFactory(owner=cast["rep"], title="惠山泥人新图")
    page = client.get(reverse("ip_registry:list"), {"q": "泥人"}).content.decode()
    assert work.get_absolute_url() in page


def test_the_certificate_pdf_is_in_the_readers_language(client, cast):
    work = WorkFactory(owner=cast["rep"])
    for language, phrase in [
        ("zh-hans", "原创作品登记证书"),
        ("fr", "Certificat d’enregistrement"),
        ("de", "Registrierungsurkunde"),
        ("en", "Certificate of registration of an original work"),
    ]:
        with translation.override(language):
            response = client.get(reverse("ip_registry:certificate-pdf", args=[work.pk]))
        pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
        pdf_text = " ".join(" ".join(page.extract_text() for page in pages).split())
        assert phrase in pdf_text, language
        assert work.content_sha256[:16] in pdf_text


def test_only_the_holder_and_staff_open_the_deposited_file(client, cast):
    work = WorkFactory(owner=cast["rep"])
    url = reverse("core:file", args=[work.file.pk])
    client.force_login(cast["rival_rep"])
    assert client.get(url).status_code == 403
    client.force_login(cast["rep"])
    assert client.get(url).status_code == 200
    client.force_login(cast["wuxi_staff"])
    assert client.get(url).status_code == 200


def test_the_log_page_publishes_the_key_and_the_tree_head(client, cast):
    from wenchuang.ip_registry import signing

    WorkFactory(owner=cast["rep"])
    page = client.get(reverse("ip_registry:log")).content.decode()
    assert signing.public_key_b64() in page
    head = client.get(reverse("ip_registry:tree-head"), {"since": "1"}).json()
    assert head["tree_size"] == 1 and head["consistency"]["from_size"] == 1
