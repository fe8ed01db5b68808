"""The designation certificate: a PDF with the Chinese title and the park's names, read back."""

import io

import pytest
from pypdf import PdfReader

from .factories import DesignationFactory

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_certificate_carries_chinese_and_latin_text(client, reference_data):
    designation = DesignationFactory(
        park__name_zh_hans="无锡国家数字电影产业园", park__name_en="Wuxi Studios", renewed=True
    )
    response = client.get(f"/en/designation/{designation.pk}/certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "文化创意产业集聚区认定证书" in text
    assert "无锡国家数字电影产业园" in text
    assert "Wuxi Studios" in text
    assert designation.certificate_number in text
    assert "Jan 1, 2028" in text  # valid until, in the reader's language
    assert "renewed" in text


def test_the_certificate_speaks_the_readers_language(client, reference_data):
    designation = DesignationFactory(park__name_en="Wuxi Studios")
    text = _text(client.get(f"/de/designation/{designation.pk}/certificate.pdf").content)
    assert "Gültig bis" in text
