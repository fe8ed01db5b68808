"""The "fund" programme kind: its stages after the decision, its form, its eligibility rule.

Registered with the engine in `FundingConfig.ready()`. A fund's applications continue past
`approved` the way the award does (agreement → payments → reporting → final_report →
closed); entering `approved` creates the award (`decisions.create_award`).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wenchuang.workflows.defaults import labels, move, stage, standard_stages
from wenchuang.workflows.plugins import ProgrammeKind, register_kind

from .models import Award
from .selectors import unfinished_reports

# The award's stages, mirrored on the application (labels are content, as the engine's).
FUND_TAIL = [
    stage(
        "agreement",
        "待签订协议",
        "awaiting the agreement",
        "convention à signer",
        "Vereinbarung ausstehend",
    ),
    stage(
        "payments",
        "分期拨付",
        "payments in tranches",
        "versements par tranches",
        "Auszahlung in Tranchen",
    ),
    stage(
        "reporting", "进展报告", "progress reports", "rapports d’avancement", "Fortschrittsberichte"
    ),
    stage(
        "final_report",
        "结项审核",
        "final report under review",
        "rapport final en examen",
        "Abschlussbericht in Prüfung",
    ),
    stage("closed", "已结项", "closed", "clôturée", "abgeschlossen"),
]
# The award's own moves carry the application along (by the system); staff may too.
FUND_MOVES = [
    move(
        "approved",
        "agreement",
        ["system", "staff"],
        "advance",
        "进入协议签订",
        "prepare the agreement",
        "préparer la convention",
        "Vereinbarung vorbereiten",
    ),
    move(
        "agreement",
        "payments",
        ["system", "staff"],
        "sign_agreement",
        "协议已签订",
        "agreement signed",
        "convention signée",
        "Vereinbarung unterzeichnet",
    ),
    move(
        "payments",
        "reporting",
        ["system", "staff"],
        "paid_out",
        "各期款项均已拨付",
        "every tranche paid",
        "toutes les tranches versées",
        "alle Tranchen ausgezahlt",
    ),
    move(
        "reporting",
        "final_report",
        ["system", "staff"],
        "submit",
        "提交结项报告",
        "final report sent",
        "rapport final envoyé",
        "Abschlussbericht eingereicht",
    ),
    move(
        "final_report",
        "closed",
        ["system", "staff"],
        "close",
        "结项",
        "close",
        "clôturer",
        "abschließen",
    ),
]

# Where the application stands for each stage of its award.
APPLICATION_STAGE: dict[str, str] = {
    Award.Status.AGREEMENT: "agreement",
    Award.Status.PAYMENTS: "payments",
    Award.Status.REPORTING: "reporting",
    Award.Status.FINAL_REPORT: "final_report",
    Award.Status.CLOSED: "closed",
}


def fund_stages() -> dict[str, Any]:
    return standard_stages(tail_stages=FUND_TAIL, tail_moves=FUND_MOVES)


def _field(key: str, kind: str, label: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {"key": key, "type": kind, "label": label, **extra}


# The project, the budget broken down by item, attachments. The amount requested is the
# application's own column (the engine asks it beside the form).
FUND_FORM: dict[str, Any] = {
    "sections": [
        {
            "key": "project",
            "title": labels("项目概况", "The project", "Le projet", "Das Projekt"),
            "fields": [
                _field(
                    "summary",
                    "long_text",
                    labels("项目简介", "Summary", "Résumé", "Zusammenfassung"),
                    required=True,
                    max_length=2000,
                ),
                _field(
                    "goals",
                    "long_text",
                    labels(
                        "预期目标与绩效指标",
                        "Goals and performance indicators",
                        "Objectifs et indicateurs",
                        "Ziele und Kennzahlen",
                    ),
                    required=True,
                    max_length=2000,
                ),
                _field(
                    "start",
                    "date",
                    labels("开始日期", "Start date", "Date de début", "Beginn"),
                    required=True,
                ),
                _field(
                    "end",
                    "date",
                    labels("完成日期", "End date", "Date de fin", "Ende"),
                    required=True,
                ),
            ],
        },
        {
            "key": "budget",
            "title": labels("经费预算", "Budget", "Budget", "Budget"),
            "fields": [
                _field(
                    "total_cost",
                    "money",
                    labels(
                        "项目总投资",
                        "Total cost of the project",
                        "Coût total du projet",
                        "Gesamtkosten des Projekts",
                    ),
                    currency="CNY",
                    required=True,
                ),
                _field(
                    "own_funds",
                    "money",
                    labels("自筹资金", "Own funds", "Fonds propres", "Eigenmittel"),
                    currency="CNY",
                    required=True,
                ),
                _field(
                    "breakdown",
                    "long_text",
                    labels(
                        "预算明细（按支出科目）",
                        "Budget breakdown by item",
                        "Détail du budget par poste",
                        "Budget nach Posten",
                    ),
                    required=True,
                    max_length=5000,
                ),
                _field(
                    "budget_sheet",
                    "file",
                    labels("预算表", "Budget sheet", "Tableau budgétaire", "Budgettabelle"),
                    accept=["xlsx", "ods", "pdf"],
                    max_size=10 * 1024 * 1024,
                    required=False,
                ),
            ],
        },
        {
            "key": "attachments",
            "title": labels("附件", "Attachments", "Pièces jointes", "Anhänge"),
            "fields": [
                _field(
                    "plan",
                    "file",
                    labels(
                        "实施方案", "Implementation plan", "Plan de mise en œuvre", "Umsetzungsplan"
                    ),
                    accept=["pdf", "docx"],
                    max_size=10 * 1024 * 1024,
                    required=True,
                ),
                _field(
                    "licence",
                    "file",
                    labels(
                        "营业执照", "Business licence", "Extrait Kbis / licence", "Gewerbeschein"
                    ),
                    accept=["pdf", "png", "jpg"],
                    max_size=5 * 1024 * 1024,
                    required=False,
                ),
            ],
        },
    ]
}


def no_unfinished_report(value: Any, organisation: Any, call: Any) -> str:
    """The eligibility rule: no report of an earlier award overdue, and no repayment owed."""
    if not value or organisation is None:
        return ""
    late = unfinished_reports(organisation.pk).first()
    if late is None:
        return ""
    return _(
        "A report on the earlier award “%(project)s” is unfinished (due on %(date)s); "
        "send it before applying again."
    ) % {"project": late.award.project, "date": late.due_on.isoformat()}


def register() -> None:
    from .decisions import create_award

    register_kind(
        ProgrammeKind(
            key="fund",
            label=gettext_lazy("special fund"),
            default_stages=fund_stages(),
            default_form=FUND_FORM,
            on_enter={"approved": create_award},
            rules={"no_unfinished_report": no_unfinished_report},
            # The decision (decisions.application_decide) and everything after the award
            # is told to the applicant by funding's own notifications.
            tells_applicant=frozenset(
                {
                    "approved",
                    "rejected",
                    "agreement",
                    "payments",
                    "reporting",
                    "final_report",
                    "closed",
                }
            ),
        )
    )
