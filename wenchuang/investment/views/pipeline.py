"""Pipeline pages for staff: leads and their stages, agreements, the report with its charts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.charts import Chart
from wenchuang.core.files import files_of
from wenchuang.core.permissions import require
from wenchuang.core.regions import jurisdiction_scope
from wenchuang.core.transitions import version_of

from .. import permissions, reports, selectors, services
from ..forms import AgreementForm, AttachForm, LeadForm, MoveForm
from ..models import Agreement, Lead
from ..workflows import LEAD
from .common import refused


@login_required
def lead_list(request: HttpRequest) -> HttpResponse:
    require(permissions.can_manage_leads(request.user))
    stage = request.GET.get("stage", "")
    if stage not in Lead.Stage.values:
        stage = ""
    rows = selectors.leads_for(request.user, stage=stage).order_by("-updated_at", "-id")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    form = LeadForm(request.POST or None, initial=request.GET.dict())
    return render(
        request,
        "investment/lead_list.html",
        {"page": page, "form": form, "stage": stage, "stages": Lead.Stage.choices},
    )


@require_POST
@login_required
def lead_create(request: HttpRequest) -> HttpResponse:
    require(permissions.can_manage_leads(request.user))
    form = LeadForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Name the project and the investor by their numbers."))
        return redirect("investment:leads")
    data = form.cleaned_data
    try:
        lead = services.lead_create(
            project=selectors.get_project(data["project"]),
            investor=selectors.get_investor(data["investor"]),
            by=request.user,
            expected_signing_on=data["expected_signing_on"],
            expected_value=data["expected_value"],
            currency=(data["currency"] or "").upper(),
            note=data["note"],
            source_event=selectors.get_event(data["source_event"]),
        )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
        return redirect("investment:leads")
    messages.success(request, _("The lead was opened."))
    return redirect(lead)


@login_required
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead = selectors.get_lead_for_staff(request.user, pk)
    return render(
        request,
        "investment/lead_detail.html",
        {
            "lead": lead,
            "log": lead.log.select_related("by"),
            "moves": LEAD.allowed_moves(request.user, lead),
            "version": version_of(lead),
            "agreement": Agreement.objects.filter(lead=lead).first(),
            "agreement_form": AgreementForm(
                initial={"title": str(lead), "parties": f"{lead.project.owner}\n{lead.investor}"}
            ),
        },
    )


@require_POST
@login_required
def lead_move(request: HttpRequest, pk: int) -> HttpResponse:
    lead = selectors.get_lead_for_staff(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the lead's next stage."))
        return redirect(lead)
    try:
        services.lead_move(
            lead=lead,
            target=form.cleaned_data["target"],
            by=request.user,
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"] or None,
        )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(request, _("The lead moved on."))
    return redirect(lead)


@require_POST
@login_required
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the agreement signed on a lead (pk: the lead)."""
    lead = selectors.get_lead_for_staff(request.user, pk)
    form = AgreementForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(lead)
    data = form.cleaned_data
    try:
        agreement = services.agreement_record(
            project=lead.project,
            lead=lead,
            by=request.user,
            title=data["title"],
            parties=data["parties"].splitlines(),
            signed_on=data["signed_on"],
            value=data["value"],
            currency=(data["currency"] or "").upper(),
            event=selectors.get_event(data["event"]),
        )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
        return redirect(lead)
    messages.success(request, _("The agreement was recorded."))
    return redirect(agreement)


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.get_agreement(pk)
    reads = permissions.can_read_agreement_files(request.user, agreement)
    return render(
        request,
        "investment/agreement_detail.html",
        {
            "agreement": agreement,
            "files": files_of(agreement) if reads else [],
            "may_attach": permissions.can_record_agreement_files(request.user, agreement),
            "attach_form": AttachForm(),
        },
    )


@require_POST
@login_required
def agreement_attach(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.get_agreement(pk)
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect(agreement)
    try:
        services.agreement_attach(
            agreement=agreement, upload=form.cleaned_data["document"], by=request.user
        )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(request, _("The document was attached."))
    return redirect(agreement)


def _charts(report: reports.PipelineReport) -> list[Chart]:
    def pct(value):
        return round(value, 1) if value is not None else None

    charts = [
        Chart(
            id="leads-by-stage",
            title=_("Leads by stage"),
            columns=[
                _("Stage"),
                _("Leads now"),
                _("Ever reached"),
                _("Conversion (%)"),
                _("Mean days in stage"),
            ],
            rows=[
                [s.label, s.now, s.reached, pct(s.conversion), pct(s.mean_days)]
                for s in report.stages
            ],
            kind="bar",
        )
    ]
    titles = {
        "category": (_("By category"), _("Category")),
        "region": (_("By province"), _("Province")),
        "event": (_("By source event"), _("Event")),
        "quarter": (_("By quarter"), _("Quarter")),
    }
    for key, (title, column) in titles.items():
        charts.append(
            Chart(
                id=f"pipeline-by-{key}",
                title=title,
                columns=[
                    column,
                    _("Leads"),
                    _("Signed or landed"),
                    _("Agreements"),
                    _("Signed value (CNY)"),
                ],
                rows=[
                    [g.label, g.leads, g.won, g.agreements, float(g.value_cny)]
                    for g in report.by[key]
                ],
                kind="line" if key == "quarter" else "bar",
            )
        )
    return charts


@login_required
def pipeline_report(request: HttpRequest) -> HttpResponse:
    require(permissions.can_manage_leads(request.user))
    report = reports.pipeline_report(
        selectors.leads_for(request.user), jurisdiction_scope(request.user, Agreement.objects.all())
    )
    return render(request, "investment/report.html", {"report": report, "charts": _charts(report)})
