"""Project pages: the public list and a project's page, the owner's form, staff approvals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.accounts import roles
from wenchuang.accounts.models import Organisation
from wenchuang.core.files import files_of
from wenchuang.core.limited_pages import time_limited
from wenchuang.core.permissions import require
from wenchuang.core.transitions import version_of

from .. import permissions, selectors, services
from ..forms import AttachForm, MoveForm, ProjectFilterForm, ProjectForm, initial_for
from ..workflows import PROJECT
from .common import refused


@time_limited(lambda request: _("projects"))
def project_list(request: HttpRequest) -> HttpResponse:
    """Published projects (and the reader's own and jurisdiction's), searched and filtered."""
    form = ProjectFilterForm(request.GET or None)
    rows = selectors.projects_for(request.user, **form.filters())
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "investment/project_list.html",
        {
            "form": form,
            "page": page,
            "may_create": permissions.can_create_project(request.user),
            "is_staff": permissions.can_run_matching(request.user),
        },
    )


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_view(request.user, pk)
    user = request.user
    return render(
        request,
        "investment/project_detail.html",
        {
            "project": project,
            "moves": PROJECT.allowed_moves(user, project),
            "version": version_of(project),
            "may_edit": permissions.can_edit_project(user, project),
            "may_see_matches": permissions.can_see_project_matches(user, project),
            "files": files_of(project) if permissions.can_view_project(user, project) else [],
            "agreements": selectors.agreements(project=project),
            "attach_form": AttachForm(),
        },
    )


def _owner_choices(user) -> list[Organisation]:
    ids = set().union(*(roles.organisations(user, r) for r in permissions.OWNER_ROLES))
    return list(Organisation.objects.filter(pk__in=sorted(ids)).order_by("id"))


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    require(permissions.can_create_project(request.user))
    owners = _owner_choices(request.user)
    form = ProjectForm(request.POST or None, initial={"region": owners[0].region_id})
    if request.method == "POST" and form.is_valid():
        owner = next((o for o in owners if str(o.pk) == request.POST.get("owner")), owners[0])
        try:
            project = services.project_create(
                by=request.user, owner=owner, data=form.data_for_service()
            )
        except (ValidationError, PermissionDenied) as error:
            refused(request, error, form)
        else:
            messages.success(request, _("The project was saved as a draft."))
            return redirect(project)
    return render(
        request,
        "investment/project_form.html",
        {"form": form, "owners": owners, "project": None},
        status=422 if form.is_bound and (form.errors or not form.is_valid()) else 200,
    )


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_view(request.user, pk)
    require(permissions.can_edit_project(request.user, project))
    form = ProjectForm(
        request.POST or None, initial={**initial_for(project), "version": version_of(project)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(
                project=project,
                by=request.user,
                data=form.data_for_service(),
                version=form.cleaned_data["version"] or None,
            )
        except (ValidationError, PermissionDenied) as error:
            refused(request, error, form)
        else:
            messages.success(request, _("The project was saved."))
            return redirect(project)
    return render(
        request,
        "investment/project_form.html",
        {"form": form, "project": project},
        status=422 if form.is_bound else 200,
    )


@require_POST
@login_required
def project_move(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_view(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the project."))
        return redirect(project)
    try:
        services.project_move(
            project=project,
            target=form.cleaned_data["target"],
            by=request.user,
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"] or None,
        )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(
            request,
            _("The project is now “%(status)s”.") % {"status": project.get_status_display()},
        )
    return redirect(project)


@require_POST
@login_required
def project_attach(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for_view(request.user, pk)
    form = AttachForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect(project)
    try:
        services.project_attach(
            project=project, upload=form.cleaned_data["document"], by=request.user
        )
    except (ValidationError, PermissionDenied) as error:
        refused(request, error)
    else:
        messages.success(request, _("The document was attached."))
    return redirect(project)


@login_required
def approval_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.can_run_matching(request.user):
        raise PermissionDenied(_("Only centre staff approve projects."))
    rows = selectors.approval_queue(request.user)
    return render(request, "investment/approvals.html", {"projects": rows})
