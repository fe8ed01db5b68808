"""The decision packet of an application: what a decider reads, on a page and as a PDF.

Summary, amount requested against the budget left, the answers, and the reviews: scores,
recommendations and conflicts of interest come from the engine's review models when they
are installed (`workflows.Review`, `workflows.Declaration`); until then the packet says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
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


def _comments(review: Any) -> str:
    parts = [
        getattr(review, name, "") or ""
        for name in ("comment_for_staff", "comment_for_reviewers", "comment_for_applicant")
    ]
    return "\n".join(p for p in parts if p) or str(getattr(review, "comments", "") or "")


def _reviews(application: Application) -> tuple[list[dict[str, Any]] | None, list[str] | None]:
    """Each submitted review as plain values, and the conflicts of interest noted.

    Read by name (`workflows.Review` through its assignment, `workflows.ReviewAssignment`,
    `workflows.Declaration`), so the packet works before and after the review models land.
    """
    review_model = _review_model("Review")
    assignment_model = _review_model("ReviewAssignment")
    declaration_model = _review_model("Declaration")
    reviews = None
    if review_model is not None:
        reviews = [
            {
                "reviewer": str(review.assignment.reviewer),
                "score": getattr(review, "score", None),
                "recommendation": _display(review, "recommendation"),
                "comments": _comments(review),
            }
            for review in review_model.objects.filter(
                assignment__application=application
            ).select_related("assignment__reviewer")
        ]
    conflicts = None
    if assignment_model is not None:
        conflicts = [
            f"{a.reviewer}: {a.abstain_reason}".rstrip(": ")
            for a in assignment_model.objects.filter(
                application=application, status="abstained"
            ).select_related("reviewer")
        ]
        if declaration_model is not None:
            conflicts += [
                str(declaration.reviewer)
                for declaration in declaration_model.objects.filter(
                    call_id=application.call_id,
                    related_organisations=application.applicant_id,
                ).select_related("reviewer")
            ]
    return reviews, conflicts


def _score_summary(reviews: list[dict[str, Any]] | None) -> dict[str, Any]:
    """The mean of the reviews' weighted scores and their spread (highest − lowest)."""
    values = [Decimal(r["score"]) for r in reviews or [] if r["score"] is not None]
    if not values:
        return {}
    mean = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))
    return {"mean": mean, "spread": max(values) - min(values), "count": len(values)}


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
        scores=_score_summary(reviews),
    )
