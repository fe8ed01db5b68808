"""The applicant's pages: my applications, edit, preview and submit; and the detail page
that applicants and staff share, with the moves the reader may make as buttons."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.audit import history_for
from wenchuang.core.files import files_of
from wenchuang.core.transitions import version_of

from .. import formdef, permissions, selectors, services
from ..answer_sheet import answer_rows
from ..forms import DetailsForm, ExtensionForm, MoveForm
from ..stages import StageTable


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.applications_of(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "workflows/my_applications.html", {"page": page})


def _errors_as_messages(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_applicant(request.user, pk)
    if not StageTable(application.stage_table).applicant_edits(application.stage):
        messages.info(request, _("This application can no longer be changed."))
        return redirect("workflows:application-detail", pk=application.pk)
    definition = application.call.form
    posted = request.method == "POST"
    form = formdef.application_form(
        definition,
        application.answers,
        request.FILES if posted else None,
        data=request.POST if posted else None,
    )
    details = DetailsForm(
        request.POST if posted else None,
        prefix="details",
        initial={
            "title": application.title,
            "amount_requested_amount": application.amount_requested_amount,
            "classification": application.classification_id,
        },
    )
    version = request.POST.get("version") if posted else version_of(application)
    if posted and form.is_valid() and details.is_valid():
        try:
            services.edit_draft(
                application=application,
                by=request.user,
                version=version,
                answers=form.answers(),
                uploads=form.uploads(),
                title=details.cleaned_data["title"],
                amount_requested_amount=details.cleaned_data["amount_requested_amount"],
                classification_id=getattr(details.cleaned_data["classification"], "pk", None),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for key, problems in error.message_dict.items():
                    form.add_error(key if key in form.fields else None, problems)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Saved."))
            if request.POST.get("then") == "preview":
                return redirect("workflows:application-preview", pk=application.pk)
            return redirect("workflows:application-edit", pk=application.pk)
    return render(
        request,
        "workflows/application_edit.html",
        {
            "application": application,
            "form": form,
            "details": details,
            "version": version,
            "sections": _sections(form, application),
        },
    )


def _attached(files: dict, answer) -> object:
    """The stored file a file field's answer (an id) names; other answers name none."""
    return files.get(answer) if isinstance(answer, int) else None


def _sections(form, application) -> list:
    """(title, [(bound field, the file attached to it or None)]) for the template."""
    files = {f.pk: f for f in files_of(application)}
    return [
        (title, [(field, _attached(files, form.current.get(field.name))) for field in fields])
        for title, fields in form.sections()
    ]


@login_required
def application_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """What staff will read, with what is still missing, and the submit button."""
    application = selectors.get_application_for_applicant(request.user, pk)
    missing = formdef.check_answers(application.call.form, application.answers)
    labels = {f["key"]: formdef.label_of(f) for _s, f in formdef.fields_of(application.call.form)}
    return render(
        request,
        "workflows/application_preview.html",
        {
            "application": application,
            "rows": answer_rows(application),
            "missing": [(labels.get(k, k), m) for k, m in missing],
            "version": version_of(application),
            "can_submit": application.stage == StageTable(application.stage_table).initial,
        },
    )


@require_POST
@login_required
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_applicant(request.user, pk)
    try:
        services.submit(
            application=application, by=request.user, version=request.POST.get("version")
        )
    except ValidationError as error:
        _errors_as_messages(request, error)
        return redirect("workflows:application-preview", pk=application.pk)
    messages.success(request, _("Your application is submitted."))
    return redirect("workflows:application-detail", pk=application.pk)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_reader(request.user, pk)
    workflow = StageTable(application.stage_table).workflow
    moves = [
        m for m in workflow.allowed_moves(request.user, application) if m.target != "submitted"
    ]
    staff = bool(permissions.may_act_as_staff(request.user, application))
    return render(
        request,
        "workflows/application_detail.html",
        {
            "application": application,
            "rows": answer_rows(application),
            "moves": moves,
            "version": version_of(application),
            "staff": staff,
            "applicant": bool(permissions.may_act_as_applicant(request.user, application)),
            "editable": StageTable(application.stage_table).applicant_edits(application.stage),
            "history": history_for(application)[:50],
            "co_applicants": list(application.co_applicants.all()),
            "extension_form": ExtensionForm()
            if staff and application.submitted_at is None
            else None,
        },
    )


@require_POST
@login_required
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    """A button of the detail page: any move the reader may make (withdraw, screen, decide)."""
    application = selectors.get_application_for_reader(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a move."))
        return redirect("workflows:application-detail", pk=application.pk)
    target = form.cleaned_data["target"]
    try:
        if application.stage == "more_info" and target != "withdrawn":
            services.answer_more_info(
                application=application,
                by=request.user,
                version=form.cleaned_data["version"] or None,
            )
        else:
            services.move_stage(
                application=application,
                target=target,
                by=request.user,
                version=form.cleaned_data["version"] or None,
                note=form.cleaned_data["note"],
            )
    except ValidationError as error:
        _errors_as_messages(request, error)
    else:
        application.refresh_from_db()
        messages.success(
            request,
            _("The application is now at the stage “%(stage)s”.")
            % {"stage": application.stage_label},
        )
    return redirect("workflows:application-detail", pk=application.pk)


@require_POST
@login_required
def application_extend(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_staff(request.user, pk)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date and time the extension ends."))
        return redirect("workflows:application-detail", pk=application.pk)
    try:
        services.grant_extension(
            application=application,
            by=request.user,
            until=form.cleaned_data["until"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        _errors_as_messages(request, error)
    else:
        messages.success(request, _("Extension granted."))
    return redirect("workflows:application-detail", pk=application.pk)


@require_POST
@login_required
def application_co_applicant(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a co-applicant by its registered name, or remove one (its id)."""
    from wenchuang.accounts.models import Organisation

    application = selectors.get_application_for_applicant(request.user, pk)
    try:
        if request.POST.get("remove"):
            organisation = Organisation.objects.filter(pk=request.POST["remove"]).first()
            if organisation is not None:
                services.co_applicant_remove(
                    application=application, organisation=organisation, by=request.user
                )
        else:
            name = request.POST.get("name", "").strip()
            found = list(Organisation.objects.filter(Q(name_zh_hans=name) | Q(name_en=name))[:2])
            if len(found) != 1:
                raise ValidationError(
                    _("No single organisation is registered under the name “%(name)s”.")
                    % {"name": name}
                )
            services.co_applicant_add(
                application=application, organisation=found[0], by=request.user
            )
    except ValidationError as error:
        _errors_as_messages(request, error)
    else:
        messages.success(request, _("Co-applicants updated."))
    return redirect("workflows:application-detail", pk=application.pk)
