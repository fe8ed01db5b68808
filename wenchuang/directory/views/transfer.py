"""Bulk transfer pages: export any list as CSV or XLSX, import files as a background task."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.core.htmx import is_htmx

from .. import permissions, selectors
from ..exporting import FORMATS, iter_csv, write_xlsx
from ..forms import FilterForm, ImportForm
from ..importing import import_job_start, reason_text
from ..importing.blank import column_help, template_csv, template_xlsx
from ..models import ImportJob
from ..tasks import fail_stale_jobs

# URL slug -> the importer's kind name.
IMPORT_KINDS = {"enterprise": "enterprises", "park": "parks", "investor": "investors"}


def record_export(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    model = selectors.kind_model(kind)
    if fmt not in FORMATS:
        raise Http404(_("Lists can be exported as CSV or XLSX."))
    filters = FilterForm(request.GET or None).to_filters()
    # An export is read to the end anyway, so it keeps the sort asked for at any size.
    records = selectors.directory_list(
        user=request.user, model=model, filters=filters, sort_cap=None
    )
    # Staff get every row's contacts, an owner their own rows' (as on the record pages).
    contacts = permissions.contacts_visible(request.user, model)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    name = f"wenchuang-{kind}-{stamp}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            iter_csv(records, include_contacts=contacts), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return FileResponse(
        write_xlsx(records, include_contacts=contacts),
        as_attachment=True,
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def import_start(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in IMPORT_KINDS:
        raise PermissionDenied(_("This kind of record cannot be imported."))
    decision = permissions.can_import(request.user)
    if not decision:
        raise PermissionDenied(decision.reason)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_start(
                record_type=IMPORT_KINDS[kind],
                uploaded_file=form.cleaned_data["file"],
                by=request.user,
                partial=form.cleaned_data["partial"],
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect("directory:import-job", pk=job.pk)
    return render(
        request,
        "directory/import.html",
        {
            "form": form,
            "kind": kind,
            "kinds": selectors.kind_tabs(),
            "jobs": _recent_jobs(request),
            "columns": column_help(IMPORT_KINDS[kind]),
        },
    )


@login_required
def import_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """A blank file with the accepted columns and, on a comment row, what each one holds."""
    if kind not in IMPORT_KINDS or fmt not in ("csv", "xlsx"):
        raise Http404
    name = f"wenchuang-{kind}-{request.LANGUAGE_CODE}-template.{fmt}"
    if fmt == "csv":
        response = HttpResponse(template_csv(IMPORT_KINDS[kind]), content_type="text/csv")
    else:
        response = HttpResponse(
            template_xlsx(IMPORT_KINDS[kind]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _recent_jobs(request: HttpRequest):
    return ImportJob.objects.filter(created_by=request.user)[:10]


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress; htmx polls the fragment until the job has finished."""
    job = get_object_or_404(ImportJob, pk=pk, created_by=request.user)
    if job.status == ImportJob.Status.RUNNING and fail_stale_jobs():
        job.refresh_from_db()
    template = (
        "directory/_import_progress.html" if is_htmx(request) else "directory/import_job.html"
    )
    # Reasons are stored as codes and worded here, in the reader's language.
    errors = [{**e, "reason": reason_text(e)} for e in job.errors[:200]]
    context = {"job": job, "kinds": selectors.kind_tabs(), "errors": errors}
    return render(request, template, context)
