"""Demo designations: the 2026 indicator set and parks of the demo directory at every status.

Made through the services, as staff and assessors would make them, after the directory's
demo generator: a field assessment in progress, one awaiting the decision, and areas
designated, renewed, warned, revoked and expired, each with its assessments.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from wenchuang.accounts.models import Organisation, User
from wenchuang.directory.demo import DEMO_DOMAIN
from wenchuang.directory.models import Park

from . import services
from .models import Designation, FieldAssessment, IndicatorSet
from .standard import (
    GOOD_VALUES,
    POOR_VALUES,
    STANDARD_CODE,
    STANDARD_DEFINITION,
    STANDARD_TITLE,
    WARN_VALUES,
)

FINDINGS = "园区运营规范，公共服务平台运转良好；建议加强国际交流合作。"


def _assess(assessment: FieldAssessment, assessor: User, values: dict) -> FieldAssessment:
    services.assessment_submit(assessment=assessment, by=assessor, values=values, report=FINDINGS)
    assessment.refresh_from_db()
    return assessment


def _designate(park, *, staff, institution, assessor, indicator_set, start: datetime.date):
    order = services.assessment_order(
        park=park, indicator_set=indicator_set, assessor=institution, by=staff
    )
    assessment = _assess(order, assessor, GOOD_VALUES)
    return services.designation_grant(assessment=assessment, by=staff, valid_from=start)


def _yearly(designation, year: int, values, *, staff, institution, assessor, decide=True):
    order = services.assessment_order(
        park=designation.park,
        indicator_set=designation.indicator_set,
        assessor=institution,
        by=staff,
        designation=designation,
        year=year,
    )
    if values is None:
        return designation
    assessment = _assess(order, assessor, values)
    if decide:
        services.yearly_assessment_decide(assessment=assessment, by=staff)
    designation.refresh_from_db()
    return designation


def _from_applications(*, staff, institution, assessor, indicator_set) -> set[int]:
    """The engine's designation applications get the assessments and designations their
    stages imply (the engine's demo places them at a stage without running the hooks).
    Returns the parks designated this way."""
    from django.contrib.contenttypes.models import ContentType

    from wenchuang.workflows.models import Application

    designated: set[int] = set()
    park_type = ContentType.objects.get_for_model(Park)
    applications = Application.objects.filter(
        call__programme__kind="designation",
        subject_type=park_type,
        stage__in=["field_assessment", "expert_review", "decision", "approved"],
    ).order_by("id")
    for application in applications:
        park = Park.objects.get(pk=application.subject_id)
        order = services.assessment_order(
            park=park,
            indicator_set=indicator_set,
            assessor=institution,
            by=staff,
            application=application,
        )
        if application.stage == "field_assessment":
            services.assessment_save(
                assessment=order, by=assessor, values={"tenant_enterprises": 75}
            )
            continue
        assessment = _assess(order, assessor, GOOD_VALUES)
        if application.stage == "approved" and park.pk not in designated:
            services.designation_grant(assessment=assessment, by=staff)
            services.application_designated(application=application)
            designated.add(park.pk)
    return designated


@transaction.atomic
def create_demo(generator: object = None) -> dict[str, int]:
    """Create the demo designations (nothing when the demo directory or its people are missing)."""
    staff = User.objects.filter(username="staff_national").first()
    assessor = User.objects.filter(username="assessor_demo").first()
    institution = Organisation.objects.filter(kind=Organisation.Kind.INSTITUTION).first()
    parks = list(Park.objects.filter(status="published").order_by("id"))
    if staff is None or assessor is None or institution is None:
        return {}
    indicator_set = services.indicator_set_save(
        by=staff,
        code=STANDARD_CODE,
        title_zh_hans=STANDARD_TITLE["zh-hans"],
        title_en=STANDARD_TITLE["en"],
        definition=STANDARD_DEFINITION,
    )
    people = {"staff": staff, "institution": institution, "assessor": assessor}
    taken = _from_applications(**people, indicator_set=indicator_set)
    # The register's history: parks the applications did not designate, at every status.
    parks = [park for park in parks if park.pk not in taken][:8]
    if len(parks) < 8:
        return {}
    designate = dict(people, indicator_set=indicator_set)
    # A field assessment in progress, and one submitted and awaiting the centre's decision.
    draft = services.assessment_order(
        park=parks[0], indicator_set=indicator_set, assessor=institution, by=staff
    )
    services.assessment_save(assessment=draft, by=assessor, values={"tenant_enterprises": 64})
    waiting = services.assessment_order(
        park=parks[1], indicator_set=indicator_set, assessor=institution, by=staff
    )
    _assess(waiting, assessor, GOOD_VALUES)
    # Designated this year, its first yearly assessment entrusted but not yet filled in.
    fresh = _designate(parks[2], start=datetime.date(2026, 3, 1), **designate)
    _yearly(fresh, 2026, None, **people)
    # Designated in 2024, then renewed, warned and revoked by their 2025 assessments.
    for park, values in ((parks[3], GOOD_VALUES), (parks[4], WARN_VALUES), (parks[5], POOR_VALUES)):
        older = _designate(park, start=datetime.date(2024, 4, 1), **designate)
        _yearly(older, 2025, values, **people)
    # Designated in 2022 for three years; the daily job expired it.
    lapsed = _designate(parks[6], start=datetime.date(2022, 9, 1), **designate)
    services.designations_expire(today=lapsed.valid_until + datetime.timedelta(days=1))
    _designate(parks[7], start=datetime.date(2025, 6, 1), **designate)
    return {
        "indicator sets": IndicatorSet.objects.count(),
        "field assessments": FieldAssessment.objects.count(),
        "designations": Designation.objects.count(),
    }


def wipe_demo() -> None:
    """Delete every designation and assessment of demo parks (before the engine's and the
    directory's demo data are wiped)."""
    parks = Park.objects.filter(email__endswith=DEMO_DOMAIN)
    Designation.objects.filter(park__in=parks).update(assessment=None)
    FieldAssessment.objects.filter(park__in=parks).delete()
    Designation.objects.filter(park__in=parks).delete()
