"""Calls: the public list and detail, applying, and the staff call editor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.accounts import roles
from wenchuang.accounts.models import STAFF_ROLES, Organisation
from wenchuang.core.transitions import version_of

from .. import eligibility, formdef, permissions, selectors, services, stages
from ..forms import ApplyForm, CallForm, ProgrammeForm
from ..plugins import kind_of
from ..stages import StageTable


def call_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "workflows/calls.html", {"groups": selectors.calls_for_list(request.user)}
    )


def _organisations(user) -> list[tuple[int, str]]:
    ids = roles.organisations(user)
    return [(o.pk, str(o)) for o in Organisation.objects.filter(pk__in=ids).order_by("pk")]


def _apply_form(call: Any, organisations: list[tuple[int, str]], data: Any = None) -> ApplyForm:
    """The apply form; it also asks for the record the application is about when the kind does."""
    kind = kind_of(call.programme.kind)
    if kind is None or kind.subjects is None:
        return ApplyForm(data, organisations=organisations)
    subjects = [(r.pk, str(r)) for r in kind.subjects([pk for pk, _name in organisations])]
    return ApplyForm(
        data, organisations=organisations, subjects=subjects, subject_label=kind.subject_label
    )


def _subject_of(call: Any, organisation: Organisation, chosen: int | None) -> Any:
    """The chosen record if it belongs to the organisation applying (else a refusal)."""
    kind = kind_of(call.programme.kind)
    if kind is None or kind.subjects is None:
        return None
    allowed = {record.pk: record for record in kind.subjects([organisation.pk])}
    if chosen not in allowed:
        raise ValidationError(_subject_refusal(call))
    return allowed[chosen]


def _subject_refusal(call: Any) -> str:
    kind = kind_of(call.programme.kind)
    what = (kind.subject_label if kind else None) or _("record")
    return _("Choose a %(what)s of the organisation you apply for.") % {"what": what}


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.get_call_for_view(request.user, pk)
    organisations = _organisations(request.user) if request.user.is_authenticated else []
    mine = selectors.applications_of(request.user).filter(call=call) if organisations else []
    return render(
        request,
        "workflows/call_detail.html",
        {
            "call": call,
            "is_open": call.is_open(),
            "apply_form": _apply_form(call, organisations) if organisations else None,
            "mine": mine,
            "manages": bool(permissions.may_manage_call(request.user, call)),
            "sections": [
                (formdef.label_of(s, "title"), [formdef.label_of(f) for f in s.get("fields") or []])
                for s in call.form.get("sections") or []
            ],
            "stages": [StageTable(call.stages).label(k) for k in StageTable(call.stages).keys],
            "rules": call.eligibility,
        },
    )


@require_POST
@login_required
def call_apply(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.get_call_for_view(request.user, pk)
    form = _apply_form(call, _organisations(request.user), request.POST)
    if not form.is_valid():
        if "subject" in form.errors and "organisation" not in form.errors:
            messages.error(request, _subject_refusal(call))
        else:
            messages.error(request, _("Choose the organisation you apply for."))
        return redirect("workflows:call-detail", pk=call.pk)
    organisation = get_object_or_404(Organisation, pk=form.cleaned_data["organisation"])
    try:
        application = services.create_draft(
            call=call,
            applicant=organisation,
            by=request.user,
            title=form.cleaned_data["title"],
            classification=form.cleaned_data["classification"],
            subject=_subject_of(call, organisation, form.cleaned_data.get("subject")),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workflows:call-detail", pk=call.pk)
    messages.success(request, _("Your draft is saved; complete it and submit before the deadline."))
    return redirect("workflows:application-edit", pk=application.pk)


@login_required
def call_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The staff call editor: a new call of a programme, or changes to one."""
    call = selectors.get_call_for_staff(request.user, pk) if pk else None
    programmes = selectors.programmes_for_staff(request.user)
    if call is None and not programmes:
        raise PermissionDenied(
            _("Only agency staff with a programme in their region create calls.")
        )
    programme = call.programme if call else None
    if call is None:
        wanted = request.POST.get("programme") or request.GET.get("programme")
        programme = next((p for p in programmes if str(p.pk) == wanted), programmes[0])
    form = CallForm(request.POST or None, instance=call)
    if call is None and request.method != "POST":
        defaults = services.calls.new_call_defaults(programme)
        for name, value in defaults.items():
            form.initial[name] = value
    version = (
        request.POST.get("version")
        if request.method == "POST"
        else (version_of(call) if call else None)
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.call_save(
                by=request.user,
                programme=programme,
                data=form.service_data(),
                call=call,
                version=version,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Call saved."))
            return redirect("workflows:call-detail", pk=saved.pk)
    return render(
        request,
        "workflows/call_edit.html",
        {
            "form": form,
            "call": call,
            "programme": programme,
            "programmes": programmes if call is None else [],
            "version": version,
            "rules": eligibility.BUILT_IN,
            "stage_rows": _stage_rows(call.stages if call else form.initial.get("stages")),
        },
    )


def _stage_rows(table) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """(key, label, [(move label, target label, who)]) per stage: the table as staff read it."""
    if stages.check_table(table):
        return []
    stage_table = StageTable(table)
    moves = stage_table.workflow.moves()
    return [
        (
            key,
            stage_table.label(key),
            [
                (str(m.label), stage_table.label(m.target), ", ".join(m.roles))
                for m in moves
                if m.source == key
            ],
        )
        for key in stage_table.keys
    ]


@require_POST
@login_required
def call_status(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.get_call_for_staff(request.user, pk)
    try:
        services.call_move(call=call, by=request.user, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Call updated."))
    return redirect("workflows:call-detail", pk=call.pk)


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    """Staff start a programme (a special fund, a designation scheme) for their region."""
    from wenchuang.accounts.roles import staff_regions

    from ..plugins import kinds

    regions = list(staff_regions(request.user))
    organisations = roles.organisations(request.user, *STAFF_ROLES)
    if not regions or not organisations:
        raise PermissionDenied(_("Only agency staff start programmes."))
    form = ProgrammeForm(
        request.POST or None,
        kinds=[(k.key, str(k.label)) for k in kinds()],
        regions=regions,
    )
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data[name]
            for name in ("kind", "code", "title_zh_hans", "title_en", "title_fr", "title_de")
        }
        data["jurisdiction_id"] = form.cleaned_data["jurisdiction"].pk
        data["agency_id"] = min(organisations)
        try:
            programme = services.programme_create(by=request.user, data=data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Programme created; now prepare its first call."))
            return redirect(f"{reverse('workflows:call-create')}?programme={programme.pk}")
    return render(request, "workflows/programme_create.html", {"form": form})
