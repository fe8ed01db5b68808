"""Certification pages: the public register, a provider's application, staff decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.files import files_of

from .. import permissions, selectors, services
from ..forms import CertificationForm, DecisionForm, RegisterFilterForm
from ..models import Certification
from ..workflows import CERTIFICATION


def refused(request: HttpRequest, error: Exception, form=None) -> None:
    """Show a refusal as a message (and on the form's fields when it names them)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict") and form is not None:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text or _("You may not do this."))


def register_list(request: HttpRequest) -> HttpResponse:
    """The public register of certified providers, by scope and region served."""
    form = RegisterFilterForm(request.GET or None)
    rows = selectors.register(**form.filters())
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request, "consulting/register.html", {"form": form, "page": page, "total": rows.count()}
    )


@login_required
def certification_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.certifications_for(request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    providers = selectors.providers_of(request.user)
    return render(
        request,
        "consulting/certifications.html",
        {"page": page, "may_apply": providers.exists()},
    )


@login_required
def certification_apply(request: HttpRequest) -> HttpResponse:
    providers = selectors.providers_of(request.user)
    if not providers.exists():
        raise PermissionDenied(_("Only a service provider's people apply for certification."))
    form = CertificationForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            certification = services.certification_apply(
                provider=form.cleaned_data["provider"],
                by=request.user,
                scopes=form.cleaned_data["scopes"],
                regions_served=form.region_codes(),
                staff_names=form.cleaned_data["staff_names"],
                documents=request.FILES.getlist("documents"),
            )
        except (ValidationError, PermissionDenied) as error:
            refused(request, error, form)
        else:
            messages.success(request, _("Your application has been sent to the centre."))
            return redirect(certification)
    return render(request, "consulting/apply.html", {"form": form})


@login_required
def certification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certification = selectors.get_certification_for_reader(request.user, pk)
    moves = CERTIFICATION.allowed_moves(request.user, certification)
    return render(
        request,
        "consulting/certification.html",
        {
            "certification": certification,
            "documents": files_of(certification),
            "moves": [m for m in moves if m.target != "expired"],
            "may_attach": permissions.can_attach_to_certification(request.user, certification),
        },
    )


@require_POST
@login_required
def certification_move(request: HttpRequest, pk: int) -> HttpResponse:
    certification = get_object_or_404(Certification.objects.select_related("provider"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the certification."))
        return redirect(certification)
    try:
        services.certification_decide(
            certification=certification,
            target=form.cleaned_data["target"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            valid_until=form.cleaned_data["valid_until"],
        )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(
            request,
            _("The certification is now: %(status)s.")
            % {"status": certification.get_status_display()},
        )
    return redirect(certification)


@require_POST
@login_required
def certification_attach(request: HttpRequest, pk: int) -> HttpResponse:
    certification = get_object_or_404(Certification.objects.select_related("provider"), pk=pk)
    upload = request.FILES.get("document")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
        return redirect(certification)
    try:
        services.certification_attach(certification=certification, by=request.user, upload=upload)
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(request, _("The document has been added."))
    return redirect(certification)
