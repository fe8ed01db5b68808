"""The pipeline report: leads and signed value by stage, category, region, event and quarter,
with conversion between stages and the time leads spend in each."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.reference.models import Region

from .matching.run import in_cny
from .models import Agreement, Lead, LeadStageLog

FUNNEL = ("prospect", "contacted", "negotiating", "signed", "landed")


def quarter_of(day: datetime.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


@dataclass
class Group:
    """One row of a breakdown: leads, leads signed or landed, agreements and their value."""

    label: str
    leads: int = 0
    won: int = 0
    agreements: int = 0
    value_cny: Decimal = Decimal(0)

    @property
    def conversion(self) -> float | None:
        return 100 * self.won / self.leads if self.leads else None


@dataclass
class StageRow:
    stage: str
    label: str
    now: int  # leads in this stage today
    reached: int  # leads that ever reached it
    conversion: float | None  # % of the previous stage's leads that reached this one
    mean_days: float | None  # mean days spent in it (open stays count up to today)


@dataclass
class PipelineReport:
    stages: list[StageRow]
    by: dict[str, list[Group]] = field(default_factory=dict)
    total_leads: int = 0
    signed_value_cny: Decimal = Decimal(0)


def _breakdown(
    leads: list[Lead], agreements: list[Agreement], key: Callable[[Any], str]
) -> list[Group]:
    groups: dict[str, Group] = {}
    for lead in leads:
        g = groups.setdefault(key(lead), Group(label=key(lead)))
        g.leads += 1
        g.won += lead.stage in ("signed", "landed")
    for agreement in agreements:
        g = groups.setdefault(key(agreement), Group(label=key(agreement)))
        g.agreements += 1
        value = in_cny(agreement.value, agreement.currency_id)
        if value == value:  # NaN (no value, or no rate) counts nothing
            g.value_cny += Decimal(str(round(value, 2)))
    return sorted(groups.values(), key=lambda g: g.label)


def pipeline_report(leads: QuerySet[Lead], agreements: QuerySet[Agreement]) -> PipelineReport:
    """The report over the given leads (already scoped to the reader) and agreements."""
    today = timezone.localdate()
    lead_rows = list(leads.select_related("project__category", "source_event"))
    agreement_rows = list(agreements.select_related("project__category", "event"))
    logs = LeadStageLog.objects.filter(lead__in=[lead.pk for lead in lead_rows])
    reached: dict[str, set[int]] = defaultdict(set)
    days: dict[str, list[int]] = defaultdict(list)
    for log in logs:
        reached[log.stage].add(log.lead_id)
        days[log.stage].append(((log.left_on or today) - log.entered_on).days)
    now = Counter(lead.stage for lead in lead_rows)
    labels = dict(Lead.Stage.choices)
    stages = []
    previous: int | None = None
    for stage in (*FUNNEL, "lost"):
        count = len(reached[stage])
        conversion = None
        if stage in FUNNEL and previous:
            conversion = 100 * count / previous
        stages.append(
            StageRow(
                stage=stage,
                label=str(labels[stage]),
                now=now.get(stage, 0),
                reached=count,
                conversion=conversion,
                mean_days=sum(days[stage]) / len(days[stage]) if days[stage] else None,
            )
        )
        if stage in FUNNEL:
            previous = count
    provinces = {lead.province_code for lead in lead_rows} | {
        a.province_code for a in agreement_rows
    }
    names = {r.code: str(r.name) for r in Region.objects.filter(code__in=provinces)}
    none = _("none")

    def event_of(row: Any) -> str:
        event = row.event if isinstance(row, Agreement) else row.source_event
        return str(event) if event else str(none)

    report = PipelineReport(stages=stages, total_leads=len(lead_rows))
    report.by = {
        "stage": [
            Group(label=str(labels[lead_stage]), leads=now.get(lead_stage, 0))
            for lead_stage in labels
        ],
        "category": _breakdown(lead_rows, agreement_rows, lambda r: str(r.project.category)),
        "region": _breakdown(
            lead_rows, agreement_rows, lambda r: names.get(r.province_code, r.province_code)
        ),
        "quarter": _breakdown(
            lead_rows,
            agreement_rows,
            lambda r: quarter_of(r.signed_on if isinstance(r, Agreement) else r.created_at.date()),
        ),
        "event": _breakdown(lead_rows, agreement_rows, event_of),
    }
    report.signed_value_cny = sum((g.value_cny for g in report.by["category"]), Decimal(0))
    return report
