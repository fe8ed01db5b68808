"""Every role against every award action: who may, who may not, and what a refusal says."""

from decimal import Decimal

import pytest

from wenchuang.funding import permissions, services

from .factories import make_award

pytestmark = pytest.mark.django_db

ROLES = [
    "wuxi_staff",
    "jiangsu_staff",
    "national_staff",
    "dalian_staff",
    "district",
    "park_manager",
    "rep",
    "rival_rep",
    "investor",
    "expert",
    "member",
    "public",
]


@pytest.fixture
def award(cast, orgs):
    """Acme's award (Binhu, Wuxi), signed; its mid-term report submitted, the next one due."""
    award = make_award(cast["wuxi_staff"], orgs["acme"], signed=True)
    midterm = award.reports.filter(kind="progress").order_by("due_on").first()
    services.report_submit(report=midterm, by=cast["rep"], summary="进展", amount_spent=Decimal(1))
    return award


def act(action, user, award):
    reports = award.reports.filter(kind="progress").order_by("due_on")
    submitted, due = reports[0], reports[1]
    advance = award.tranches.get(position=1)
    return {
        "view_award": lambda: permissions.can_view_award(user, award),
        "manage_award": lambda: permissions.can_manage_award(user, award),
        "pay_advance": lambda: permissions.can_pay(user, advance),
        "submit_report": lambda: permissions.can_submit_report(user, due),
        "attach_to_report": lambda: permissions.can_attach_to_report(user, due),
        "read_report_files": lambda: permissions.can_view_report(user, due),
        "decide_report": lambda: permissions.can_decide_report(user, submitted),
    }[action]()


# Y = allowed, . = refused; columns follow ROLES.
# fmt: off
MATRIX = {
    #                      wuxi jsu  nat  dal  dist park rep  rival inv exp  memb pub
    "view_award":         "Y    Y    Y    .    Y    .    Y    .    .    .    .    .",
    "manage_award":       "Y    Y    Y    .    .    .    .    .    .    .    .    .",
    "pay_advance":        "Y    Y    Y    .    .    .    .    .    .    .    .    .",
    "submit_report":      ".    .    .    .    .    .    Y    .    .    .    .    .",
    "attach_to_report":   ".    .    .    .    .    .    Y    .    .    .    .    .",
    "read_report_files":  "Y    Y    Y    .    Y    .    Y    .    .    .    .    .",
    "decide_report":      "Y    Y    Y    .    .    .    .    .    .    .    .    .",
}
# fmt: on


@pytest.mark.parametrize("action", list(MATRIX))
def test_every_role_against_every_award_action(cast, award, action):
    expected = dict(zip(ROLES, MATRIX[action].split(), strict=True))
    for role in ROLES:
        decision = act(action, cast[role], award)
        assert bool(decision) == (expected[role] == "Y"), f"{role} may {action}: {decision}"
        if not decision:
            assert decision.reason, f"{role} refused {action} without a reason"


def test_a_visitor_is_told_to_sign_in(award):
    from django.contrib.auth.models import AnonymousUser

    assert "Sign in" in permissions.can_view_award(AnonymousUser(), award).reason


def test_staff_elsewhere_hear_that_the_award_is_outside_their_jurisdiction(cast, award):
    assert (
        "outside your jurisdiction"
        in permissions.can_manage_award(cast["dalian_staff"], award).reason
    )
