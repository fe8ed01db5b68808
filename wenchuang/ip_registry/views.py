"""Registry pages: the public register, registering a work, a work's page and certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wenchuang.core.documents import pdf_response, render_pdf
from wenchuang.core.permissions import require

from . import certificate, log, permissions, selectors, services, signing
from .forms import SearchForm, WorkForm


def register_list(request: HttpRequest) -> HttpResponse:
    """The public register of original works."""
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.register(q=data.get("q", ""), kind=data.get("kind", ""))
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "ip_registry/list.html", {"form": form, "page": page})


@login_required
def work_register(request: HttpRequest) -> HttpResponse:
    """The registration form; a registered picture's likely copies are shown on its page."""
    require(permissions.can_register(request.user))
    form = WorkForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.work_register(
                by=request.user,
                title=data["title"],
                language=data["language"],
                kind=data["kind"],
                authors=data["authors"],
                created_on=data["created_on"],
                description=data["description"],
                organisation=form.organisation_object(),
                upload=data["upload"],
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Registered as entry %(index)s of the log.")
                % {"index": registration.work.log_entry.index},
            )
            return redirect(registration.work)
    return render(request, "ip_registry/register.html", {"form": form})


def work_detail(request: HttpRequest, pk: int) -> HttpResponse:
    work = selectors.get_work(pk)
    holder = permissions.is_holder(request.user, work)
    sees_files = bool(permissions.can_read_files(request.user, work))
    copies = selectors.likely_copies(work) if holder or sees_files else []
    return render(
        request,
        "ip_registry/detail.html",
        {"work": work, "holder": holder, "sees_files": sees_files, "copies": copies},
    )


def work_certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate in the reader's language: facts, content hash, tree head and proof."""
    work = selectors.get_work(pk)
    data = certificate.certificate_data(work)
    pdf = render_pdf(
        "ip_registry/documents/certificate.html",
        {"work": work, "cert": data, "public_key": signing.public_key_b64()},
        request=request,
    )
    return pdf_response(pdf, f"work-{work.pk}-certificate.pdf", download=True)


def work_certificate_json(request: HttpRequest, pk: int) -> HttpResponse:
    data = certificate.certificate_data(selectors.get_work(pk))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="work-{pk}-certificate.json"'
    return response


def log_page(request: HttpRequest) -> HttpResponse:
    """The log's public key and newest tree head, and how to verify a certificate."""
    head = log.latest_head()
    return render(
        request,
        "ip_registry/log.html",
        {
            "head": head,
            "public_key": signing.public_key_b64(),
            "public_key_pem": signing.public_key_pem(),
            "key_id": signing.key_id(),
        },
    )


def tree_head_json(request: HttpRequest) -> HttpResponse:
    """The newest signed tree head (?since=N adds the consistency proof from size N)."""
    since = request.GET.get("since", "")
    data = certificate.published_head(int(since) if since.isdigit() else None)
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="tree-head.json"'
    return response
