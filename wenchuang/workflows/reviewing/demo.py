"""Demo data for expert review: reviewers with expertise, declarations (one naming a
relation), conflicts the directory reveals, assignments, reviews and an abstention.

Runs after the engine's calls and applications (core.demo, order 200). Applications in
expert review are assigned by the real service; those already past it (decision, approved,
rejected and later) get the reviews they were decided on.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from wenchuang.accounts.models import Role, User
from wenchuang.accounts.services import affiliation_add, user_create
from wenchuang.directory.demo.accounts import DEMO_PASSWORD
from wenchuang.directory.demo.compose import DEMO_DOMAIN

from .. import scoring
from ..demo import DESIGNATION_CODE, FUND_CODE
from ..models import Call, Declaration, Review, ReviewAssignment, ReviewerProfile
from . import services

# username, name, expertise (classes and categories of the 2018 classification)
EXPERTS = [
    ("expert_li", "李明", ["0241", "0242", "0243"]),
    ("expert_wang", "王芳", ["0221", "0231"]),
    ("expert_zhao", "赵磊", ["0253", "0254", "05"]),
    ("expert_chen", "陈静", ["032", "0311"]),
    ("expert_sun", "孙伟", ["06", "07"]),
    ("expert_zhou", "周婷", ["0211", "0215", "01"]),
    ("expert_wu", "吴强", ["08", "09"]),
]
DONE_STAGES = {"decision", "approved", "rejected", "agreement", "payments", "reporting"}
COMMENTS = [
    ("项目创意突出，团队经验丰富。", "市场推广计划可进一步细化。"),
    ("预算编制基本合理。", "建议补充知识产权保护方案。"),
    ("与本地产业基础结合紧密。", "请说明分阶段实施的里程碑。"),
]


def _expert(username: str, name: str, codes: list[str]) -> User:
    user = User.objects.filter(username=username).first() or user_create(
        username=username,
        password=DEMO_PASSWORD,
        role=Role.EXPERT_REVIEWER,
        email=f"{username}@demo{DEMO_DOMAIN}",
    )
    User.objects.filter(pk=user.pk).update(first_name=name)
    profile, _created = ReviewerProfile.objects.get_or_create(user=user)
    profile.expertise.set(codes)
    return user


def _past_reviews(call: Call, experts: list[User], rng: random.Random) -> int:
    """Reviews of the applications already decided, as they were written at the time."""
    form = scoring.review_form_of(call)
    made = 0
    done = call.applications.filter(stage__in=DONE_STAGES).order_by("id")
    for application in done:
        for reviewer in rng.sample(experts, min(call.reviewers_per_application, len(experts))):
            assignment = ReviewAssignment.objects.create(
                application=application, reviewer=reviewer, status="submitted"
            )
            base = 4 if application.stage != "rejected" else 2
            scores = {
                c["key"]: max(0, min(5, base + rng.choice([-1, 0, 0, 1]))) for c in form["criteria"]
            }
            good, better = rng.choice(COMMENTS)
            Review.objects.create(
                assignment=assignment,
                scores=scores,
                score=scoring.shown(scoring.weighted_mean(form, scores)),
                recommendation="yes" if base == 4 else rng.choice(["no", "maybe"]),
                comment_for_reviewers=good,
                comment_for_applicant=better,
                submitted_at=timezone.now() - dt.timedelta(days=rng.randrange(3, 20)),
            )
            made += 1
    return made


def create(gen: Any) -> dict[str, int]:
    rng = random.Random(2026)
    experts = [_expert(*spec) for spec in EXPERTS]
    demo_expert = User.objects.filter(username="expert_demo").first()
    if demo_expert is not None:
        ReviewerProfile.objects.get_or_create(user=demo_expert)[0].expertise.set(["0241", "03"])
        experts.append(demo_expert)
    reviews = 0
    for call in Call.objects.filter(applications__isnull=False).distinct().order_by("id"):
        staff = User.objects.filter(is_superuser=False, username="staff_national").first()
        in_review = list(call.applications.filter(stage="expert_review").order_by("id"))
        if in_review:
            # A conflict the directory reveals: an expert also represents an applicant.
            affiliation_add(
                user=experts[1], role=Role.ENTERPRISE_REP, organisation=in_review[0].applicant
            )
            # A declared one: another names an applicant in the call's declaration.
            declaration = services.accept_declaration(call=call, by=experts[0])
            declaration.related_organisations.add(in_review[-1].applicant)
        if staff is not None:
            services.assign_reviewers(call=call, by=staff)
        for assignment in ReviewAssignment.objects.filter(
            application__call=call, status="assigned"
        ).select_related("application__call", "reviewer"):
            if assignment.reviewer_id == experts[2].pk:
                services.accept_declaration(call=call, by=assignment.reviewer)
                services.abstain(
                    assignment=assignment,
                    by=assignment.reviewer,
                    reason="三年内曾为该单位提供咨询服务。",
                )
            elif assignment.reviewer_id in (experts[0].pk, experts[3].pk):
                services.accept_declaration(call=call, by=assignment.reviewer)
                form = scoring.review_form_of(call)
                scores = {c["key"]: rng.choice([3, 4, 5]) for c in form["criteria"]}
                services.submit_review(
                    assignment=assignment,
                    by=assignment.reviewer,
                    scores=scores,
                    recommendation=rng.choice(["yes", "maybe"]),
                    comment_for_applicant=rng.choice(COMMENTS)[1],
                )
                reviews += 1
        reviews += _past_reviews(call, experts, rng)
    return {
        "reviewers": len(experts),
        "review assignments": ReviewAssignment.objects.count(),
        "reviews": reviews,
    }


def wipe() -> None:
    calls = Call.objects.filter(programme__code__in=[FUND_CODE, DESIGNATION_CODE])
    ReviewAssignment.objects.filter(application__call__in=calls).delete()  # reviews with them
    Declaration.objects.filter(call__in=calls).delete()
    ReviewerProfile.objects.filter(
        user__username__in=[u for u, _n, _c in EXPERTS] + ["expert_demo"]
    ).delete()
    User.objects.filter(username__in=[u for u, _n, _c in EXPERTS]).delete()
