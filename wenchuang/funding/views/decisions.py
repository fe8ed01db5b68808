"""Staff's decision pages: a call's applications awaiting decision (decided in a batch) and
each application's decision packet, as a page and as a PDF."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wenchuang.core.documents import pdf_response, render_pdf
from wenchuang.core.money import Money
from wenchuang.core.regions import jurisdiction_of
from wenchuang.workflows.models import Call

from .. import decisions, selectors
from ..packets import decision_packet


def _amounts(request: HttpRequest, call: Call) -> dict[int, Money]:
    """Amounts granted typed beside the applications (blank: the amount requested)."""
    amounts = {}
    for key, value in request.POST.items():
        if key.startswith("amount-") and value.strip():
            try:
                amounts[int(key.removeprefix("amount-"))] = Money(
                    Decimal(value.strip().replace(",", "")), call.budget_currency_id
                )
            except (ValueError, InvalidOperation):
                messages.error(request, _("“%(value)s” is not an amount.") % {"value": value})
                return {}
    return amounts


@login_required
def call_decisions(request: HttpRequest, pk: int) -> HttpResponse:
    if jurisdiction_of(request.user) is None:
        raise PermissionDenied(_("Only agency staff decide on applications."))
    call = get_object_or_404(
        Call.objects.select_related("programme"), pk=pk, programme__kind="fund"
    )
    if request.method == "POST":
        ids = {int(i) for i in request.POST.getlist("applications") if i.isdigit()}
        decision = request.POST.get("decision")
        if not ids or decision not in ("approve", "reject"):
            messages.error(request, _("Tick the applications, then approve or reject them."))
            return redirect("funding:call-decisions", pk=call.pk)
        amounts = _amounts(request, call)
        chosen = selectors.awaiting_decision(request.user, call).filter(pk__in=ids)
        outcomes = decisions.decide_batch(
            applications=list(chosen),
            by=request.user,
            approve=decision == "approve",
            amounts=amounts,
            note=request.POST.get("note", "")[:500],
        )
        done = sum(o.decided for o in outcomes)
        if done:
            messages.success(request, _("%(count)d application(s) decided.") % {"count": done})
        for outcome in outcomes:
            if not outcome.decided:
                messages.error(request, outcome.message)
        return redirect("funding:call-decisions", pk=call.pk)
    return render(
        request,
        "funding/call_decisions.html",
        {
            "call": call,
            "applications": selectors.awaiting_decision(request.user, call),
            "budget_left": decisions.budget_left(call),
        },
    )


@login_required
def packet(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "funding/packet.html", {"packet": decision_packet(request.user, pk)})


@login_required
def packet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    the_packet = decision_packet(request.user, pk)
    pdf = render_pdf("funding/documents/packet.html", {"packet": the_packet}, request=request)
    return pdf_response(pdf, f"decision-packet-{the_packet.application.pk}.pdf")
