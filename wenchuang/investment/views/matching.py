"""Investors' pages and matches: profiles, the best projects and investors, runs, exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.permissions import require

from .. import permissions, selectors, services
from ..exports import FORMATS, matches_response
from ..forms import FeedbackForm, ProfileForm
from ..matching.explain import explain
from ..models import InvestorProfile, MatchRun
from .common import refused


def _explained(matches, feedback: dict[int, bool] | None = None):
    """(match, why in the reader's language, the investor's answer on the project or None)."""
    return [(m, explain(m.reasons), (feedback or {}).get(m.project_id)) for m in matches]


def investor_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.profiles(), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "investment/investor_list.html",
        {"page": page, "mine": selectors.investors_spoken_for(request.user)},
    )


def investor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.get_profile(pk)
    return render(
        request,
        "investment/investor_detail.html",
        {
            "profile": profile,
            "may_edit": permissions.can_edit_profile(request.user, profile.investor),
        },
    )


@login_required
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An investor's interests (pk: the directory's investor); made on first save."""
    investor = selectors.get_investor(pk)
    require(permissions.can_edit_profile(request.user, investor))
    profile = InvestorProfile.objects.filter(investor=investor).first()
    initial = {}
    if profile is not None:
        initial = {
            "categories": [c.code for c in profile.categories.all()],
            "classes": " ".join(c.code for c in profile.classes.all()),
            "regions": " ".join(r.code for r in profile.regions.all()),
            "stages": profile.stages,
            "ticket_min": profile.ticket_min,
            "ticket_max": profile.ticket_max,
            "currency": profile.currency_id or "",
            "languages": " ".join(profile.languages),
            "interest_statement": profile.interest_statement,
        }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_save(
                investor=investor, by=request.user, data=form.data_for_service()
            )
        except (ValidationError, PermissionDenied) as error:
            refused(request, error, form)
        else:
            messages.success(request, _("The investor's interests were saved."))
            return redirect(profile)
    return render(
        request,
        "investment/profile_form.html",
        {"form": form, "investor": investor},
        status=422 if form.is_bound else 200,
    )


def investor_matches(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.get_profile(pk)
    matches = selectors.matches_for_profile(request.user, profile)
    feedback = dict(profile.feedback.values_list("project_id", "interested"))
    return render(
        request,
        "investment/investor_matches.html",
        {"profile": profile, "matches": _explained(matches, feedback)},
    )


def investor_matches_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    profile = selectors.get_profile(pk)
    return matches_response(
        selectors.matches_for_profile(request.user, profile), fmt, f"matches-investor-{pk}"
    )


@require_POST
@login_required
def investor_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.get_profile(pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the project interests you."))
        return redirect("investment:investor-matches", pk=pk)
    try:
        project = selectors.get_project(form.cleaned_data["project"])
        services.feedback_give(
            profile=profile,
            project=project,
            interested=form.cleaned_data["interested"],
            by=request.user,
        )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(request, _("Thank you: the next matching run takes this into account."))
    return redirect("investment:investor-matches", pk=pk)


def project_matches(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_view(request.user, pk)
    matches = selectors.matches_for_project(request.user, project)
    return render(
        request,
        "investment/project_matches.html",
        {"project": project, "matches": _explained(matches)},
    )


def project_matches_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    project = selectors.get_project_for_view(request.user, pk)
    return matches_response(
        selectors.matches_for_project(request.user, project), fmt, f"matches-project-{pk}"
    )


@login_required
def matching_overview(request: HttpRequest) -> HttpResponse:
    """Staff: the latest run and its progress, the button for a new one, every match."""
    require(permissions.can_run_matching(request.user))
    page = Paginator(selectors.matches_for_staff(request.user), 50).get_page(
        request.GET.get("page")
    )
    run = MatchRun.objects.order_by("-id").first()
    context = {"run": run, "page": page, "explained": _explained(page.object_list)}
    template = "investment/matching.html"
    if request.headers.get("HX-Request"):
        template = "investment/_run_progress.html"
    return render(request, template, context)


@require_POST
@login_required
def matching_run(request: HttpRequest) -> HttpResponse:
    try:
        services.matching_request(by=request.user)
    except PermissionDenied as error:
        refused(request, error)
    else:
        messages.success(request, _("Matchmaking has been queued; this page shows its progress."))
    return redirect("investment:matching")


@login_required
def matching_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    require(permissions.can_run_matching(request.user))
    return matches_response(selectors.matches_for_staff(request.user), fmt, "matches")
