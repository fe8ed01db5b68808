"""The decision packet of an application: what a decider reads, on a page and as a PDF.

Summary, amount requested against the budget left, the answers, and the reviews: scores,
recommendations and conflicts of interest come from the engine's review models when they
are installed (`workflows.Review`, `workflows.Declaration`); until then the packet says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404

from wenchuang.core.models import StoredFile
from wenchuang.core.money import Money
from wenchuang.workflows import formdef
from wenchuang.workflows.models import Application

from .decisions import budget_left, can_decide


@dataclass
class Packet:
    application: Application
    budget_left: Money | None
    answers: list[tuple[str, str, str]]  # (section, question, answer)
    reviews: list[dict[str, Any]] | None = None  # None: no review records in this install
    conflicts: list[str] | None = None
    scores: dict[str, Any] = field(default_factory=dict)


def _answer_text(item: Mapping[str, Any], value: Any, files: dict[int, str]) -> str:
    kind = item.get("type")
    if value is None or value == "":
        return "—"
    if kind == "money" and isinstance(value, dict):
        money = Money.of(value.get("amount"), value.get("currency") or item.get("currency", "CNY"))
        return money.format() if money else "—"
    if kind == "file":
        return files.get(_int(value), "—")
    if kind in ("choice", "multi_choice"):
        labels = {c.get("value"): formdef.label_of(c) for c in item.get("choices", [])}
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(v, v)) for v in values)
    if kind == "yes_no":
        from django.utils.translation import gettext as _

        return _("yes") if value else _("no")
    return str(value)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _answers(application: Application) -> list[tuple[str, str, str]]:
    definition = application.call.form or {}
    given = formdef.visible_answers(definition, application.answers or {})
    file_ids = [
        _int(given.get(item["key"]))
        for _s, item in formdef.fields_of(definition)
        if item.get("type") == "file"
    ]
    files = dict(
        StoredFile.objects.filter(pk__in=[i for i in file_ids if i]).values_list(
            "pk", "original_name"
        )
    )
    return [
        (
            formdef.label_of(section, "title"),
            formdef.label_of(item),
            _answer_text(item, given.get(item["key"]), files),
        )
        for section, item in formdef.fields_of(definition)
        if item["key"] in given
    ]


def _review_model(name: str):
    try:
        return apps.get_model("workflows", name)
    except LookupError:
        return None


def _reviews(application: Application) -> tuple[list[dict[str, Any]] | None, list[str] | None]:
    """Each submitted review as plain values, and the conflicts declared or detected.

    Read by name so the packet works before and after the review models land.
    """
    review_model, declaration_model = _review_model("Review"), _review_model("Declaration")
    reviews = None
    if review_model is not None:
        reviews = []
        for review in _of_application(review_model, application):
            reviews.append(
                {
                    "reviewer": str(getattr(review, "reviewer", "") or ""),
                    "score": getattr(review, "weighted_score", None)
                    or getattr(review, "score", None),
                    "recommendation": _display(review, "recommendation"),
                    "comments": getattr(review, "comments", "") or "",
                }
            )
    conflicts = None
    if declaration_model is not None:
        conflicts = [
            str(declaration)
            for declaration in _of_application(declaration_model, application)
            if getattr(declaration, "conflict", True)
        ]
    return reviews, conflicts


def _of_application(model, application: Application):
    """The model's rows about the application (directly or through an assignment)."""
    names = {f.name for f in model._meta.get_fields()}
    if "application" in names:
        return model.objects.filter(application=application)
    if "assignment" in names:
        return model.objects.filter(assignment__application=application)
    return model.objects.none()


def _display(obj: Any, name: str) -> str:
    getter = getattr(obj, f"get_{name}_display", None)
    return str(getter()) if getter else str(getattr(obj, name, "") or "")


def decision_packet(user: Any, pk: int) -> Packet:
    """The packet of application `pk` for a decider: 404 if none, 403 with the reason."""
    application = (
        Application.objects.select_related(
            "call__programme", "applicant", "region", "classification"
        )
        .filter(pk=pk, call__programme__kind="fund")
        .first()
    )
    if application is None:
        raise Http404("application")
    decision = can_decide(user, application)
    if not decision:
        raise PermissionDenied(decision.reason)
    reviews, conflicts = _reviews(application)
    return Packet(
        application=application,
        budget_left=budget_left(application.call),
        answers=_answers(application),
        reviews=reviews,
        conflicts=conflicts,
    )
