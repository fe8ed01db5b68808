"""Designation pages: the public register, a designation's page, the assessment queue and form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.charts import Chart
from wenchuang.core.documents import pdf_response, render_pdf
from wenchuang.core.permissions import require
from wenchuang.core.transitions import version_of
from wenchuang.directory.models import Park
from wenchuang.reference.models import Region

from . import indicators, permissions, selectors, services
from .forms import AssessmentForm, MoveForm, OrderForm, RegisterFilterForm, initial_for
from .models import Designation, FieldAssessment, IndicatorSet
from .workflows import DESIGNATION


def _refused(request: HttpRequest, error: Exception) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text or _("You may not do this."))


def _charts(rows) -> list[Chart]:
    by_status = selectors.count_by_status(rows)
    labels = dict(Designation.Status.choices)
    provinces = selectors.count_by_province(rows)
    codes = [code for code, *_counts in provinces]
    names = {r.code: str(r.name) for r in Region.objects.filter(code__in=codes)}
    return [
        Chart(
            id="designations-by-status",
            title=_("Designated areas by status"),
            columns=[_("Status"), _("Areas")],
            rows=[[str(labels[s]), n] for s, n in by_status.items()],
            kind="bar",
        ),
        Chart(
            id="designations-by-province",
            title=_("Designated areas by province"),
            columns=[_("Province"), _("In force"), _("All")],
            rows=[[names.get(code, code), live, total] for code, live, total in provinces],
            kind="bar",
        ),
    ]


def register_list(request: HttpRequest) -> HttpResponse:
    """The public register of designated cluster areas, filtered by status and province."""
    form = RegisterFilterForm(request.GET or None)
    rows = selectors.register(**form.filters())
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "designation/register.html",
        {"form": form, "page": page, "charts": _charts(rows), "total": rows.count()},
    )


def designation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    designation = selectors.get_designation(pk)
    user = request.user
    deciding = permissions.can_decide(user, designation.region_id)
    moves = [m for m in DESIGNATION.allowed_moves(user, designation) if m.target != "expired"]
    return render(
        request,
        "designation/detail.html",
        {
            "designation": designation,
            "assessments": selectors.assessments_of(designation),
            "moves": moves,
            "version": version_of(designation),
            "deciding": deciding,
            "institutions": selectors.institutions() if deciding and designation.is_live else [],
            "this_year": timezone.localdate().year,
        },
    )


def designation_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The designation certificate as PDF, in the reader's language with the Chinese title."""
    designation = selectors.get_designation(pk)
    pdf = render_pdf(
        "designation/documents/certificate.html",
        {"designation": designation, "park": designation.park},
        request=request,
    )
    return pdf_response(pdf, f"{designation.certificate_number}.pdf")


