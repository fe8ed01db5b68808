"""Every role against every designation action: order, fill, submit, designate, move, expire."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.core.audit import history_for
from wenchuang.core.transitions import Conflict, version_of
from wenchuang.designation import services
from wenchuang.designation.models import Designation, FieldAssessment
from wenchuang.designation.standard import GOOD_VALUES, POOR_VALUES, WARN_VALUES
from wenchuang.directory.tests.factories import ParkFactory

from .factories import DesignationFactory, FieldAssessmentFactory, IndicatorSetFactory

pytestmark = pytest.mark.django_db

# Who may decide for a park in Binhu, Wuxi: centre staff over Wuxi, Jiangsu or the country.
DECIDERS = ["wuxi_staff", "jiangsu_staff", "national_staff"]
NOT_DECIDERS = ["dalian_staff", "district", "assessor", "park_manager", "rep", "expert", "public"]


def _who(cast, name):
    return AnonymousUser() if name == "anonymous" else cast[name]


@pytest.fixture
def park(orgs):
    return ParkFactory(
        organisation=orgs["studios_operator"],
        name_zh_hans="无锡国家数字电影产业园",
        name_en="Wuxi Studios",
    )


@pytest.mark.parametrize("name", DECIDERS)
def test_centre_staff_over_the_park_order_a_field_assessment(cast, orgs, park, name):
    assessment = services.assessment_order(
        park=park, indicator_set=IndicatorSetFactory(), assessor=orgs["assessors"], by=cast[name]
    )
    assert assessment.status == "draft" and assessment.prefecture_code == "320200"
    assert history_for(assessment).first().action == "order_assessment"


@pytest.mark.parametrize("name", [*NOT_DECIDERS, "anonymous"])
def test_nobody_else_orders_an_assessment(cast, orgs, park, name):
    with pytest.raises(PermissionDenied):
        services.assessment_order(
            park=park,
            indicator_set=IndicatorSetFactory(),
            assessor=orgs["assessors"],
            by=_who(cast, name),
        )


def test_an_assessment_is_entrusted_only_to_an_institution(cast, orgs, park):
    with pytest.raises(ValidationError) as refused:
        services.assessment_order(
            park=park,
            indicator_set=IndicatorSetFactory(),
            assessor=orgs["lawyers"],
            by=cast["wuxi_staff"],
        )
    assert refused.value.message_dict["assessor"] == [
        "Field assessments are entrusted to an institution, not to service provider."
    ]


def test_the_institutions_assessors_are_told_after_commit(
    cast, orgs, park, django_capture_on_commit_callbacks
):
    assessor = cast["assessor"]
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_order(
            park=park,
            indicator_set=IndicatorSetFactory(),
            assessor=orgs["assessors"],
            by=cast["wuxi_staff"],
        )
    assert [m.to for m in mail.outbox] == [[assessor.email]]
    # In the assessor's language (Chinese, the site's default), naming the park.
    assert mail.outbox[0].subject == "委托给您的实地评估：无锡国家数字电影产业园"


def test_the_assessor_fills_a_draft_and_submits_it_once(cast, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    assessor = cast["assessor"]
    services.assessment_save(assessment=assessment, by=assessor, values={"tenant_enterprises": 120})
    assessment.refresh_from_db()
    assert assessment.values == {"tenant_enterprises": 120} and assessment.status == "draft"
    services.assessment_submit(assessment=assessment, by=assessor, values=GOOD_VALUES)
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.score == Decimal("83.75")
    assert assessment.submitted_by == assessor
    # A double click: the second submission changes nothing.
    with pytest.raises(PermissionDenied, match="has been submitted"):
        services.assessment_submit(assessment=assessment, by=assessor, values=POOR_VALUES)
    assessment.refresh_from_db()
    assert assessment.score == Decimal("83.75")
    assert history_for(assessment).filter(action="submit").count() == 1


def test_an_incomplete_assessment_is_not_submitted(cast, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    with pytest.raises(ValidationError) as refused:
        services.assessment_submit(
            assessment=assessment, by=cast["assessor"], values={"tenant_enterprises": 3}
        )
    assert refused.value.message_dict["revenue"] == ["This indicator needs a value."]
    assessment.refresh_from_db()
    assert assessment.status == "draft"


@pytest.mark.parametrize(
    "name", ["other_assessor", "wuxi_staff", "park_manager", "expert", "anonymous"]
)
def test_only_the_entrusted_institutions_assessors_fill_it(cast, orgs, name):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    with pytest.raises(PermissionDenied):
        services.assessment_save(assessment=assessment, by=_who(cast, name), values=GOOD_VALUES)
    with pytest.raises(PermissionDenied):
        services.assessment_submit(assessment=assessment, by=_who(cast, name), values=GOOD_VALUES)


def test_a_draft_saved_from_a_stale_form_is_refused(cast, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    stale = version_of(assessment)
    services.assessment_save(assessment=assessment, by=cast["assessor"], values={"employment": 5})
    with pytest.raises(Conflict, match="changed meanwhile by assessor"):
        services.assessment_save(
            assessment=assessment, by=cast["assessor"], values={"employment": 9}, version=stale
        )


@pytest.mark.parametrize("name", DECIDERS)
def test_staff_designate_a_park_that_passed_for_the_sets_validity(cast, orgs, name):
    assessment = FieldAssessmentFactory(submitted=True, assessor=orgs["assessors"])
    designation = services.designation_grant(
        assessment=assessment, by=cast[name], valid_from=datetime.date(2026, 3, 1)
    )
    assert designation.status == "designated"
    assert (designation.valid_from, designation.valid_until) == (
        datetime.date(2026, 3, 1),
        datetime.date(2029, 3, 1),
    )
    assert designation.certificate_number == f"WC-32-2026-{designation.pk:05d}"
    assert designation.park == assessment.park


def test_the_park_manager_hears_of_the_designation(
    cast, orgs, park, django_capture_on_commit_callbacks
):
    manager = cast["park_manager"]
    manager.language = "en"
    manager.save(update_fields=["language"])
    assessment = FieldAssessmentFactory(submitted=True, park=park, assessor=orgs["assessors"])
    with django_capture_on_commit_callbacks(execute=True):
        designation = services.designation_grant(assessment=assessment, by=cast["wuxi_staff"])
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert mail.outbox[0].subject == "Wuxi Studios is designated as a cluster area"
    assert designation.certificate_number in mail.outbox[0].body


@pytest.mark.parametrize("name", [*NOT_DECIDERS, "anonymous"])
def test_nobody_else_designates(cast, orgs, name):
    assessment = FieldAssessmentFactory(submitted=True, assessor=orgs["assessors"])
    with pytest.raises(PermissionDenied):
        services.designation_grant(assessment=assessment, by=_who(cast, name))
    assert not Designation.objects.exists()


def test_a_park_below_the_pass_mark_or_not_yet_assessed_is_not_designated(cast, orgs):
    draft = FieldAssessmentFactory(assessor=orgs["assessors"])
    with pytest.raises(ValidationError, match="not been submitted"):
        services.designation_grant(assessment=draft, by=cast["wuxi_staff"])
    poor = FieldAssessmentFactory(submitted=True, values=POOR_VALUES, assessor=orgs["assessors"])
    with pytest.raises(ValidationError, match="scored 23.63, below the pass mark of 70"):
        services.designation_grant(assessment=poor, by=cast["wuxi_staff"])


def test_a_park_is_designated_once_at_a_time(cast, orgs):
    first = FieldAssessmentFactory(submitted=True, assessor=orgs["assessors"])
    services.designation_grant(assessment=first, by=cast["wuxi_staff"])
    second = FieldAssessmentFactory(submitted=True, park=first.park, assessor=orgs["assessors"])
    with pytest.raises(ValidationError, match="already designated"):
        services.designation_grant(assessment=second, by=cast["wuxi_staff"])


MOVES = [
    ("designated", "renewed"),
    ("designated", "warned"),
    ("designated", "revoked"),
    ("renewed", "renewed"),
    ("renewed", "warned"),
    ("renewed", "revoked"),
    ("warned", "renewed"),
    ("warned", "revoked"),
]


@pytest.mark.parametrize(("source", "target"), MOVES)
@pytest.mark.parametrize("name", DECIDERS)
def test_staff_over_the_park_make_every_move(cast, source, target, name):
    designation = DesignationFactory(status=source)
    services.designation_move(designation=designation, target=target, by=cast[name], note="因故")
    designation.refresh_from_db()
    assert designation.status == target
    renewed = target == "renewed"
    assert designation.valid_until == datetime.date(2029 if renewed else 2028, 1, 1)


@pytest.mark.parametrize(("source", "target"), MOVES)
@pytest.mark.parametrize("name", [*NOT_DECIDERS, "anonymous"])
def test_nobody_else_makes_any_move(cast, source, target, name):
    designation = DesignationFactory(status=source)
    with pytest.raises(PermissionDenied):
        services.designation_move(designation=designation, target=target, by=_who(cast, name))
    designation.refresh_from_db()
    assert designation.status == source


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("warned", "warned"),
        ("revoked", "renewed"),
        ("expired", "renewed"),
        ("designated", "designated"),
    ],
)
def test_moves_the_table_does_not_have_are_refused(cast, source, target):
    designation = DesignationFactory(status=source)
    with pytest.raises(ValidationError, match="cannot go from"):
        services.designation_move(designation=designation, target=target, by=cast["wuxi_staff"])


def test_staff_cannot_expire_a_designation_by_hand(cast):
    designation = DesignationFactory()
    with pytest.raises(PermissionDenied, match="expires by itself"):
        services.designation_move(designation=designation, target="expired", by=cast["wuxi_staff"])


def test_a_move_from_a_stale_page_is_refused(cast):
    designation = DesignationFactory()
    stale = version_of(designation)
    services.designation_move(designation=designation, target="warned", by=cast["wuxi_staff"])
    with pytest.raises(Conflict, match="changed meanwhile by wuxi_staff"):
        services.designation_move(
            designation=designation, target="revoked", by=cast["jiangsu_staff"], version=stale
        )


def test_a_move_based_on_an_old_read_is_refused_even_without_a_version(cast):
    designation = DesignationFactory(status="renewed")
    old_read = Designation.objects.get(pk=designation.pk)
    services.designation_move(designation=designation, target="renewed", by=cast["wuxi_staff"])
    # A second "renew" from the same page would add a second year: refused.
    with pytest.raises(Conflict):
        services.designation_move(designation=old_read, target="renewed", by=cast["wuxi_staff"])
    designation.refresh_from_db()
    assert designation.valid_until == datetime.date(2029, 1, 1)


@pytest.mark.parametrize(
    ("values", "status", "until"),
    [
        (GOOD_VALUES, "renewed", datetime.date(2029, 1, 1)),
        (WARN_VALUES, "warned", datetime.date(2028, 1, 1)),
        (POOR_VALUES, "revoked", datetime.date(2028, 1, 1)),
    ],
)
def test_a_yearly_assessment_renews_warns_or_revokes(cast, orgs, values, status, until):
    designation = DesignationFactory()
    yearly = services.assessment_order(
        park=designation.park,
        indicator_set=designation.indicator_set,
        assessor=orgs["assessors"],
        by=cast["wuxi_staff"],
        designation=designation,
        year=2026,
    )
    services.assessment_submit(assessment=yearly, by=cast["assessor"], values=values)
    yearly.refresh_from_db()
    services.yearly_assessment_decide(assessment=yearly, by=cast["wuxi_staff"])
    designation.refresh_from_db()
    assert (designation.status, designation.valid_until) == (status, until)
    outcome = {"renewed": "renew", "warned": "warn", "revoked": "revoke"}[status]
    assert FieldAssessment.objects.get(pk=yearly.pk).outcome == outcome
    # The same assessment decides once.
    with pytest.raises(Conflict):
        services.yearly_assessment_decide(assessment=yearly, by=cast["wuxi_staff"])


def test_one_yearly_assessment_per_year(cast, orgs):
    designation = DesignationFactory()
    order = dict(
        park=designation.park,
        indicator_set=designation.indicator_set,
        assessor=orgs["assessors"],
        by=cast["wuxi_staff"],
        designation=designation,
        year=2026,
    )
    services.assessment_order(**order)
    with pytest.raises(ValidationError) as refused:
        services.assessment_order(**order)
    assert refused.value.message_dict["year"] == ["This area already has its assessment for 2026."]


def test_the_daily_job_expires_designations_past_their_validity():
    lapsing = DesignationFactory(lapsing=True)
    warned_lapsing = DesignationFactory(lapsing=True, warned=True)
    current = DesignationFactory()
    revoked = DesignationFactory(lapsing=True, revoked=True)
    assert services.designations_expire(today=datetime.date(2026, 1, 1)) == 2
    statuses = {d.pk: d.status for d in Designation.objects.all()}
    assert statuses == {
        lapsing.pk: "expired",
        warned_lapsing.pk: "expired",
        current.pk: "designated",
        revoked.pk: "revoked",
    }
    assert history_for(lapsing).first().actor is None
    # Run twice (two workers): nothing more happens.
    assert services.designations_expire(today=datetime.date(2026, 1, 1)) == 0


def test_the_expiry_job_is_scheduled():
    from wenchuang.core.scheduling import periodic_jobs

    job = periodic_jobs()["designation_expiry"]
    assert job.every == datetime.timedelta(days=1)
