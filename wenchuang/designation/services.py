"""Writes of the designation domain: one function per use case, permission first, then audit."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Organisation, Role
from wenchuang.core.audit import audit_record
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.regions import place
from wenchuang.core.transitions import changed_meanwhile, transition, version_of

from . import indicators, permissions
from .models import Designation, FieldAssessment, IndicatorSet
from .workflows import (
    ASSESS,
    ASSESSMENT,
    DESIGNATE,
    DESIGNATION,
    ORDER,
    OUTCOME_TARGET,
)


def _problems_error(problems: indicators.Problems) -> ValidationError:
    by_field: dict[str, list[str]] = {}
    for path, message in problems:
        by_field.setdefault(path or "values", []).append(message)
    return ValidationError(by_field)


@transaction.atomic
def indicator_set_save(
    *, by: Any, code: str, title_zh_hans: str, title_en: str = "", definition: Any
) -> IndicatorSet:
    """Create or replace an indicator set; a malformed definition is refused, naming each fault."""
    if not roles.is_centre_staff(by):
        raise PermissionDenied(_("Only centre staff define indicator sets."))
    indicator_set = IndicatorSet.objects.filter(code=code).first() or IndicatorSet(code=code)
    indicator_set.title_zh_hans = title_zh_hans
    indicator_set.title_en = title_en
    indicator_set.definition = definition
    indicator_set.full_clean()
    indicator_set.save()
    return indicator_set


def _check_institution(assessor: Organisation) -> None:
    if assessor.kind != Organisation.Kind.INSTITUTION:
        raise ValidationError(
            {
                "assessor": _("Field assessments are entrusted to an institution, not to %(kind)s.")
                % {"kind": assessor.get_kind_display()}
            }
        )


@transaction.atomic
def assessment_order(
    *,
    park: Any,
    indicator_set: IndicatorSet,
    assessor: Organisation,
    by: Any,
    designation: Designation | None = None,
    year: int | None = None,
    application: Any = None,
) -> FieldAssessment:
    """Entrust a field assessment (or, for a designation, its yearly one) to an institution.

    `application`: the designation application whose field-assessment stage asks for it.
    """
    require(permissions.can_decide(by, park.region_id))
    _check_institution(assessor)
    assessment = FieldAssessment(
        park=park,
        indicator_set=indicator_set,
        assessor=assessor,
        ordered_by=by if getattr(by, "pk", None) else None,
        application=application,
    )
    if designation is not None:
        if not designation.is_live:
            raise ValidationError(_("Only a designation in force is assessed each year."))
        assessment.purpose = FieldAssessment.Purpose.YEARLY
        assessment.designation = designation
        assessment.year = year or timezone.localdate().year
        if FieldAssessment.objects.filter(designation=designation, year=assessment.year).exists():
            raise ValidationError(
                {
                    "year": _("This area already has its assessment for %(year)s.")
                    % {"year": assessment.year}
                }
            )
    place(assessment, park.region)
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as error:  # the same year ordered twice at once
        raise ValidationError(
            {"year": _("This area already has its assessment for that year.")}
        ) from error
    audit_record(actor=by, action=ORDER, instance=assessment, changes={"assessor": assessor.pk})
    notify(
        "assessment_ordered",
        roles.representatives(assessor.pk, Role.ASSESSOR),
        {"assessment": assessment},
        link=reverse_lazy("designation:assessment", args=[assessment.pk]),
    )
    return assessment


def _locked(assessment: FieldAssessment, version: str | None) -> FieldAssessment:
    current = FieldAssessment.objects.select_for_update().get(pk=assessment.pk)
    if version is not None and version != version_of(current):
        raise changed_meanwhile(current)
    return current


@transaction.atomic
def assessment_save(
    *,
    assessment: FieldAssessment,
    by: Any,
    values: Any,
    report: str | None = None,
    version: str | None = None,
) -> FieldAssessment:
    """Keep an assessor's draft values (incomplete is fine; a wrong value is refused)."""
    require(permissions.can_fill_assessment(by, assessment))
    current = _locked(assessment, version)
    require(permissions.can_fill_assessment(by, current))
    definition = current.indicator_set.definition
    cleaned, problems = indicators.check_values(definition, values, complete=False)
    if problems:
        raise _problems_error(problems)
    current.values = cleaned
    current.score = indicators.total_score(definition, cleaned)
    if report is not None:
        current.report = report
    current.full_clean(exclude=["park", "indicator_set", "assessor", "region", "designation"])
    current.save()
    audit_record(actor=by, action=ASSESS, instance=current, changes={"score": str(current.score)})
    return current


