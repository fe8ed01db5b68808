"""Expert review's pages: the reviewer's queue, declaration and review form; the staff's
workload (with reassignment) and ranking of a call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.accounts.models import User
from wenchuang.core.permissions import require

from .. import scoring
from ..answer_sheet import answer_rows
from . import permissions, selectors, services


def _fail(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# /reviews/ ------------------------------------------------------------------------------


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not permissions.is_reviewer(request.user):
        raise PermissionDenied(_("Only expert reviewers have a review queue."))
    return render(
        request, "workflows/reviews/queue.html", {"calls": selectors.reviewer_queue(request.user)}
    )


@login_required
def declaration(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.get_call_for_reviewer(request.user, pk)
    if request.method == "POST":
        if request.POST.get("accept") != "yes":
            messages.error(request, _("Tick the box to accept the declaration."))
        else:
            services.accept_declaration(call=call, by=request.user)
            messages.success(request, _("Declaration accepted. You may now open the applications."))
            return redirect("reviews:queue")
    declared = permissions.has_declared(request.user, call.pk)
    return render(
        request, "workflows/reviews/declaration.html", {"call": call, "declared": declared}
    )


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_reviewer(request.user, pk)
    application = assignment.application
    if not permissions.has_declared(request.user, application.call_id):
        messages.info(
            request, _("Accept the declaration for this call before opening its applications.")
        )
        return redirect("reviews:declaration", pk=application.call_id)
    form = scoring.review_form_of(application.call)
    language = get_language() or "en"
    entered: dict = {}
    if request.method == "POST":
        entered = {
            c["key"]: _score_value(request.POST.get(f"score-{c['key']}", ""))
            for c in scoring.criteria(form)
        }
        try:
            services.submit_review(
                assignment=assignment,
                by=request.user,
                scores=entered,
                recommendation=request.POST.get("recommendation", ""),
                comment_for_staff=request.POST.get("comment_for_staff", ""),
                comment_for_reviewers=request.POST.get("comment_for_reviewers", ""),
                comment_for_applicant=request.POST.get("comment_for_applicant", ""),
            )
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("Your review has been submitted."))
            return redirect("reviews:review", pk=assignment.pk)
        assignment.refresh_from_db()
    criteria = [
        {
            "key": c["key"],
            "label": scoring.criterion_label(c, language),
            "weight": c["weight"],
            "allow_na": c.get("allow_na", True),
            "value": entered.get(c["key"], ""),
        }
        for c in scoring.criteria(form)
    ]
    context = {
        "assignment": assignment,
        "application": application,
        "rows": answer_rows(application),
        "criteria": criteria,
        "can_review": permissions.may_review(request.user, assignment),
        "reviews": selectors.reviews_for_reader(request.user, application),
        "recommendations": scoring.Recommendation.choices,
        "posted": request.POST if request.method == "POST" else {},
        "scale": range(scoring.SCALE_MAX + 1),
    }
    return render(request, "workflows/reviews/review.html", context)


def _score_value(raw: str):
    raw = raw.strip()
    if raw == scoring.NOT_APPLICABLE:
        return raw
    if raw.isdigit():
        return int(raw)
    return None if not raw else raw


@require_POST
@login_required
def abstain(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_reviewer(request.user, pk)
    try:
        services.abstain(
            assignment=assignment, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        _fail(request, error)
        return redirect("reviews:review", pk=pk)
    messages.success(request, _("You abstained; the centre will ask another reviewer."))
    return redirect("reviews:queue")


# /reviews/calls/<id>/ (staff) --------------------------------------------------------------


@login_required
def workload(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.get_call_for_staff(request.user, pk)
    rows = selectors.workload(call)
    context = {
        "call": call,
        "rows": rows,
        "chart": selectors.workload_chart(call, rows),
        "assignments": selectors.call_assignments(call),
        "reviewers": services.reviewers_pool(),
    }
    return render(request, "workflows/reviews/workload.html", context)


@require_POST
@login_required
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.get_call_for_staff(request.user, pk)
    report = services.assign_reviewers(call=call, by=request.user)
    messages.success(request, _("%(count)s assignments made.") % {"count": report.created})
    if report.short:
        messages.warning(
            request,
            _("%(count)s applications still lack reviewers: too few experts without a conflict.")
            % {"count": len(report.short)},
        )
    return redirect("reviews:workload", pk=call.pk)


@require_POST
@login_required
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    from ..models import ReviewAssignment

    assignment = get_object_or_404(
        ReviewAssignment.objects.select_related("application__call__programme"), pk=pk
    )
    call = assignment.application.call
    require(permissions.may_manage_reviews(request.user, call))
    to = (
        User.objects.filter(pk=request.POST.get("reviewer") or 0).first()
        if (request.POST.get("reviewer", "").isdigit())
        else None
    )
    if to is None:
        messages.error(request, _("Choose an expert reviewer."))
    else:
        try:
            services.reassign(assignment=assignment, to=to, by=request.user)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(request, _("Reviewer replaced."))
    return redirect("reviews:workload", pk=call.pk)


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.get_call_for_staff(request.user, pk)
    return render(
        request,
        "workflows/reviews/ranking.html",
        {"call": call, "ranked": selectors.ranking(call)},
    )
