"""Staff's pages: the validation queue and its decisions, and association members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import changes, permissions, selectors, services
from ..forms import DecisionForm
from ..models import ProfileChange


@login_required
def validation_queue(request: HttpRequest) -> HttpResponse:
    decision = permissions.can_validate(request.user)
    if not decision:
        raise PermissionDenied(decision.reason)
    pending = [
        (
            str(model._meta.verbose_name_plural),
            kind,
            selectors.pending_records(request.user, model)[:100],
        )
        for kind, model in selectors.KINDS.items()
    ]
    return render(
        request,
        "directory/validation.html",
        {
            "kinds": selectors.kind_tabs(),
            "pending": pending,
            "changes": changes.pending_changes_to_show(request.user),
        },
    )


def _decide(request: HttpRequest, decide, **target) -> HttpResponse:
    """Run a staff decision (approve, or reject with a reason) and go back to the queue."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("directory:validation")
    try:
        decide(
            **target,
            by=request.user,
            approve=form.cleaned_data["approve"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("directory:validation")


@require_POST
@login_required
def record_validate(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = get_object_or_404(selectors.kind_model(kind), pk=pk)
    return _decide(request, services.record_validate, record=record)


@require_POST
@login_required
def change_decide(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(ProfileChange, pk=pk)
    return _decide(request, services.change_decide, change=change)


def membership_list(request: HttpRequest) -> HttpResponse:
    memberships = selectors.memberships_for(request.user)
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    for membership in page.object_list:
        membership.manageable = permissions.can_manage_membership(request.user, membership)
    return render(
        request, "directory/memberships.html", {"page": page, "kinds": selectors.kind_tabs()}
    )


MEMBERSHIP_ACTIONS = {"activate": "active", "lapse": "lapsed", "expel": "expelled"}


@require_POST
@login_required
def membership_action(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(selectors.memberships(include_expelled=True), pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "renew":
            services.membership_renew(membership=membership, by=request.user)
        elif action in MEMBERSHIP_ACTIONS:
            services.membership_set_status(
                membership=membership, by=request.user, status=MEMBERSHIP_ACTIONS[action]
            )
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Membership updated."))
    return redirect("directory:memberships")
