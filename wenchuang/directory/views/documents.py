"""Printable documents of the directory: an enterprise's profile sheet as PDF."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from wenchuang.core.documents import pdf_response, render_pdf
from wenchuang.core.languages import language_fields, localized
from wenchuang.reference.models import Region
from wenchuang.reference.selectors import region_ancestry

from .. import permissions, selectors
from ..models import Enterprise


def enterprise_profile_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The profile sheet of an enterprise the reader may see, in the reader's language."""
    record = selectors.get_record_for_view(request.user, Enterprise, pk)
    name = localized(record, "name").text
    # The sheet names the enterprise in every language it has a name in, Chinese included.
    other_names = [getattr(record, f) for f in language_fields("name")]
    context = {
        "record": record,
        "name": name,
        "other_names": [other for other in dict.fromkeys(other_names) if other and other != name],
        "description": localized(record, "description").text,
        "regions": [r for r in region_ancestry(record.region) if r.level != Region.Level.COUNTRY],
        "contacts": permissions.can_view_contacts(request.user, record),
        "issued": timezone.localtime(),
    }
    pdf = render_pdf("directory/documents/enterprise_profile.html", context, request=request)
    return pdf_response(pdf, f"{context['name']}.pdf")
