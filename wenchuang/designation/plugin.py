"""The "designation" programme kind on the application engine: stages, form and hooks.

A park operator applies (the application's subject is the park); staff screen it and send
it to field assessment, which entrusts the assessment to an institution (the field
assessment stage's `assessor`, else the institution with the fewest open assessments).
When the assessors submit, the application moves on to expert review by itself. Entering
`approved` designates the park (the register and its certificate), and the application
then shows `designated`; the register takes over from there (renewed, warned, revoked,
expired).
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wenchuang.accounts.models import Organisation
from wenchuang.core.permissions import ALLOW, Decision, deny
from wenchuang.directory.models import Park
from wenchuang.workflows.defaults import labels, move, stage, standard_stages
from wenchuang.workflows.plugins import ProgrammeKind

from . import permissions
from .models import FieldAssessment, IndicatorSet
from .standard import STANDARD_CODE

KEY = "designation"

DESIGNATED = stage("designated", "已认定", "designated", "labellisée", "anerkannt")
DESIGNATE = move(
    "approved", "designated", "system", "designate", "认定", "designate", "labelliser", "anerkennen"
)


def default_stages() -> dict[str, Any]:
    """The engine's stages with field assessment, then `designated`; the assessment's set."""
    table = standard_stages(field_assessment=True, tail_stages=[DESIGNATED], tail_moves=[DESIGNATE])
    for entry in table["stages"]:
        if entry["key"] == "field_assessment":
            # Which indicator set the assessors fill in; staff may add "assessor": an id.
            entry["indicator_set"] = STANDARD_CODE
    return table


def _field(key: str, kind: str, zh: str, en: str, fr: str, de: str, **extra: Any) -> dict:
    return {"key": key, "type": kind, "label": labels(zh, en, fr, de), **extra}


DEFAULT_FORM: dict[str, Any] = {
    "sections": [
        {
            "key": "park",
            "title": labels("集聚区概况", "The cluster area", "La zone", "Das Clustergebiet"),
            "fields": [
                _field(
                    "park_name",
                    "text",
                    "集聚区名称",
                    "Name of the area",
                    "Nom de la zone",
                    "Name des Gebiets",
                    required=True,
                    max_length=200,
                ),
                _field(
                    "area",
                    "number",
                    "占地面积（公顷）",
                    "Area (hectares)",
                    "Surface (hectares)",
                    "Fläche (Hektar)",
                    required=True,
                    min=0,
                    max=100000,
                ),
                _field(
                    "operator",
                    "text",
                    "运营管理机构",
                    "Operator",
                    "Gestionnaire",
                    "Betreiber",
                    required=True,
                    max_length=200,
                ),
                _field(
                    "tenant_enterprises",
                    "number",
                    "入驻文化企业数",
                    "Tenant cultural enterprises",
                    "Entreprises culturelles hébergées",
                    "Angesiedelte Kulturunternehmen",
                    required=True,
                    min=0,
                    max=100000,
                ),
                _field(
                    "revenue",
                    "money",
                    "上年度营业收入",
                    "Revenue last year",
                    "Chiffre d'affaires de l'an dernier",
                    "Umsatz im Vorjahr",
                    currency="CNY",
                ),
                _field(
                    "indicators_summary",
                    "long_text",
                    "主要指标说明",
                    "Summary of the indicators",
                    "Résumé des indicateurs",
                    "Zusammenfassung der Indikatoren",
                    required=True,
                    max_length=5000,
                ),
                _field(
                    "plan",
                    "file",
                    "集聚区发展规划",
                    "Development plan",
                    "Plan de développement",
                    "Entwicklungsplan",
                    accept=["pdf", "docx"],
                    max_size=10 * 1024 * 1024,
                ),
            ],
        }
    ]
}


def default_form() -> dict[str, Any]:
    return copy.deepcopy(DEFAULT_FORM)


def _park_of(application: Any) -> Park:
    subject = application.subject
    if isinstance(subject, Park):
        return subject
    # Begun on the call's page, which names no park: the applicant operates exactly one, and
    # the application is for it from now on (its subject, as an API client would have set).
    parks = list(Park.objects.filter(organisation_id=application.applicant_id)[:2])
    if len(parks) != 1:
        raise ValidationError(_("A designation application names the park it is for."))
    park = parks[0]
    application.subject_type = ContentType.objects.get_for_model(Park)
    application.subject_id = str(park.pk)
    type(application).objects.filter(pk=application.pk).update(
        subject_type=application.subject_type, subject_id=application.subject_id
    )
    return park


def _stage_settings(application: Any) -> dict[str, Any]:
    for entry in application.stage_table.get("stages", []):
        if entry.get("key") == "field_assessment":
            return dict(entry)
    return {}


def _institution(settings: dict[str, Any]) -> Organisation:
    institutions = Organisation.objects.filter(kind=Organisation.Kind.INSTITUTION)
    chosen = settings.get("assessor")
    if chosen:
        found = institutions.filter(pk=chosen).first() if str(chosen).isdigit() else None
        if found is None:
            raise ValidationError(
                _("The call's field assessment names an institution that does not exist.")
            )
        return found
    # The institution with the fewest assessments still open; the oldest one on a tie.
    open_counts = dict(
        FieldAssessment.objects.filter(status=FieldAssessment.Status.DRAFT)
        .values_list("assessor_id")
        .annotate(n=Count("id"))
    )
    found = min(institutions.order_by("id"), key=lambda o: open_counts.get(o.pk, 0), default=None)
    if found is None:
        raise ValidationError(_("No entrusted institution is registered to assess the park."))
    return found


def on_field_assessment(application: Any, by: Any) -> None:
    """Entrust the park's field assessment (once: an application sent back keeps its own)."""
    from . import services

    if FieldAssessment.objects.filter(application_id=application.pk).exists():
        return
    settings = _stage_settings(application)
    code = settings.get("indicator_set") or STANDARD_CODE
    indicator_set = IndicatorSet.objects.filter(code=code).first()
    if indicator_set is None:
        raise ValidationError(
            _("The indicator set %(code)s does not exist; create it first.") % {"code": code}
        )
    services.assessment_order(
        park=_park_of(application),
        indicator_set=indicator_set,
        assessor=_institution(settings),
        by=by,
        application=application,
    )


