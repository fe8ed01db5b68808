"""Printable documents: a Django template rendered to PDF by WeasyPrint, in Chinese and Latin.

Decision packets, certificates, agendas and reports extend `documents/base.html` (A4, Noto
Sans CJK, which also carries Latin, accented and German letters) and are rendered with
`render_pdf()`. A document fetches nothing from the network or the disk (a record's text
cannot make the server read a URL); styles are inline and images are `data:` URLs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(
    template_name: str,
    context: Mapping[str, Any] | None = None,
    *,
    request: HttpRequest | None = None,
) -> bytes:
    """The PDF of a template, in the active language."""
    # Imported here: WeasyPrint loads Pango and fonts, which pages without documents never need.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, dict(context or {}), request=request)
    # Only data: URLs (an embedded logo, say); never a file on the server or a network address.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, download: bool = False) -> HttpResponse:
    """An HTTP response carrying a PDF, shown in the browser unless `download`."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    # RFC 6266: an ASCII fallback, then the real (possibly Chinese) name.
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
