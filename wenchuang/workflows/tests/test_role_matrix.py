"""Every move of the standard stage table, tried by every kind of person: only the role the
table names may make it (the applicant's people, staff of the applicant's region, the system)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from wenchuang.core.audit import history_for
from wenchuang.workflows import services
from wenchuang.workflows.defaults import standard_stages

from .factories import ApplicationFactory, CallFactory

TABLE = standard_stages(field_assessment=True)
MOVES = [(m["from"], m["to"], tuple(m["by"])) for m in TABLE["moves"]]

# Who each role of a table means, among the cast (the applicant is Acme, in Binhu, Wuxi).
PEOPLE = {
    "rep": {"applicant"},
    "wuxi_staff": {"staff"},
    "jiangsu_staff": {"staff"},
    "national_staff": {"staff"},
    "district": {"staff"},  # Binhu's district official: the applicant's own district
    "shandong_staff": set(),
    "dalian_staff": set(),
    "rival_rep": set(),
    "expert": set(),  # reviewers act through the reviews app, not by moving stages
    "park_manager": set(),
    "anonymous": set(),
}


@pytest.mark.django_db
@pytest.mark.parametrize("person", sorted(PEOPLE))
@pytest.mark.parametrize(
    ("source", "target", "roles"), MOVES, ids=[f"{a}-{b}" for a, b, _r in MOVES]
)
def test_only_the_role_the_table_names_makes_the_move(cast, person, source, target, roles):
    # A kind no plug-in registers: the engine's table alone (funding and designation test
    # their own hooks, which narrow some moves further, e.g. awards to centre staff).
    call = CallFactory(stages=TABLE, programme__kind="engine_only")
    application = ApplicationFactory(
        call=call, applicant=cast["rep"].organisation, stage=source, submitted_at=call.opens_at
    )
    by = AnonymousUser() if person == "anonymous" else cast[person]
    allowed = bool(PEOPLE[person] & set(roles))
    if allowed:
        services.move_stage(application=application, target=target, by=by, note="请补充材料")
        application.refresh_from_db()
        assert application.stage == target
        assert history_for(application).first().actor == by
    else:
        with pytest.raises(PermissionDenied):
            services.move_stage(application=application, target=target, by=by, note="x")
        application.refresh_from_db()
        assert application.stage == source


@pytest.mark.django_db
def test_the_system_makes_only_the_moves_named_for_it(cast):
    table = standard_stages()
    table["moves"].append(
        {
            "from": "decision",
            "to": "rejected",
            "by": ["system"],
            "action": "reject",
            "labels": {"en": "expire"},
        }
    )
    application = ApplicationFactory(call=CallFactory(stages=table), decision=True)
    with pytest.raises(PermissionDenied):
        services.move_stage(application=application, target="approved", by=None)
    services.move_stage(application=application, target="rejected", by=None)
    application.refresh_from_db()
    assert application.stage == "rejected"


@pytest.mark.django_db
def test_a_reviewer_role_registered_by_a_plug_in_may_move(cast):
    from wenchuang.core.permissions import ALLOW, deny
    from wenchuang.workflows.actors import _ACTORS, register_actor

    table = standard_stages()
    table["moves"].append(
        {"from": "expert_review", "to": "decision", "by": ["reviewer"], "labels": {"en": "done"}}
    )
    table["moves"] = [
        m
        for m in table["moves"]
        if not (m["from"] == "expert_review" and m["to"] == "decision" and m["by"] == ["staff"])
    ]
    application = ApplicationFactory(call=CallFactory(stages=table), expert_review=True)
    saved = dict(_ACTORS)
    expert = cast["expert"]
    register_actor("reviewer", lambda user, app: ALLOW if user == expert else deny("no"))
    try:
        with pytest.raises(PermissionDenied):
            services.move_stage(application=application, target="decision", by=cast["rep"])
        services.move_stage(application=application, target="decision", by=expert)
    finally:
        _ACTORS.clear()
        _ACTORS.update(saved)
    application.refresh_from_db()
    assert application.stage == "decision"