@transaction.atomic
def assessment_submit(
    *,
    assessment: FieldAssessment,
    by: Any,
    values: Any = None,
    report: str | None = None,
    version: str | None = None,
) -> FieldAssessment:
    """Submit the assessment: every indicator needs a value; a double click submits once."""
    require(permissions.can_fill_assessment(by, assessment))
    if values is not None or report is not None:
        assessment = assessment_save(
            assessment=assessment,
            by=by,
            values=assessment.values if values is None else values,
            report=report,
            version=version,
        )
    definition = assessment.indicator_set.definition
    cleaned, problems = indicators.check_values(definition, assessment.values, complete=True)
    if problems:
        raise _problems_error(problems)
    score = indicators.total_score(definition, cleaned)
    transition(
        assessment,
        ASSESSMENT,
        "submitted",
        by=by,
        expected="draft",
        updates={"submitted_at": timezone.now(), "submitted_by_id": by.pk, "score": score},
        changes={"score": str(score)},
    )
    if assessment.application_id:
        _application_moves_on(assessment, by)
    staff_link = reverse_lazy("designation:assessment", args=[assessment.pk])
    if assessment.ordered_by_id:
        notify(
            "assessment_submitted",
            [assessment.ordered_by],
            {"assessment": assessment},
            link=staff_link,
        )
    return assessment


def _application_moves_on(assessment: FieldAssessment, by: Any) -> None:
    """The submitted assessment sends its application on to expert review (the assessor's move)."""
    from wenchuang.workflows.services import move_stage

    application = assessment.application
    if application is not None and application.stage == "field_assessment":
        move_stage(application=application, target="expert_review", by=by)


def application_designated(*, application: Any) -> None:
    """After the designation is made, the application shows `designated` (the system's move)."""
    from wenchuang.workflows.services import move_stage

    moved = move_stage(application=application, target="designated", by=None)
    application.stage, application.updated_at = moved.stage, moved.updated_at


def _certificate_number(designation: Designation) -> str:
    return f"WC-{designation.province_code[:2]}-{designation.valid_from.year}-{designation.pk:05d}"


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def designation_grant(
    *, assessment: FieldAssessment, by: Any, valid_from: datetime.date | None = None
) -> Designation:
    """Designate the park of a submitted field assessment that reached the pass mark."""
    require(permissions.can_decide(by, assessment.region_id))
    assessment = FieldAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.purpose != FieldAssessment.Purpose.DESIGNATION:
        raise ValidationError(
            _("A yearly assessment renews, warns or revokes; it does not designate.")
        )
    if assessment.status != FieldAssessment.Status.SUBMITTED:
        raise ValidationError(_("The field assessment has not been submitted yet."))
    definition = assessment.indicator_set.definition
    pass_mark = Decimal(str(definition["pass_mark"]))
    if assessment.score is None or assessment.score < pass_mark:
        raise ValidationError(
            _("The assessment scored %(score)s, below the pass mark of %(mark)s.")
            % {"score": assessment.score, "mark": pass_mark}
        )
    if Designation.objects.filter(park_id=assessment.park_id, status__in=Designation.LIVE).exists():
        raise ValidationError(_("This park is already designated."))
    start = valid_from or timezone.localdate()
    designation = Designation(
        park_id=assessment.park_id,
        indicator_set_id=assessment.indicator_set_id,
        assessment=assessment,
        valid_from=start,
        valid_until=_years_later(start, int(definition["validity_years"])),
        certificate_number=f"pending-{assessment.pk}",
    )
    place(designation, assessment.region)
    try:
        with transaction.atomic():
            designation.save()
    except IntegrityError as error:  # two staff designating the same park at once
        raise ValidationError(_("This park is already designated.")) from error
    designation.certificate_number = _certificate_number(designation)
    designation.save(update_fields=["certificate_number"])
    audit_record(
        actor=by,
        action=DESIGNATE,
        instance=designation,
        changes={
            "status": [None, "designated"],
            "valid_until": designation.valid_until.isoformat(),
        },
    )
    notify(
        "designation_granted",
        roles.representatives(assessment.park.organisation_id, Role.PARK_MANAGER)
        if assessment.park.organisation_id
        else [],
        {"designation": designation},
        link=reverse_lazy("designation:detail", args=[designation.pk]),
    )
    return designation