@require_POST
@login_required
def designation_move(request: HttpRequest, pk: int) -> HttpResponse:
    designation = get_object_or_404(Designation, pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the designation."))
        return redirect(designation)
    try:
        services.designation_move(
            designation=designation,
            target=form.cleaned_data["target"],
            by=request.user,
            version=form.cleaned_data["version"] or None,
            note=form.cleaned_data["note"],
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("The designation is now %(status)s.") % {"status": designation.get_status_display()},
        )
    return redirect(designation)


@require_POST
@login_required
def yearly_order(request: HttpRequest, pk: int) -> HttpResponse:
    designation = get_object_or_404(Designation, pk=pk)
    form = OrderForm(request.POST, institutions=selectors.institutions())
    if not form.is_valid():
        messages.error(request, _("Choose an institution and a year."))
        return redirect(designation)
    try:
        assessment = services.assessment_order(
            park=designation.park,
            indicator_set=designation.indicator_set,
            assessor=selectors.institutions().get(pk=form.cleaned_data["assessor"]),
            by=request.user,
            designation=designation,
            year=form.cleaned_data["year"],
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
        return redirect(designation)
    messages.success(request, _("The yearly assessment has been entrusted."))
    return redirect(assessment)


@login_required
def assessment_queue(request: HttpRequest) -> HttpResponse:
    """An assessor's assessments to fill in; staff's assessments of their jurisdiction."""
    require(permissions.can_see_queue(request.user))
    page = Paginator(selectors.assessments_for(request.user), 50).get_page(request.GET.get("page"))
    ordering = permissions.in_jurisdiction_anywhere(request.user)
    return render(
        request,
        "designation/queue.html",
        {
            "page": page,
            "ordering": ordering,
            "institutions": selectors.institutions() if ordering else [],
            "indicator_sets": IndicatorSet.objects.all() if ordering else [],
        },
    )


@require_POST
@login_required
def assessment_order(request: HttpRequest) -> HttpResponse:
    """Staff entrust the field assessment of a park (by its number in the directory)."""
    form = OrderForm(request.POST, institutions=selectors.institutions())
    indicator_set = IndicatorSet.objects.filter(pk=request.POST.get("indicator_set") or 0).first()
    park = Park.objects.filter(pk=form.data.get("park") or 0).first() if form.is_valid() else None
    if park is None or indicator_set is None:
        messages.error(request, _("Choose a park, an indicator set and an institution."))
        return redirect("designation:queue")
    try:
        assessment = services.assessment_order(
            park=park,
            indicator_set=indicator_set,
            assessor=selectors.institutions().get(pk=form.cleaned_data["assessor"]),
            by=request.user,
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
        return redirect("designation:queue")
    messages.success(request, _("The field assessment has been entrusted."))
    return redirect(assessment)


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessor's form while a draft (save or submit); the record and decisions once sent."""
    assessment = selectors.get_assessment_for_view(request.user, pk)
    definition = assessment.indicator_set.definition
    filling = permissions.can_fill_assessment(request.user, assessment)
    form = AssessmentForm(
        request.POST if request.method == "POST" else None,
        definition=definition,
        initial=initial_for(assessment, version_of(assessment)),
    )
    if request.method == "POST":
        if not filling:
            raise PermissionDenied(filling.reason)
        if form.is_valid():
            act = (
                services.assessment_submit if "submit" in request.POST else services.assessment_save
            )
            try:
                act(
                    assessment=assessment,
                    by=request.user,
                    values=form.values(),
                    report=form.cleaned_data["report"],
                    version=form.cleaned_data["version"] or None,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    form.add_problems(error.message_dict)
                else:
                    form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Assessment submitted.") if "submit" in request.POST else _("Draft saved."),
                )
                return redirect(assessment)
    rows = [
        {
            "label": indicators.label(item),
            "group": item["group"],
            "value": _shown_value(item, (assessment.values or {}).get(item["key"])),
            "unit": indicators.unit_label(item),
            "weight": item["weight"],
            "score": indicators.indicator_score(item, (assessment.values or {}).get(item["key"])),
        }
        for item in indicators.indicators(definition)
    ]
    deciding = permissions.can_decide(request.user, assessment.region_id)
    suggested = ""
    if assessment.score is not None and assessment.status == FieldAssessment.Status.SUBMITTED:
        suggested = indicators.outcome(definition, assessment.score)
    return render(
        request,
        "designation/assessment.html",
        {
            "assessment": assessment,
            "form": form,
            "filling": filling,
            "rows": rows,
            "deciding": deciding,
            "suggested": FieldAssessment.Outcome(suggested).label if suggested else "",
            "pass_mark": definition.get("pass_mark"),
            "warn_mark": definition.get("warn_mark"),
            "version": version_of(assessment),
            "designation_version": version_of(assessment.designation)
            if assessment.designation
            else "",
        },
    )


def _shown_value(item: dict, value) -> str:
    if value is None:
        return ""
    if item["group"] == indicators.QUALITATIVE:
        labels = indicators.level_labels(item)
        return labels[int(value)] if 0 <= int(value) < len(labels) else ""
    return str(value)


@require_POST
@login_required
def assessment_designate(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(FieldAssessment, pk=pk)
    try:
        designation = services.designation_grant(assessment=assessment, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
        return redirect(assessment)
    messages.success(request, _("The park is designated."))
    return redirect(designation)


@require_POST
@login_required
def assessment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(FieldAssessment, pk=pk)
    try:
        designation = services.yearly_assessment_decide(
            assessment=assessment, by=request.user, version=request.POST.get("version") or None
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
        return redirect(assessment)
    messages.success(
        request,
        _("The designation is now %(status)s.") % {"status": designation.get_status_display()},
    )
    return redirect(designation)
