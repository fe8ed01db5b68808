"""Documents: a template becomes a PDF whose Chinese, French and German text can be read back."""

import io

import pytest
from pypdf import PdfReader

from wenchuang.core.documents import render_pdf

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def acme(directory):
    """The demo-like enterprise, with its French and German names filled in."""
    acme = directory["acme"]
    acme.name_fr = "Société d'animation Lingdong"
    acme.name_de = "Lingdong Trickfilmgesellschaft für Kinder"
    acme.founded_year = 2014
    acme.employees = 1250
    acme.save()
    return acme


def test_the_french_profile_sheet_carries_chinese_french_and_german_text(client, acme):
    response = client.get(f"/fr/enterprise/{acme.pk}/profile.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Société d'animation Lingdong" in text  # the French name, with its accent
    assert "无锡灵动动漫科技有限公司" in text  # the Chinese name
    assert "Trickfilmgesellschaft für Kinder" in text  # the German name
    assert "Année de création" in text and "2014" in text  # labels in the reader's language
    assert "无锡市" in text or "Wuxi" in text  # the region


def test_the_german_profile_sheet_has_german_labels(client, acme):
    text = pdf_text(client.get(f"/de/enterprise/{acme.pk}/profile.pdf").content)
    assert "Gründungsjahr" in text and "Beschäftigte" in text


def test_the_chinese_profile_sheet_has_chinese_labels(client, acme):
    text = pdf_text(client.get(f"/enterprise/{acme.pk}/profile.pdf").content)
    assert "无锡灵动动漫科技有限公司" in text and "成立年份" in text


def test_a_record_the_reader_may_not_see_has_no_sheet(client, cast, directory):
    from wenchuang.directory.models import Enterprise

    Enterprise.objects.filter(pk=directory["rival"].pk).update(status="pending")
    assert client.get(f"/en/enterprise/{directory['rival'].pk}/profile.pdf").status_code == 404


def test_contacts_are_printed_only_for_readers_who_may_see_them(client, cast, acme):
    public = pdf_text(client.get(f"/en/enterprise/{acme.pk}/profile.pdf").content)
    assert "contact@acme.example.cn" not in public
    client.force_login(cast["rep"])
    own = pdf_text(client.get(f"/en/enterprise/{acme.pk}/profile.pdf").content)
    assert "contact@acme.example.cn" in own


def test_the_enterprise_page_links_to_its_profile_sheet(client, acme):
    page = client.get(f"/en/enterprise/{acme.pk}/").content.decode()
    assert f"/en/enterprise/{acme.pk}/profile.pdf" in page


def test_a_document_fetches_nothing_from_outside(tmp_path, settings):
    secret = tmp_path / "secret.svg"
    secret.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">'
        '<text x="0" y="20">server secret</text></svg>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    (tmp_path / "leak.html").write_text(
        f'<img src="file://{secret}"><img src="http://127.0.0.1:9/x.svg"><p>文创 Société Straße</p>'
    )
    # Whatever a template points at, the renderer reads nothing and still renders the text.
    text = pdf_text(render_pdf("leak.html"))
    assert "文创 Société Straße" in text and "server secret" not in text