@transaction.atomic
def designation_move(
    *,
    designation: Designation,
    target: str,
    by: Any,
    version: str | None = None,
    note: str = "",
) -> Designation:
    """Renew (one more year of validity), warn, revoke or expire a designation.

    Based on the state the caller read: if anyone changed the designation since (a renewal
    and a revocation at the same moment), only the first one counts; the other is refused
    with "changed meanwhile".
    """
    current = Designation.objects.select_for_update().get(pk=designation.pk)
    if version is not None and version != version_of(current):
        raise changed_meanwhile(current)
    updates: dict[str, Any] = {}
    if target == Designation.Status.RENEWED:
        updates["valid_until"] = _years_later(designation.valid_until, 1)
    transition(
        designation,
        DESIGNATION,
        target,
        by=by,
        expected=designation.status,
        expected_values={"updated_at": designation.updated_at},
        updates=updates,
        changes={k: v.isoformat() for k, v in updates.items()},
        note=note,
    )
    return designation


@transaction.atomic
def yearly_assessment_decide(
    *, assessment: FieldAssessment, by: Any, version: str | None = None
) -> Designation:
    """Apply a submitted yearly assessment: renew, warn or revoke, by its score and the marks."""
    if assessment.purpose != FieldAssessment.Purpose.YEARLY or assessment.designation is None:
        raise ValidationError(_("Only a yearly assessment renews, warns or revokes."))
    require(permissions.can_decide(by, assessment.region_id))
    if assessment.status != FieldAssessment.Status.SUBMITTED:
        raise ValidationError(_("The yearly assessment has not been submitted yet."))
    result = indicators.outcome(assessment.indicator_set.definition, assessment.score or Decimal(0))
    decided = FieldAssessment.objects.filter(pk=assessment.pk, outcome="").update(
        outcome=result, updated_at=timezone.now()
    )
    if not decided:
        raise changed_meanwhile(assessment)
    assessment.outcome = result
    designation = assessment.designation
    target = OUTCOME_TARGET[result]
    reason = _("Yearly assessment %(year)s: %(score)s points.") % {
        "year": assessment.year,
        "score": assessment.score,
    }
    return designation_move(
        designation=designation, target=target, by=by, version=version, note=reason
    )


def designations_expire(today: datetime.date | None = None) -> int:
    """Expire designations past their validity (the periodic job; safe to run twice)."""
    today = today or timezone.localdate()
    expired = 0
    due = Designation.objects.filter(status__in=Designation.LIVE, valid_until__lt=today)
    for designation in due.order_by("id").iterator():
        try:
            with transaction.atomic():
                designation_move(designation=designation, target="expired", by=None)
        except ValidationError:  # moved meanwhile (renewed, revoked or already expired)
            continue
        expired += 1
    return expired
