"""Every role against every directory action: who may, who may not, and what a refusal says."""

import pytest

from wenchuang.directory import permissions
from wenchuang.directory.models import Enterprise, ProfileChange

ROLES = [
    "wuxi_staff",
    "dalian_staff",
    "national_staff",
    "district",
    "park_manager",
    "rep",
    "investor",
    "expert",
    "provider",
    "member",
    "public",
]


def act(action, user, d):
    acme, rival, studios = d["acme"], d["rival"], d["studios"]
    fund, lawyers = d["fund"], d["lawyers"]
    return {
        "view_contacts": lambda: permissions.can_view_contacts(user, acme),
        "create_enterprise": lambda: permissions.can_create(user, Enterprise),
        "edit_own_enterprise": lambda: permissions.can_edit(user, acme),
        "edit_rival_enterprise": lambda: permissions.can_edit(user, rival),
        "edit_park": lambda: permissions.can_edit(user, studios),
        "manage_tenants": lambda: permissions.can_manage_tenants(user, studios),
        "edit_investor_profile": lambda: permissions.can_edit(user, fund),
        "edit_provider_profile": lambda: permissions.can_edit(user, lawyers),
        "validate_wuxi": lambda: permissions.can_validate(user, acme.region_id),
        "import": lambda: permissions.can_import(user),
        # An owner's proposal to move a Wuxi record to Dalian: both cities' staff decide it.
        "decide_move_to_dalian": lambda: permissions.can_decide_change(
            user,
            ProfileChange(region_code="210202", origin_region_code=acme.region_id),
        ),
        "view_pending_rival": lambda: permissions.can_view(user, _pending(rival)),
    }[action]()


def _pending(record):
    record.status = "pending"
    return record


# Y = allowed, . = refused; columns follow ROLES.
# fmt: off
MATRIX = {
    #                          wuxi dal  nat  dist park rep  inv  exp  prov memb pub
    "view_contacts":          "Y    Y    Y    Y    .    Y    .    .    .    .    .",
    "create_enterprise":      "Y    Y    Y    .    .    .    .    .    .    .    .",
    "edit_own_enterprise":    "Y    .    Y    .    .    Y    .    .    .    .    .",
    "edit_rival_enterprise":  "Y    .    Y    .    .    .    .    .    .    .    .",
    "edit_park":              "Y    .    Y    .    Y    .    .    .    .    .    .",
    "manage_tenants":         "Y    .    Y    .    Y    .    .    .    .    .    .",
    "edit_investor_profile":  "Y    .    Y    .    .    .    Y    .    .    .    .",
    "edit_provider_profile":  "Y    .    Y    .    .    .    .    .    Y    .    .",
    "validate_wuxi":          "Y    .    Y    .    .    .    .    .    .    .    .",
    "import":                 "Y    Y    Y    .    .    .    .    .    .    .    .",
    "decide_move_to_dalian":  "Y    Y    Y    .    .    .    .    .    .    .    .",
    "view_pending_rival":     "Y    .    Y    .    .    .    .    .    .    .    .",
}
# fmt: on


@pytest.mark.django_db
@pytest.mark.parametrize("action", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_role_action_matrix(role, action, cast, directory):
    expected = MATRIX[action].split()[ROLES.index(role)] == "Y"
    decision = act(action, cast[role], directory)
    assert decision.allowed is expected
    if not expected:
        assert decision.reason, "a refusal must say why"


@pytest.mark.django_db
def test_enterprise_rep_refused_on_another_enterprise_is_told_why(cast, directory):
    decision = permissions.can_edit(cast["rep"], directory["rival"])
    assert decision.reason == "You can edit only enterprises of your own organisation."


@pytest.mark.django_db
def test_rep_already_having_a_profile_cannot_create_a_second(cast, directory):
    decision = permissions.can_create(cast["rep"], Enterprise)
    assert not decision.allowed
    assert "already has a profile" in decision.reason


@pytest.mark.django_db
def test_staff_outside_jurisdiction_hear_which_jurisdiction_they_have(cast, directory):
    decision = permissions.can_edit(cast["dalian_staff"], directory["acme"])
    assert not decision.allowed
    assert "outside your jurisdiction" in decision.reason
    assert "Dalian" in decision.reason or "大连" in decision.reason


@pytest.mark.django_db
def test_provincial_office_oversees_every_city_of_its_province(cast, directory):
    assert permissions.can_edit(cast["jiangsu_staff"], directory["acme"])
    assert permissions.can_edit(cast["jiangsu_staff"], directory["rival"])
    assert not permissions.can_edit(cast["jiangsu_staff"], directory["dalian"])


@pytest.mark.django_db
def test_park_manager_manages_only_own_park(cast, directory):
    assert permissions.can_manage_tenants(cast["park_manager"], directory["studios"])
    refusal = permissions.can_manage_tenants(cast["park_manager"], directory["other_park"])
    assert refusal.reason == "You can manage the tenant list only of your own park."
    assert not permissions.can_edit(cast["park_manager"], directory["acme"])


# Pairs of cast members: the first is given the second's affiliations as well.
UNIONS = [
    ("rep", "park_manager"),
    ("expert", "provider"),
    ("dalian_staff", "rep"),
    ("district", "investor"),
    ("member", "wuxi_staff"),
]


def _grant_roles_of(user, other):
    from wenchuang.accounts.services import affiliation_add

    for a in other.affiliations.all():
        affiliation_add(
            user=user,
            role=a.role,
            organisation=a.organisation,
            jurisdiction_code=a.jurisdiction_id,
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("first", "second"), UNIONS)
def test_a_user_with_two_affiliations_may_do_what_either_may(first, second, cast, directory):
    user = cast[first]
    _grant_roles_of(user, cast[second])
    for action, row in MATRIX.items():
        cells = row.split()
        expected = "Y" in (cells[ROLES.index(first)], cells[ROLES.index(second)])
        assert act(action, user, directory).allowed is expected, action


@pytest.mark.django_db
@pytest.mark.parametrize(("first", "second"), UNIONS)
def test_a_removed_affiliation_takes_its_rights_away(first, second, cast, directory):
    from wenchuang.accounts.models import User
    from wenchuang.accounts.services import affiliation_remove

    user = cast[first]
    kept = set(user.affiliations.values_list("pk", flat=True))
    _grant_roles_of(user, cast[second])
    for affiliation in user.affiliations.exclude(pk__in=kept):
        affiliation_remove(affiliation=affiliation)
    for who in (user, User.objects.get(pk=user.pk)):  # this request's object, and the next's
        for action, row in MATRIX.items():
            expected = row.split()[ROLES.index(first)] == "Y"
            assert act(action, who, directory).allowed is expected, action
