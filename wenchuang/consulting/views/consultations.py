"""Request pages: filing, the list, a request with its thread and actions, staff oversight."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.charts import Chart
from wenchuang.core.files import files_of
from wenchuang.core.permissions import require
from wenchuang.directory.models import ServiceProvider

from .. import permissions, selectors, services
from ..forms import DeclineForm, MessageForm, RatingForm, RequestForm
from ..models import ConsultingRequest
from ..oversight import oversight_for
from ..workflows import REQUEST
from .certifications import refused


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in ConsultingRequest.Status.values:
        status = ""
    rows = selectors.requests_for(request.user, status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "consulting/requests.html",
        {
            "page": page,
            "status": status,
            "statuses": ConsultingRequest.Status.choices,
            "may_file": permissions.can_file(request.user),
            "may_oversee": permissions.can_oversee(request.user),
        },
    )


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    require(permissions.can_file(request.user))
    initial = {"language": getattr(request, "LANGUAGE_CODE", "zh-hans")}
    form = RequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filed = services.request_file(
                by=request.user,
                category=data["category"],
                subject=data["subject"],
                question=data["question"],
                language=data["language"],
                provider=data["provider"],
                attachments=request.FILES.getlist("attachments"),
            )
        except (ValidationError, PermissionDenied) as error:
            refused(request, error, form)
        else:
            if filed.provider_id:
                messages.success(
                    request,
                    _("Your question has been sent to %(provider)s.")
                    % {"provider": filed.provider},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "No certified provider is free for this question yet; "
                        "the centre will assign one."
                    ),
                )
            return redirect(filed)
    return render(request, "consulting/request_new.html", {"form": form})


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consulting = selectors.get_request_for_reader(request.user, pk)
    user = request.user
    working = permissions.is_assigned(user, consulting)
    moves = {m.action: m for m in REQUEST.allowed_moves(user, consulting)}
    return render(
        request,
        "consulting/request.html",
        {
            "consulting": consulting,
            "thread": selectors.thread_of(consulting),
            "attachments": files_of(consulting),
            "declines": consulting.declines.select_related("provider") if not working else [],
            "may_accept": "accept_request" in moves and consulting.status == "waiting",
            "may_decline": "decline_request" in moves,
            "may_answer": working and consulting.status in ("accepted", "answered"),
            "may_close": "close_request" in moves,
            "may_message": permissions.can_message(user, consulting),
            "may_rate": permissions.can_rate(user, consulting),
            "may_assign": consulting.status == "unassigned"
            and permissions.may_assign(user, consulting),
            "message_form": MessageForm(),
            "rating_form": RatingForm(),
            "decline_form": DeclineForm(),
        },
    )


def _act(request: HttpRequest, pk: int, act: Callable, done: str) -> HttpResponse:
    """Run one action on a request the user may see; refusals come back as messages."""
    consulting = selectors.get_request_for_reader(request.user, pk)
    try:
        act(consulting)
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(request, done)
    return redirect(consulting)


@require_POST
@login_required
def request_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda r: services.request_accept(request=r, by=request.user),
        _("You have accepted the request."),
    )


@require_POST
@login_required
def request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    form = DeclineForm(request.POST)
    reason = form.data.get("reason", "")
    consulting = selectors.get_request_for_reader(request.user, pk)
    try:
        services.request_decline(request=consulting, by=request.user, reason=reason)
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
        return redirect(consulting)
    messages.success(request, _("You have declined the request; it goes to another provider."))
    return redirect("consulting:requests")


@require_POST
@login_required
def request_message(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda r: services.message_post(
            request=r,
            by=request.user,
            text=request.POST.get("text", ""),
            attachments=request.FILES.getlist("attachments"),
        ),
        _("Your message has been sent."),
    )


@require_POST
@login_required
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda r: services.request_answer(
            request=r, by=request.user, text=request.POST.get("text", "")
        ),
        _("Your answer has been sent."),
    )


@require_POST
@login_required
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda r: services.request_close(request=r, by=request.user),
        _("The request is closed."),
    )


@require_POST
@login_required
def request_rate(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda r: services.request_rate(
            request=r,
            by=request.user,
            rating=request.POST.get("rating", ""),
            comment=request.POST.get("comment", ""),
        ),
        _("Thank you for your rating."),
    )


@require_POST
@login_required
def request_assign(request: HttpRequest, pk: int) -> HttpResponse:
    provider_id = request.POST.get("provider", "")
    provider = (
        get_object_or_404(ServiceProvider, pk=int(provider_id)) if provider_id.isdigit() else None
    )
    return _act(
        request,
        pk,
        lambda r: services.request_assign(request=r, by=request.user, provider=provider),
        _("The request has been assigned."),
    )


def _oversight_charts(figures) -> list[Chart]:
    columns = [
        _("Requests"),
        _("Answered"),
        _("Median response (hours)"),
        _("Mean rating"),
        _("Overdue"),
    ]

    def rows(lines):
        return [
            [f.label, f.requests, f.answered, f.median_hours, f.mean_rating, f.overdue]
            for f in lines
        ]

    return [
        Chart(
            id="consulting-by-month",
            title=_("Requests by month"),
            columns=[_("Month"), *columns],
            rows=rows(figures.by_month),
            kind="line",
        ),
        Chart(
            id="consulting-by-category",
            title=_("Requests by category"),
            columns=[_("Category"), *columns],
            rows=rows(figures.by_category),
            kind="bar",
        ),
        Chart(
            id="consulting-by-provider",
            title=_("Requests by provider"),
            columns=[_("Provider"), *columns],
            rows=rows(figures.by_provider),
            kind="bar",
        ),
    ]


@login_required
def oversight(request: HttpRequest) -> HttpResponse:
    """Staff's view of consulting in their jurisdiction: a chart and tables, with CSV."""
    require(permissions.can_oversee(request.user))
    figures = oversight_for(request.user)
    return render(
        request,
        "consulting/oversight.html",
        {"figures": figures, "charts": _oversight_charts(figures)},
    )
