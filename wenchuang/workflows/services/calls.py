"""Staff write calls: definitions checked when saved, publication, archiving."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wenchuang.core.audit import audit_record, field_changes
from wenchuang.core.permissions import require
from wenchuang.core.transitions import Move, Workflow, changed_meanwhile, transition, version_of

from .. import eligibility, formdef, permissions, stages, verbs
from ..models import Call, Programme
from ..plugins import call_checks, kind_of

FIELDS = (
    "title_zh_hans",
    "title_en",
    "title_fr",
    "title_de",
    "description_zh_hans",
    "description_en",
    "description_fr",
    "description_de",
    "opens_at",
    "closes_at",
    "budget_amount",
    "budget_currency_id",
    "eligibility",
    "form",
    "review_form",
    "stages",
    "reviewers_per_application",
    "max_per_reviewer",
)


def _may_manage(user: Any, call: Call) -> Any:
    return permissions.may_manage_call(user, call)


PUBLICATION = Workflow(
    states=Call.Status,
    moves=[
        Move("draft", "published", verbs.PUBLISH_CALL, gettext_lazy("publish"), may=_may_manage),
        Move("published", "closed", verbs.ARCHIVE_CALL, gettext_lazy("archive"), may=_may_manage),
        Move(
            "published",
            "draft",
            "update",
            gettext_lazy("withdraw from publication"),
            may=_may_manage,
        ),
    ],
)


def check_call(data: Mapping[str, Any], kind_key: str) -> dict[str, list[str]]:
    """Every problem of a call's definitions, by field: "path: message" lines, translated."""
    problems: dict[str, list[tuple[str, str]]] = {
        "form": formdef.check_definition(data.get("form")),
        "stages": stages.check_table(data.get("stages")),
        "eligibility": eligibility.check_rules(data.get("eligibility") or {}, kind_key),
    }
    for field_name, check in call_checks().items():
        if field_name in data:
            problems[field_name] = check(data[field_name])
    table = data.get("stages")
    if not problems["stages"] and "submitted" not in stages.StageTable(table or {}).keys:
        problems["stages"] = [("stages", _("The table needs a stage “submitted”."))]
    return {
        name: [f"{path}: {message}" if path else message for path, message in errors]
        for name, errors in problems.items()
        if errors
    }


def new_call_defaults(programme: Programme) -> dict[str, Any]:
    """A new call's stages and forms: its kind's, else the engine's standard ones."""
    from ..defaults import standard_form, standard_stages

    kind = kind_of(programme.kind)
    return {
        "stages": copy.deepcopy(dict(kind.default_stages)) if kind else standard_stages(),
        "form": copy.deepcopy(dict(kind.default_form)) if kind else standard_form(),
        "review_form": copy.deepcopy(dict(kind.default_review_form)) if kind else {},
    }


@transaction.atomic
def call_save(
    *,
    by: Any,
    programme: Programme,
    data: Mapping[str, Any],
    call: Call | None = None,
    version: str | None = None,
) -> Call:
    """Create a call of `programme`, or change `call`; malformed definitions are refused.

    A new call starts from its kind's stages and form unless `data` gives them. A change
    based on an older version of the call is refused ("changed meanwhile by …").
    """
    require(permissions.may_manage_programme(by, programme))
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValueError(f"not call fields: {sorted(unknown)}")
    if call is None:
        current = Call(programme=programme, **new_call_defaults(programme))
    else:
        current = Call.objects.select_for_update().get(pk=call.pk)
        require(permissions.may_manage_call(by, current))
        if version is not None and str(version) != version_of(current):
            raise changed_meanwhile(current)
    merged = {name: getattr(current, name) for name in ("form", "stages", "eligibility")}
    merged.update(
        {k: v for k, v in data.items() if k in ("form", "stages", "eligibility", "review_form")}
    )
    problems = check_call(merged, programme.kind)
    if problems:
        raise ValidationError(problems)
    changes = field_changes(current, dict(data)) if current.pk else {}
    for name, value in data.items():
        setattr(current, name, value)
    current.full_clean(exclude=["programme"])
    current.save()
    audit_record(
        actor=by,
        action="update" if call is not None else "create",
        instance=current,
        changes={k: v for k, v in changes.items() if k not in ("form", "stages", "review_form")},
    )
    return current


@transaction.atomic
def call_move(*, call: Call, by: Any, status: str) -> Call:
    """Publish, archive or unpublish a call (staff of the programme's region)."""
    transition(call, PUBLICATION, status, by=by)
    return call


@transaction.atomic
def programme_create(*, by: Any, data: Mapping[str, Any]) -> Programme:
    """A new programme of a registered kind, run by the creator's agency in a region they
    oversee (`data`: kind, code, title_*, jurisdiction_id, agency_id)."""
    programme = Programme(**data)
    require(permissions.may_manage_programme(by, programme))
    if kind_of(programme.kind) is None:
        raise ValidationError({"kind": _("Unknown kind of programme.")})
    programme.full_clean()
    programme.save()
    audit_record(actor=by, action="create", instance=programme)
    return programme
