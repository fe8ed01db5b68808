"""Pages of bulk uploads of returns: the upload form and an upload's progress and messages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wenchuang.core.htmx import is_htmx
from wenchuang.core.permissions import require

from . import permissions, services
from .forms import UploadForm
from .models import Indicator, ReportingObligation, ReturnUpload
from .uploads import upload_start


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """A district official's or staff's file of returns; the columns are explained here."""
    require(permissions.can_upload(request.user))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            started = upload_start(uploaded_file=form.cleaned_data["file"], by=request.user)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("File received; its returns are being checked."))
            return redirect("statistics:upload-detail", pk=started.pk)
    obligations = [
        (o, services.obligation_indicators(o))
        for o in ReportingObligation.objects.filter(active=True).exclude(reporter="district")
    ]
    recent = ReturnUpload.objects.filter(created_by=request.user)[:10]
    return render(
        request,
        "statistics/upload.html",
        {
            "form": form,
            "obligations": obligations,
            "recent": recent,
            "units": dict(Indicator.Unit.choices),
        },
        status=422 if form.errors else 200,
    )


@login_required
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An upload's progress (polled while it runs) and its per-row messages."""
    item = get_object_or_404(ReturnUpload, pk=pk)
    if item.created_by_id != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied(_("Only who uploaded the file sees its report."))
    running = item.status in (ReturnUpload.Status.QUEUED, ReturnUpload.Status.RUNNING)
    percent = 100 * item.processed_rows // item.total_rows if item.total_rows else 0
    context = {"upload": item, "running": running, "percent": percent}
    if is_htmx(request):
        return render(request, "statistics/_upload_status.html", context)
    return render(request, "statistics/upload_detail.html", context)
