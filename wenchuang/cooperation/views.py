"""Park cooperation pages: batches with their map, a pair's page, staff's decisions, reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wenchuang.accounts import roles
from wenchuang.core.charts import Chart
from wenchuang.core.files import files_of
from wenchuang.core.permissions import deny, require
from wenchuang.core.transitions import version_of
from wenchuang.directory.models import Park
from wenchuang.directory.models.records import PublicationStatus
from wenchuang.reference.models import Region

from . import permissions, reasons, selectors, services
from .forms import BatchForm, MoveForm, OutcomeReportForm, ProposeForm, SignForm
from .models import Pairing, PairingBatch
from .pairmap import pairs_map_chart
from .workflows import BATCH, PAIRING


def _refused(request: HttpRequest, error: Exception) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text or _("You may not do this."))


def _outcomes_chart(rows, chart_id: str) -> Chart:
    return Chart(
        id=chart_id,
        title=_("Outcomes by half-year"),
        columns=[_("Half-year"), _("Enterprises relocated"), _("Joint projects"), _("Visitors")],
        rows=[list(row) for row in selectors.by_period(rows)],
        kind="bar",
        extra={"yAxis": [{"type": "value"}]},
    )


def batch_list(request: HttpRequest) -> HttpResponse:
    may_create = any(
        permissions.can_run_batches(request.user, r.code) for r in roles.staff_regions(request.user)
    )
    return render(
        request,
        "cooperation/batch_list.html",
        {"batches": selectors.batches(), "may_create": may_create},
    )


def _staff_regions(user):
    codes = [r.code for r in roles.staff_regions(user)]
    return Region.objects.filter(code__in=codes).order_by("code")


@login_required
def batch_new(request: HttpRequest) -> HttpResponse:
    regions = _staff_regions(request.user)
    if not regions.exists():
        require(deny(_("Only centre staff run pairing batches.")))
    form = BatchForm(
        request.POST or None, regions=regions, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_create(
                by=request.user,
                code=form.cleaned_data["code"],
                year=form.cleaned_data["year"],
                region=form.cleaned_data["region"],
                title_zh_hans=form.cleaned_data["title_zh_hans"],
                title_en=form.cleaned_data.get("title_en", ""),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except PermissionDenied as error:
            form.add_error("region", str(error))
        else:
            messages.success(request, _("The batch was created."))
            return redirect(batch)
    return render(request, "cooperation/batch_new.html", {"form": form})


def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.get_batch(pk)
    user = request.user
    running = permissions.can_run(user, batch).allowed
    rows = list(selectors.pairings_for(user, batch, status=request.GET.get("status", "")))
    public = [p for p in rows if p.is_public]
    for pairing in rows:
        pairing.reason_text = reasons.explain(pairing.reasons)
    reports = selectors.batch_reports(batch)
    parks = Park.objects.filter(status=PublicationStatus.PUBLISHED).order_by("name_zh_hans")
    return render(
        request,
        "cooperation/batch_detail.html",
        {
            "batch": batch,
            "pairings": rows,
            "map": pairs_map_chart(public, title=_("Pairs of this batch")),
            "outcomes": _outcomes_chart(reports, "batch-outcomes"),
            "totals": selectors.totals_of(reports),
            "running": running,
            "batch_moves": BATCH.allowed_moves(user, batch),
            "batch_version": version_of(batch),
            "propose_form": ProposeForm(parks=parks) if running else None,
            "statuses": Pairing.Status.choices,
        },
    )


@require_POST
@login_required
def batch_move(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(PairingBatch, pk=pk)
    try:
        services.batch_move(
            batch=batch,
            target=request.POST.get("target", ""),
            by=request.user,
            version=request.POST.get("version") or None,
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    return redirect(batch)


@require_POST
@login_required
def batch_suggest(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(PairingBatch, pk=pk)
    try:
        made = services.pairs_suggest(batch=batch, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        if made:
            messages.success(
                request,
                ngettext("%(n)d pair was suggested.", "%(n)d pairs were suggested.", made)
                % {"n": made},
            )
        else:
            messages.info(request, _("No new pair to suggest."))
    return redirect(batch)


@require_POST
@login_required
def pairing_propose(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(PairingBatch, pk=pk)
    form = ProposeForm(request.POST, parks=Park.objects.all())
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(batch)
    try:
        pairing = services.pairing_propose(
            batch=batch,
            carrying=form.cleaned_data["carrying_park"],
            partner=form.cleaned_data["partner_park"],
            by=request.user,
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
        return redirect(batch)
    return redirect(pairing)


def pairing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = selectors.get_pairing_for_view(request.user, pk)
    user = request.user
    reports = selectors.reports_of(pairing)
    moves = [m for m in PAIRING.allowed_moves(user, pairing) if m.target != "signed"]
    may_sign = (
        PAIRING.check(user, pairing, "signed").allowed if pairing.status == "confirmed" else False
    )
    may_report = permissions.can_report(user, pairing).allowed
    today = timezone.localdate()
    return render(
        request,
        "cooperation/pairing_detail.html",
        {
            "pairing": pairing,
            "reason_text": reasons.explain(pairing.reasons),
            "reports": reports,
            "totals": selectors.totals_of(reports),
            "chart": _outcomes_chart(reports, "pair-outcomes"),
            "documents": files_of(pairing),
            "moves": moves,
            "version": version_of(pairing),
            "sign_form": SignForm(initial={"version": version_of(pairing)}) if may_sign else None,
            "report_form": OutcomeReportForm(
                initial={"year": today.year, "half": 1 if today.month <= 6 else 2}
            )
            if may_report
            else None,
        },
    )


@require_POST
@login_required
def pairing_move(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = get_object_or_404(Pairing.objects.select_related("batch"), pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the pair."))
        return redirect(pairing)
    target, version = form.cleaned_data["target"], form.cleaned_data["version"] or None
    note = form.cleaned_data["note"]
    try:
        if target == "confirmed":
            services.pairing_confirm(pairing=pairing, by=request.user, version=version)
        elif target == "declined":
            services.pairing_decline(pairing=pairing, by=request.user, note=note, version=version)
        elif target == "suggested":
            services.pairing_reconsider(pairing=pairing, by=request.user)
        elif target == "ended":
            services.pairing_end(pairing=pairing, by=request.user, note=note)
        else:
            raise ValidationError(_("Record the signed agreement with its form."))
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(request, _("Saved."))
    if request.POST.get("back") == "batch":
        return redirect(pairing.batch)
    return redirect(pairing)


@require_POST
@login_required
def pairing_sign(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = get_object_or_404(Pairing.objects.select_related("batch"), pk=pk)
    form = SignForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(pairing)
    try:
        services.pairing_sign(
            pairing=pairing,
            by=request.user,
            signed_on=form.cleaned_data["signed_on"],
            agreement_title=form.cleaned_data["agreement_title"],
            document=form.cleaned_data.get("document"),
            version=form.cleaned_data["version"] or None,
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(request, _("The signed agreement was recorded."))
    return redirect(pairing)


@require_POST
@login_required
def outcome_report(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = get_object_or_404(
        Pairing.objects.select_related("batch", "carrying_park", "partner_park"), pk=pk
    )
    form = OutcomeReportForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(
                f"{form.fields[f].label}: {e}" if f in form.fields else e
                for f, errors in form.errors.items()
                for e in errors
            ),
        )
        return redirect(pairing)
    data = form.cleaned_data
    try:
        services.outcome_report_submit(
            pairing=pairing,
            by=request.user,
            year=data["year"],
            half=data["half"],
            figures={k: data.get(k) for k in services.REPORT_FIGURES},
            currency=data["currency"].pk,
            activities=data.get("activities", ""),
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(request, _("The outcomes were reported."))
    return redirect(pairing)
