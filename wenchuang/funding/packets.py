"""The decision packet of an application: what a decider reads, on a page and as a PDF.

Summary, amount requested against the budget left, the answers, and the reviews as staff
read them (the reviews' own selectors: per-criterion scores, weighted score, divergence),
their mean and spread, the abstentions and the declared ties to the applicant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from wenchuang.core.models import StoredFile
from wenchuang.core.money import Money
from wenchuang.workflows import formdef, scoring
from wenchuang.workflows.models import Application, Declaration, ReviewAssignment
from wenchuang.workflows.reviewing import selectors as review_selectors
from wenchuang.workflows.reviewing.selectors import ShownReview
from wenchuang.workflows.scoring import ApplicationScore

from .decisions import budget_left, can_decide


@dataclass
class Packet:
    application: Application
    budget_left: Money | None
    answers: list[tuple[str, str, str]]  # (section, question, answer)
    reviews: list[ShownReview] = field(default_factory=list)  # as staff read them
    conflicts: list[str] = field(default_factory=list)
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


def _conflicts(application: Application) -> list[str]:
    """Reviewers who abstained (with their reason) and those who declared a tie to the applicant."""
    abstained = [
        f"{a.reviewer}: {a.abstain_reason}".rstrip(": ")
        for a in ReviewAssignment.objects.filter(
            application=application, status=ReviewAssignment.Status.ABSTAINED
        )
        .select_related("reviewer")
        .order_by("updated_at", "pk")
    ]
    declared = [
        f"{declaration.reviewer} ({_('declared relations')})"
        for declaration in Declaration.objects.filter(
            call_id=application.call_id,
            related_organisations=application.applicant_id,
        )
        .select_related("reviewer")
        .order_by("pk")
    ]
    return abstained + declared


def _score_summary(summary: ApplicationScore) -> dict[str, Any]:
    """The mean of the reviews' weighted scores, their spread, and how many diverge."""
    if summary.mean is None:
        return {}
    return {
        "mean": scoring.shown(summary.mean),
        "spread": scoring.shown(summary.spread),
        "count": sum(1 for r in summary.reviews if r.score is not None),
        "divergent": len(summary.divergent),
    }


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
    return Packet(
        application=application,
        budget_left=budget_left(application.call),
        answers=_answers(application),
        reviews=review_selectors.reviews_for_reader(user, application),
        conflicts=_conflicts(application),
        scores=_score_summary(review_selectors.review_summary(application)),
    )
