"""The crawl's site: the demo data set built small, its cast of logins and sample records."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, When

from wenchuang.accounts.models import User
from wenchuang.accounts.services import api_token_create
from wenchuang.consulting.models import Certification, ConsultingRequest
from wenchuang.cooperation.models import Pairing, PairingBatch
from wenchuang.designation.models import Designation, FieldAssessment
from wenchuang.directory import services
from wenchuang.directory.demo import generate
from wenchuang.directory.models import (
    AssociationMembership,
    Enterprise,
    ImportJob,
    Park,
    ProfileChange,
)
from wenchuang.directory.selectors import KINDS
from wenchuang.events.models import Event
from wenchuang.funding.models import Award, Tranche, UseReport
from wenchuang.investment.models import Agreement as InvestmentAgreement
from wenchuang.investment.models import InvestorProfile, Lead, Project
from wenchuang.market.models import InfringementReport, Listing, Order
from wenchuang.news.models import NewsItem
from wenchuang.workflows.models import Application, Call, ReviewAssignment

ENTERPRISES = 80
SEED = 2026

# Who crawls: a visitor, the two kinds of owner the demo has, and a city's staff.
ROLES = {
    "visitor": None,
    "enterprise rep": "rep_lingdong",
    "park manager": "manager_wuxi_studios",
    "staff": "staff_wuxi",
    "reviewer": "expert_li",
    "assessor": "assessor_demo",
}


@dataclass
class CrawlSite:
    users: dict[str, User | None]
    # kind -> ids of a few records of that kind: published, pending, owned.
    records: dict[str, list[int]]
    ids: dict[str, list[int]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    superuser: User | None = None


def _samples(model) -> list[int]:
    rows = model.objects.order_by("id")
    picks = [
        rows.filter(status="published").values_list("id", flat=True).first(),
        rows.exclude(status="published").values_list("id", flat=True).first(),
        rows.exclude(organisation=None).values_list("id", flat=True).first(),
    ]
    if model is Enterprise:
        picks.append(rows.exclude(park=None).values_list("id", flat=True).first())
    if model is Park:
        picks.append(rows.filter(tenants__isnull=False).values_list("id", flat=True).first())
    return list(dict.fromkeys(pk for pk in picks if pk is not None))


def _engine_ids(users) -> dict[str, list[int]]:
    """The demo's calls, and applications: the rep's draft, the park manager's, one at
    each of a few later stages (where staff have buttons)."""
    from wenchuang.workflows.models import Application, Call

    rows = Application.objects.order_by("id")
    picks = [
        rows.filter(created_by=users["enterprise rep"]).values_list("id", flat=True).first(),
        rows.filter(applicant=users["park manager"].organisation)
        .values_list("id", flat=True)
        .first(),
    ]
    for stage in ("submitted", "more_info", "decision", "field_assessment", "approved"):
        picks.append(rows.filter(stage=stage).values_list("id", flat=True).first())
    return {
        "call": list(Call.objects.order_by("id").values_list("id", flat=True)),
        "application": list(dict.fromkeys(pk for pk in picks if pk is not None)),
    }


def _one_per(model, field: str) -> list[int]:
    """The first row of each value of `field`."""
    firsts: dict = {}
    rows = model if hasattr(model, "model") else model.objects
    for pk, value in rows.order_by("id").values_list("id", field):
        firsts.setdefault(value, pk)
    return list(firsts.values())


def _registered_works() -> list[int]:
    from wenchuang.ip_registry.models import Work

    rows = Work.objects.order_by("id")
    picks = [rows.exclude(organisation=None).first(), rows.filter(organisation=None).last()]
    return [work.pk for work in picks if work is not None]


def _event_ids(users) -> dict[str, list[int]]:
    """The demo's events; the crawlers' own registrations and one of each status; a
    request and a meeting of the rep; the field visits."""
    from wenchuang.events.models import FieldVisit, Meeting, MeetingRequest, Registration

    rep = users["enterprise rep"]
    registrations = [
        *Registration.objects.filter(user=rep).values_list("id", flat=True),
        *_one_per(Registration, "status"),
    ]
    requests = MeetingRequest.objects.filter(recipient__user=rep).order_by("id")
    return {
        "event": list(Event.objects.order_by("id").values_list("id", flat=True)),
        "event_registration": list(dict.fromkeys(registrations)),
        "meeting_request": [
            *requests.values_list("id", flat=True)[:1],
            *_one_per(MeetingRequest, "status"),
        ],
        "meeting": list(Meeting.objects.order_by("id").values_list("id", flat=True)[:2]),
        "field_visit": list(FieldVisit.objects.values_list("id", flat=True)[:1]),
    }


def _statistics_ids(users) -> dict[str, list[int]]:
    """Statistics: the demo's plan, a released and the locked quarter, a queued report."""
    from wenchuang.statistics.models import Period, Plan, QuarterlyReport

    locked = Period.objects.filter(status="locked").order_by("id")
    released = Period.objects.filter(status="released").order_by("id")
    period = locked.first() or released.first()
    report = QuarterlyReport.objects.create(period=period, requested_by=users["staff"])
    return {
        "stats_plan": list(Plan.objects.values_list("id", flat=True)[:1]),
        "stats_period": [p.pk for p in (locked.first(), released.first()) if p is not None],
        "stats_report": [report.pk],
    }


