"""Staff's list of a call's applications: by stage, paginated, within their jurisdiction."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wenchuang.core.htmx import is_htmx
from wenchuang.core.limited_pages import time_limited
from wenchuang.core.regions import jurisdiction_of

from .. import selectors
from ..stages import StageTable

PAGE_SIZES = (25, 50, 100)


@login_required
@time_limited(lambda request, pk: _("applications"))
def call_applications(request: HttpRequest, pk: int) -> HttpResponse:
    if jurisdiction_of(request.user) is None:
        raise PermissionDenied(_("Only agency staff see the applications of a call."))
    call = selectors.get_call_for_view(request.user, pk)
    table = StageTable(call.stages)
    stage = request.GET.get("stage", "")
    if stage not in table.keys:
        stage = ""
    q = request.GET.get("q", "")[:100]
    try:
        size = int(request.GET.get("size", PAGE_SIZES[0]))
    except ValueError:
        size = PAGE_SIZES[0]
    size = size if size in PAGE_SIZES else PAGE_SIZES[0]
    rows = selectors.call_applications_for_staff(request.user, call, stage=stage, q=q)
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    labels = {key: table.label(key) for key in table.keys}
    for application in page.object_list:
        # A stage staff have since removed from the call lives on in the application's own
        # table (its snapshot); reading that costs a query, but only for such rows.
        application.stage_text = labels.get(application.stage) or StageTable(
            application.stage_table
        ).label(application.stage)
    counts = selectors.stage_counts(request.user, call)
    context = {
        "call": call,
        "page": page,
        "stage": stage,
        "q": q,
        "size": size,
        "sizes": PAGE_SIZES,
        "stages": [(key, table.label(key), counts.get(key, 0)) for key in table.keys],
        "query": urlencode({"stage": stage, "q": q, "size": size}),
    }
    template = (
        "workflows/_application_rows.html"
        if is_htmx(request)
        else "workflows/call_applications.html"
    )
    return render(request, template, context)
