"""Writes of park cooperation: one function per use case, permission first, then audit."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Role
from wenchuang.core.audit import audit_record
from wenchuang.core.files import file_store
from wenchuang.core.notifications import notify
from wenchuang.core.permissions import require
from wenchuang.core.regions import place, placement_of
from wenchuang.core.transitions import changed_meanwhile, transition, version_of
from wenchuang.directory.models import Park

from . import permissions, selectors, suggest
from .models import OutcomeReport, Pairing, PairingBatch
from .workflows import BATCH, PAIRING, REPORT, SUGGEST


@transaction.atomic
def batch_create(
    *, by: Any, code: str, year: int, region: Any, title_zh_hans: str, title_en: str = ""
) -> PairingBatch:
    """A new batch of the Carrying Plan in the creator's jurisdiction (planning)."""
    require(permissions.can_run_batches(by, region.code if region is not None else None))
    batch = PairingBatch(
        code=code, year=year, title_zh_hans=title_zh_hans, title_en=title_en, created_by=by
    )
    place(batch, region)
    batch.full_clean()
    try:
        with transaction.atomic():
            batch.save()
    except IntegrityError as error:  # the same code twice at once
        raise ValidationError({"code": _("A batch with this code exists already.")}) from error
    audit_record(actor=by, action="create", instance=batch)
    return batch


@transaction.atomic
def batch_move(*, batch: PairingBatch, target: str, by: Any, version: str | None = None):
    """Announce (planning → active) or close a batch."""
    if version is not None and version != version_of(batch):
        raise changed_meanwhile(batch)
    return transition(batch, BATCH, target, by=by)


def _set_partner_place(pairing: Pairing) -> None:
    place(pairing, pairing.carrying_park.region)
    where = placement_of(pairing.partner_park.region)
    pairing.partner_region_code = where.region_code
    pairing.partner_province_code = where.province_code
    pairing.partner_prefecture_code = where.prefecture_code


def _check_open(batch: PairingBatch) -> None:
    if batch.status == PairingBatch.Status.CLOSED:
        raise ValidationError(_("This batch is closed; its pairs no longer change."))


@transaction.atomic
def pairs_suggest(*, batch: PairingBatch, by: Any, per_carrying: int = 3) -> int:
    """Add the best partners of each park that may carry, as suggestions; returns how many.

    Carrying parks lie in the batch's jurisdiction, partners anywhere else. Pairs already in
    the batch (suggested, confirmed or declined) are not suggested again.
    """
    require(permissions.can_run(by, batch))
    _check_open(batch)
    batch = PairingBatch.objects.select_for_update().get(pk=batch.pk)
    candidates = selectors.candidates()
    inside = {c.id for c in candidates if selectors.park_in_region(c.region_code, batch.region)}
    found = suggest.suggest(
        candidates,
        earlier_pairs=selectors.earlier_pairs(batch),
        shared_enterprises=selectors.shared_enterprises([c.id for c in candidates]),
        taken=selectors.taken_parks(batch),
        per_carrying=per_carrying,
        limit=500,
    )
    existing = set(
        Pairing.objects.filter(batch=batch).values_list("carrying_park_id", "partner_park_id")
    )
    existing |= {(b, a) for a, b in existing}
    parks = Park.objects.select_related("region").in_bulk(
        {s.carrying.id for s in found} | {s.partner.id for s in found}
    )
    made = []
    for s in found:
        if s.carrying.id not in inside or (s.carrying.id, s.partner.id) in existing:
            continue
        existing |= {(s.carrying.id, s.partner.id), (s.partner.id, s.carrying.id)}
        pairing = Pairing(
            batch=batch,
            carrying_park=parks[s.carrying.id],
            partner_park=parks[s.partner.id],
            score=Decimal(str(round(s.score, 2))),
            reasons=[[code, params] for code, params in s.reasons],
        )
        _set_partner_place(pairing)
        made.append(pairing)
    Pairing.objects.bulk_create(made)
    audit_record(actor=by, action=SUGGEST, instance=batch, changes={"pairs": len(made)})
    return len(made)


@transaction.atomic
def pairing_propose(*, batch: PairingBatch, carrying: Park, partner: Park, by: Any) -> Pairing:
    """Staff add a pair by hand; it is scored like a suggestion and starts as one."""
    require(permissions.can_run(by, batch))
    _check_open(batch)
    if carrying.pk == partner.pk:
        raise ValidationError({"partner_park": _("A park cannot be paired with itself.")})
    a, b = selectors.candidate_of(carrying), selectors.candidate_of(partner)
    scored = suggest.score_pair(a, b)
    pairing = Pairing(
        batch=batch,
        carrying_park=carrying,
        partner_park=partner,
        score=Decimal(str(round(scored.score, 2))) if scored else Decimal(0),
        reasons=[[c, p] for c, p in scored.reasons] if scored else [],
    )
    _set_partner_place(pairing)
    if Pairing.objects.filter(
        Q(carrying_park=carrying, partner_park=partner)
        | Q(carrying_park=partner, partner_park=carrying),
        batch=batch,
    ).exists():
        raise ValidationError(_("These two parks are already paired in this batch."))
    try:
        with transaction.atomic():
            pairing.save()
    except IntegrityError as error:
        raise ValidationError(_("These two parks are already paired in this batch.")) from error
    audit_record(actor=by, action="create", instance=pairing)
    return pairing