def on_approved(application: Any, by: Any) -> None:
    """Designate the park from its submitted field assessment; the application shows it."""
    from . import services

    assessment = (
        FieldAssessment.objects.filter(
            application_id=application.pk, purpose=FieldAssessment.Purpose.DESIGNATION
        )
        .order_by("-id")
        .first()
    )
    if assessment is None:
        raise ValidationError(_("The park has no field assessment to designate it on."))
    services.designation_grant(assessment=assessment, by=by)
    services.application_designated(application=application)


def may_assess(user: Any, application: Any) -> Decision:
    """The assessors of the institution entrusted with the application's field assessment."""
    assessment = FieldAssessment.objects.filter(application_id=application.pk).first()
    if assessment is None or not permissions.is_assessor_for(user, assessment):
        return deny(_("Only the entrusted institution's assessors may do this."))
    if assessment.status != FieldAssessment.Status.SUBMITTED:
        return deny(_("Submit the field assessment first."))
    return ALLOW


KIND = ProgrammeKind(
    key=KEY,
    label=gettext_lazy("cluster-area designation"),
    default_stages=default_stages(),
    default_form=DEFAULT_FORM,
    on_enter={"field_assessment": on_field_assessment, "approved": on_approved},
    applicant_kinds=(Organisation.Kind.PARK_OPERATOR,),
    # designation_grant tells the park's managers of the designation itself.
    tells_applicant=frozenset({"approved", "designated"}),
    subjects=lambda organisation_ids: Park.objects.filter(
        organisation_id__in=list(organisation_ids)
    ).order_by("name_zh_hans", "pk"),
    subject_label=gettext_lazy("park"),
)
