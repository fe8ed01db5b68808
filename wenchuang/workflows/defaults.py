"""The engine's standard stage table and a starting application form, as data.

Labels are content in four languages (staff may rename a stage per call), so they are
written here as data, not through gettext. A programme kind extends the table with its own
tail (`standard_stages(tail_stages=..., tail_moves=...)`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any


def labels(zh: str, en: str, fr: str, de: str) -> dict[str, str]:
    return {"zh-hans": zh, "en": en, "fr": fr, "de": de}


def stage(key: str, zh: str, en: str, fr: str, de: str, **extra: Any) -> dict[str, Any]:
    return {"key": key, "labels": labels(zh, en, fr, de), **extra}


def move(
    source: str, target: str, by: str | list[str], action: str, zh: str, en: str, fr: str, de: str
) -> dict[str, Any]:
    return {
        "from": source,
        "to": target,
        "by": [by] if isinstance(by, str) else by,
        "action": action,
        "labels": labels(zh, en, fr, de),
    }


STAGES = {
    "draft": stage("draft", "草稿", "draft", "brouillon", "Entwurf", applicant_edits=True),
    "submitted": stage("submitted", "已提交", "submitted", "déposée", "eingereicht"),
    "screening": stage(
        "screening",
        "资格审查",
        "eligibility screening",
        "examen de recevabilité",
        "Zulässigkeitsprüfung",
    ),
    "more_info": stage(
        "more_info",
        "待补充材料",
        "more information requested",
        "compléments demandés",
        "Unterlagen nachgefordert",
        applicant_edits=True,
    ),
    "field_assessment": stage(
        "field_assessment",
        "实地评估",
        "field assessment",
        "évaluation sur place",
        "Vor-Ort-Bewertung",
    ),
    "expert_review": stage(
        "expert_review", "专家评审", "expert review", "évaluation par les experts", "Begutachtung"
    ),
    "decision": stage(
        "decision", "待决定", "awaiting decision", "en attente de décision", "zur Entscheidung"
    ),
    "approved": stage("approved", "已批准", "approved", "acceptée", "bewilligt"),
    "rejected": stage("rejected", "未获批准", "rejected", "refusée", "abgelehnt"),
    "withdrawn": stage("withdrawn", "已撤回", "withdrawn", "retirée", "zurückgezogen"),
}


def _withdraw(source: str) -> dict[str, Any]:
    return move(
        source, "withdrawn", "applicant", "withdraw", "撤回", "withdraw", "retirer", "zurückziehen"
    )


def standard_stages(
    *,
    field_assessment: bool = False,
    tail_stages: Iterable[Mapping[str, Any]] = (),
    tail_moves: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """draft → submitted → screening (↔ more_info) → [field_assessment] → expert_review →
    decision → approved / rejected, withdrawn by the applicant until the decision."""
    keys = ["draft", "submitted", "screening", "more_info"]
    keys += ["field_assessment"] if field_assessment else []
    keys += ["expert_review", "decision", "approved", "rejected", "withdrawn"]
    after_screening = "field_assessment" if field_assessment else "expert_review"
    moves = [
        move(
            "draft", "submitted", "applicant", "submit", "提交", "submit", "déposer", "einreichen"
        ),
        move(
            "submitted",
            "screening",
            "staff",
            "screen",
            "开始资格审查",
            "start screening",
            "commencer l'examen",
            "Prüfung beginnen",
        ),
        move(
            "screening",
            "more_info",
            "staff",
            "request_info",
            "要求补充材料",
            "request more information",
            "demander des compléments",
            "Unterlagen nachfordern",
        ),
        move(
            "more_info",
            "screening",
            "applicant",
            "answer_info",
            "提交补充材料",
            "send the information",
            "envoyer les compléments",
            "Unterlagen nachreichen",
        ),
        move(
            "screening",
            "rejected",
            "staff",
            "reject",
            "不予受理",
            "refuse as ineligible",
            "déclarer irrecevable",
            "als unzulässig ablehnen",
        ),
        move(
            "screening",
            after_screening,
            "staff",
            "advance",
            *(
                (
                    "安排实地评估",
                    "send to field assessment",
                    "envoyer en évaluation sur place",
                    "zur Vor-Ort-Bewertung geben",
                )
                if field_assessment
                else (
                    "送专家评审",
                    "send to expert review",
                    "transmettre aux experts",
                    "zur Begutachtung geben",
                )
            ),
        ),
    ]
    if field_assessment:
        moves.append(
            move(
                "field_assessment",
                "expert_review",
                ["assessor", "staff"],
                "advance",
                "送专家评审",
                "send to expert review",
                "transmettre aux experts",
                "zur Begutachtung geben",
            )
        )
    moves += [
        move(
            "expert_review",
            "decision",
            "staff",
            "decide",
            "提交决定",
            "send for decision",
            "soumettre à la décision",
            "zur Entscheidung vorlegen",
        ),
        move(
            "decision", "approved", "staff", "approve", "批准", "approve", "accepter", "bewilligen"
        ),
        move(
            "decision", "rejected", "staff", "reject", "不予批准", "reject", "refuser", "ablehnen"
        ),
    ]
    moves += [
        _withdraw(s)
        for s in keys
        if s
        in {"draft", "submitted", "screening", "more_info", "field_assessment", "expert_review"}
    ]
    table = {
        "stages": [copy.deepcopy(STAGES[k]) for k in keys] + [dict(s) for s in tail_stages],
        "moves": moves + [dict(m) for m in tail_moves],
    }
    return table


STANDARD_FORM: dict[str, Any] = {
    "sections": [
        {
            "key": "project",
            "title": labels("项目概况", "The project", "Le projet", "Das Projekt"),
            "fields": [
                {
                    "key": "summary",
                    "type": "long_text",
                    "label": labels("项目简介", "Summary", "Résumé", "Zusammenfassung"),
                    "required": True,
                    "max_length": 2000,
                },
                {
                    "key": "start",
                    "type": "date",
                    "label": labels("开始日期", "Start date", "Date de début", "Beginn"),
                    "required": True,
                },
                {
                    "key": "plan",
                    "type": "file",
                    "label": labels(
                        "实施方案", "Implementation plan", "Plan de mise en œuvre", "Umsetzungsplan"
                    ),
                    "required": False,
                    "accept": ["pdf", "docx"],
                    "max_size": 10 * 1024 * 1024,
                },
            ],
        }
    ]
}


def standard_form() -> dict[str, Any]:
    return copy.deepcopy(STANDARD_FORM)