def managers_of(pairing: Pairing) -> list[Any]:
    """Both parks' managers (the operators' park managers)."""
    ids = [p.organisation_id for p in (pairing.carrying_park, pairing.partner_park)]
    users: list[Any] = []
    for organisation_id in ids:
        if organisation_id:
            users.extend(roles.representatives(organisation_id, Role.PARK_MANAGER))
    return users


@transaction.atomic
def pairing_confirm(*, pairing: Pairing, by: Any, version: str | None = None) -> Pairing:
    """Confirm a suggested pair; a park takes part in one confirmed pair per batch.

    The batch row is locked first, so two staff confirming two pairs that share a park at
    the same moment cannot both succeed: the second sees the first's pair and is refused.
    """
    require(permissions.may_decide_pairing(by, pairing))
    _check_open(pairing.batch)
    PairingBatch.objects.select_for_update().get(pk=pairing.batch_id)
    current = Pairing.objects.select_related("carrying_park", "partner_park").get(pk=pairing.pk)
    if version is not None and version != version_of(current):
        raise changed_meanwhile(current)
    parks = (current.carrying_park_id, current.partner_park_id)
    busy = (
        Pairing.objects.filter(batch_id=current.batch_id, status__in=Pairing.TAKEN)
        .exclude(pk=current.pk)
        .filter(Q(carrying_park_id__in=parks) | Q(partner_park_id__in=parks))
        .select_related("carrying_park", "partner_park")
        .first()
    )
    if busy is not None:
        raise ValidationError(
            _("One of these parks is already paired in this batch: %(pair)s.") % {"pair": busy}
        )
    transition(
        current, PAIRING, "confirmed", by=by, expected="suggested", updates={"decided_by": by}
    )
    notify(
        "pairing_confirmed",
        managers_of(current),
        {"pairing": current},
        link=reverse_lazy("cooperation:pairing", args=[current.pk]),
    )
    return current


@transaction.atomic
def pairing_decline(
    *, pairing: Pairing, by: Any, note: str = "", version: str | None = None
) -> Pairing:
    require(permissions.may_decide_pairing(by, pairing))
    _check_open(pairing.batch)
    if version is not None and version != version_of(pairing):
        raise changed_meanwhile(pairing)
    note = (note or "").strip()[:500]
    transition(
        pairing, PAIRING, "declined", by=by, updates={"note": note, "decided_by": by}, note=note
    )
    return pairing


@transaction.atomic
def pairing_reconsider(*, pairing: Pairing, by: Any) -> Pairing:
    require(permissions.may_decide_pairing(by, pairing))
    _check_open(pairing.batch)
    transition(pairing, PAIRING, "suggested", by=by)
    return pairing


@transaction.atomic
def pairing_sign(
    *,
    pairing: Pairing,
    by: Any,
    signed_on: datetime.date,
    agreement_title: str,
    document: Any = None,
    version: str | None = None,
) -> Pairing:
    """Record the cooperation agreement the two parks signed (with its scan, if uploaded)."""
    require(permissions.may_decide_pairing(by, pairing))
    errors = {}
    if not (agreement_title or "").strip():
        errors["agreement_title"] = _("Name the agreement.")
    if signed_on is None:
        errors["signed_on"] = _("Give the date it was signed.")
    elif signed_on > timezone.localdate():
        errors["signed_on"] = _("An agreement cannot be signed in the future.")
    if errors:
        raise ValidationError(errors)
    if version is not None and version != version_of(pairing):
        raise changed_meanwhile(pairing)
    transition(
        pairing,
        PAIRING,
        "signed",
        by=by,
        expected="confirmed",
        updates={"signed_on": signed_on, "agreement_title": agreement_title.strip()[:200]},
    )
    if document is not None:
        file_store(upload=document, owner=pairing, by=by)
    notify(
        "pairing_signed",
        managers_of(pairing),
        {"pairing": pairing},
        link=reverse_lazy("cooperation:pairing", args=[pairing.pk]),
    )
    return pairing


@transaction.atomic
def pairing_end(*, pairing: Pairing, by: Any, note: str = "") -> Pairing:
    require(permissions.may_decide_pairing(by, pairing))
    transition(pairing, PAIRING, "ended", by=by, note=(note or "").strip()[:500])
    return pairing


REPORT_FIGURES = ("enterprises_relocated", "joint_projects", "visitors", "revenue")


@transaction.atomic
def outcome_report_submit(
    *,
    pairing: Pairing,
    by: Any,
    year: int,
    half: int,
    figures: dict[str, Any],
    currency: str = "CNY",
    activities: str = "",
) -> OutcomeReport:
    """A half-year's outcomes of a pair; a second report for the same half is refused."""
    require(permissions.can_report(by, pairing))
    today = timezone.localdate()
    if (year, half) > (today.year, 1 if today.month <= 6 else 2):
        raise ValidationError({"year": _("Outcomes are reported for a half-year that has begun.")})
    report = OutcomeReport(
        pairing=pairing,
        year=year,
        half=half,
        currency_id=(currency or "").upper(),
        activities=activities or "",
        reported_by=by if getattr(by, "pk", None) else None,
    )
    for name in REPORT_FIGURES:
        setattr(report, name, figures.get(name) if figures.get(name) not in (None, "") else 0)
    report.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:  # a double click, or the other park's manager meanwhile
        raise ValidationError(
            {"half": _("This pair has already reported for that half-year.")}
        ) from error
    audit_record(actor=by, action=REPORT, instance=pairing, changes={"period": report.period_label})
    return report