def build_site() -> CrawlSite:
    """The demo generator's records, plus what only use creates: a pending change, a job."""
    summary = generate(enterprises=ENTERPRISES, seed=SEED, progress=False, reset=True)
    assert summary.created["enterprises"] == ENTERPRISES
    assert summary.created["designations"] >= 6
    users = {
        role: User.objects.get(username=name) if name else None for role, name in ROLES.items()
    }
    # The demo's association is in Weifang: only staff over Shandong (here the national
    # office) or the association itself manage its members, not Wuxi's staff.
    users["national staff"] = User.objects.get(username="staff_national")
    rep = users["enterprise rep"]
    own = Enterprise.objects.filter(organisation=rep.organisation, status="published").first()
    services.record_update(
        record=own, by=rep, data={"description_en": "Animated series, now also for adults."}
    )
    assert ProfileChange.objects.filter(status="pending").exists()
    ImportJob.objects.create(
        record_type="enterprises",
        file_name="企业名录.csv",
        status="failed",
        total_rows=2,
        processed_rows=2,
        errors=[{"line": 2, "field": "region_code", "reason": "unknown region"}],
        created_by=users["staff"],
    )
    from wenchuang.statistics.models import Period, ReturnUpload, StatReturn

    ReturnUpload.objects.create(
        file_name="季度报表.csv",
        status="failed",
        total_rows=2,
        processed_rows=2,
        messages=[{"line": 2, "column": "revenue", "message": "请输入数字。"}],
        created_by=users["staff"],
    )
    site = CrawlSite(
        users=users,
        records={kind: _samples(model) for kind, model in KINDS.items()},
        ids={
            "park": _samples(Park),
            "change": list(ProfileChange.objects.values_list("id", flat=True)[:2]),
            "job": list(ImportJob.objects.values_list("id", flat=True)[:1]),
            "membership": list(
                AssociationMembership.objects.order_by("id").values_list("id", flat=True)[:2]
            ),
            # Expert review: one assignment per status, and the calls.
            "review_assignment": [
                pk
                for status in ("assigned", "submitted", "abstained")
                for pk in ReviewAssignment.objects.filter(status=status)
                .order_by(Case(When(reviewer=users["reviewer"], then=0), default=1), "id")
                .values_list("id", flat=True)[:1]
            ],
            **_engine_ids(users),
            # An award at each stage, and a report and a tranche in each state.
            "award": list(Award.objects.order_by("id").values_list("id", flat=True)),
            "use_report": _one_per(UseReport, "status"),
            "fund_call": list(
                Call.objects.filter(programme__kind="fund").values_list("id", flat=True)
            ),
            "fund_application": _one_per(
                Application.objects.filter(call__programme__kind="fund"), "stage"
            ),
            "tranche": [
                *Tranche.objects.filter(paid_on=None)
                .order_by("id")
                .values_list("id", flat=True)[:2],
                *Tranche.objects.exclude(paid_on=None)
                .order_by("id")
                .values_list("id", flat=True)[:1],
            ],
            # The marketplace: a listing in each status, an order at each stage.
            "listing": _one_per(Listing, "status"),
            "market_order": _one_per(Order, "status"),
            "infringement_report": _one_per(InfringementReport, "status"),
            # Every status of the register, and assessments in progress, submitted, yearly.
            "designation": [
                Designation.objects.filter(status=s).values_list("id", flat=True).first()
                for s in Designation.Status.values
            ],
            "pairing_batch": list(PairingBatch.objects.values_list("id", flat=True)),
            "pairing": _one_per(Pairing, "status"),
            # Statistics: a quarter in each state, returns of each status, the upload above.
            "period": _one_per(Period, "status"),
            "stat_return": list(
                dict.fromkeys(
                    _one_per(StatReturn, "status")
                    + _one_per(StatReturn.objects.filter(reporter="park"), "status")
                    + _one_per(
                        StatReturn.objects.filter(enterprise__organisation=rep.organisation),
                        "status",
                    )
                    + _one_per(
                        StatReturn.objects.filter(
                            park__organisation=users["park manager"].organisation, reporter="park"
                        ),
                        "status",
                    )
                )
            ),
            "return_upload": list(ReturnUpload.objects.values_list("id", flat=True)[:1]),
            "assessment": list(
                FieldAssessment.objects.order_by("status", "purpose", "id")
                .distinct()
                .values_list("id", flat=True)
            ),
            # Consulting: a certification file and a request in each state.
            "certification": _one_per(Certification, "status"),
            "consulting_request": _one_per(ConsultingRequest, "status"),
            # A news item in each state (the demo's drafts, review, scheduled, archived).
            "news_item": _one_per(NewsItem, "status"),
            # Registered works: the enterprise's, a visitor's, and the flagged copy.
            "work": _registered_works(),
            # Investment: a project in each status, profiles, the investors behind them, a
            # lead at each stage and the agreements.
            "investment_project": _one_per(Project, "status"),
            "investment_profile": list(
                InvestorProfile.objects.order_by("id").values_list("id", flat=True)[:3]
            ),
            "investment_investor": list(
                InvestorProfile.objects.order_by("id").values_list("investor_id", flat=True)[:2]
            ),
            "investment_lead": _one_per(Lead, "stage"),
            "investment_agreement": list(
                InvestmentAgreement.objects.order_by("id").values_list("id", flat=True)[:2]
            ),
            **_event_ids(users),
            **_statistics_ids(users),
        },
    )
    for role, user in users.items():
        if user is not None:
            site.tokens[role] = api_token_create(user=user, name="crawl")[1]
    site.superuser = User.objects.create_superuser("crawl_admin", password="crawl-admin-pw")
    return site
