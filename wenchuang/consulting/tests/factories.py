"""Consulting test data made through the services, as providers and staff make it."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from wenchuang.consulting import services
from wenchuang.directory.tests.factories import ServiceProviderFactory

# The first bytes of a real PDF: core.files recognises the type by them.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def licence(name: str = "营业执照.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def certified_provider(
    *,
    organisation,
    person,
    staff,
    scopes=("legal",),
    regions=("320200",),
    region_id="320211",
    **record,
):
    """A published provider in the directory, certified by `staff` after `person` applied."""
    provider = ServiceProviderFactory(
        legal=True, organisation=organisation, region_id=region_id, **record
    )
    certification = services.certification_apply(
        provider=provider,
        by=person,
        scopes=scopes,
        regions_served=regions,
        staff_names="张律师 (执业证 13202201)\n李律师",
        documents=[licence()],
    )
    services.certification_decide(certification=certification, target="certified", by=staff)
    provider.refresh_from_db()
    return provider, certification
