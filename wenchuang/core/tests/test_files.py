"""Stored files: checked by content and size, stored by hash, served only to allowed readers."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from wenchuang.core import files
from wenchuang.core.files import IMAGE_TYPES, file_store, files_of, path_of, register_file_owner
from wenchuang.directory import permissions
from wenchuang.directory.models import Enterprise

pytestmark = pytest.mark.django_db

# A small but real PDF: what a filing or a certificate scan starts with.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png(width=64, height=48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (179, 38, 30)).save(out, "PNG")
    return out.getvalue()


def png_bomb(width=100_000, height=100_000) -> bytes:
    """A 100 KB-free PNG whose header claims 10 gigapixels: decoding it would eat the server."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\x00" * (width + 1) * 10, 9)  # the first rows; enough to be a file
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.fixture(autouse=True)
def store(settings, tmp_path, monkeypatch):
    """Files in a temporary folder; enterprises own files their editors may read and attach."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(files, "_OWNERS", dict(files._OWNERS))
    register_file_owner(Enterprise, can_read=permissions.can_edit, can_attach=permissions.can_edit)


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_the_owner_stores_a_pdf_by_its_content_hash(cast, directory):
    stored = file_store(upload=upload("营业执照.pdf", PDF), owner=directory["acme"], by=cast["rep"])
    assert stored.content_type == "application/pdf" and stored.size == len(PDF)
    assert path_of(stored).read_bytes() == PDF
    assert path_of(stored).name == stored.sha256 and len(stored.sha256) == 64
    assert list(files_of(directory["acme"])) == [stored]


def test_the_same_content_twice_is_kept_once_on_disk(cast, directory, tmp_path):
    first = file_store(upload=upload("a.pdf", PDF), owner=directory["acme"], by=cast["rep"])
    second = file_store(upload=upload("b.pdf", PDF), owner=directory["acme"], by=cast["rep"])
    assert first.pk != second.pk and first.sha256 == second.sha256
    assert len([p for p in (tmp_path / "files").rglob("*") if p.is_file()]) == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("report.pdf", b"<html><script>alert(document.cookie)</script></html>"),
        ("photo.png", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("scan.pdf", png()),  # a real image, but a PDF was asked for
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(cast, directory, name, content):
    with pytest.raises(ValidationError) as refused:
        file_store(
            upload=upload(name, content),
            owner=directory["acme"],
            by=cast["rep"],
            accept=frozenset({"pdf"}) if name == "scan.pdf" else files.DOCUMENT_TYPES,
        )
    assert refused.value.code == "bad_type"


def test_an_oversized_file_is_refused_and_leaves_nothing_behind(cast, directory, tmp_path):
    big = PDF + b"%" + b"x" * 4096
    with pytest.raises(ValidationError) as refused:
        file_store(
            upload=upload("big.pdf", big), owner=directory["acme"], by=cast["rep"], max_bytes=2048
        )
    assert refused.value.code == "too_large" and "2.0" in refused.value.messages[0]
    stream = io.BytesIO(big)  # a stream without a declared size is measured as it is read
    with pytest.raises(ValidationError):
        file_store(
            upload=stream, owner=directory["acme"], by=cast["rep"], max_bytes=2048, name="x.pdf"
        )
    assert not [p for p in (tmp_path / "files").rglob("*") if p.is_file()]


def test_a_decompression_bomb_is_refused_before_it_is_decoded(cast, directory):
    bomb = png_bomb()
    assert len(bomb) < 20_000
    with pytest.raises(ValidationError) as refused:
        file_store(
            upload=upload("poster.png", bomb),
            owner=directory["acme"],
            by=cast["rep"],
            accept=IMAGE_TYPES,
        )
    assert refused.value.code == "image_too_large"


def test_a_normal_image_is_accepted(cast, directory):
    stored = file_store(
        upload=upload("logo.png", png()),
        owner=directory["acme"],
        by=cast["rep"],
        accept=IMAGE_TYPES,
    )
    assert stored.content_type == "image/png"


def test_someone_who_may_not_attach_to_the_record_cannot_store_a_file(cast, directory):
    with pytest.raises(PermissionDenied):
        file_store(upload=upload("a.pdf", PDF), owner=directory["acme"], by=cast["rival_rep"])


def test_files_are_served_to_allowed_readers_only(client, cast, directory):
    stored = file_store(upload=upload("营业执照.pdf", PDF), owner=directory["acme"], by=cast["rep"])
    url = f"/en/files/{stored.pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(cast["rival_rep"])
    assert client.get(url).status_code == 403
    for reader in ("rep", "wuxi_staff"):
        client.force_login(cast[reader])
        served = client.get(url)
        assert served.status_code == 200, reader
        assert b"".join(served.streaming_content) == PDF
        assert served["Content-Type"] == "application/pdf"
        assert served["Content-Disposition"].startswith("attachment")
        assert served["X-Content-Type-Options"] == "nosniff"
    assert client.get("/en/files/999999/").status_code == 404
