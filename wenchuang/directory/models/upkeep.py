"""Around the records: association memberships, proposed profile changes, import jobs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wenchuang.core.regions import CODE_COLUMNS, ORIGIN_COLUMNS
from wenchuang.core.validators import value_range

from .records import Enterprise


class AssociationMembership(models.Model):
    """An organisation's membership of an industry association, renewed yearly."""

    class MembershipType(models.TextChoices):
        PRESIDENT = "president", _("president unit")
        VICE_PRESIDENT = "vice_president", _("vice-president unit")
        DIRECTOR = "director", _("director unit")
        MEMBER = "member", _("member unit")

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        ACTIVE = "active", _("active")
        LAPSED = "lapsed", _("lapsed")
        EXPELLED = "expelled", _("expelled")

    association = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        related_name="memberships_held",
        limit_choices_to={"kind": "association"},
    )
    member = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    membership_type = models.CharField(
        _("membership type"), max_length=32, choices=MembershipType.choices, default="member"
    )
    yearly_fee = models.DecimalField(
        _("yearly fee"), max_digits=12, decimal_places=2, validators=value_range(0)
    )
    currency = models.ForeignKey(
        "reference.Currency", on_delete=models.PROTECT, default="CNY", related_name="+"
    )
    started_on = models.DateField(_("start date"), null=True, blank=True)
    renews_on = models.DateField(_("renewal date"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default="applied", db_index=True
    )
    reminder_sent_for = models.DateField(
        _("reminder sent for renewal date"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("association membership")
        verbose_name_plural = _("association memberships")
        ordering = ["association_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "member"], name="one_membership_per_association"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.association}"


class ProfileChange(models.Model):
    """Changes a representative proposed to a published profile, held until staff validate them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting validation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    # Where the record will be once the change applies, and where it was when proposed: a
    # move is overseen by both regions' staff (see core.regions.jurisdiction_scope).
    region_columns = (CODE_COLUMNS, ORIGIN_COLUMNS)

    record_type = models.CharField(max_length=64)
    record_id = models.PositiveBigIntegerField()
    region_code = models.CharField(max_length=6, db_index=True)
    province_code = models.CharField(max_length=6, blank=True, db_index=True, default="")
    prefecture_code = models.CharField(max_length=6, blank=True, db_index=True, default="")
    origin_region_code = models.CharField(max_length=6, blank=True, db_index=True, default="")
    origin_province_code = models.CharField(max_length=6, blank=True, db_index=True, default="")
    origin_prefecture_code = models.CharField(max_length=6, blank=True, db_index=True, default="")
    changes = models.JSONField(_("proposed values"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default="pending", db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.record_type}#{self.record_id} ({self.status})"


class ImportJob(models.Model):
    """A bulk import run, with the progress and the rejected rows a person needs to see."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    record_type = models.CharField(_("records"), max_length=32)
    file_name = models.CharField(_("file"), max_length=255)
    file_path = models.CharField(max_length=500, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default="queued")
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    imported_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Touched by the running import every few seconds; a "running" job whose heartbeat has
    # stopped lost its worker and is failed by the next worker or page view.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Rows created, updated and left unchanged, and where the file's encoding was detected.
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.record_type}: {self.file_name} ({self.status})"

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status in {"succeeded", "failed"} else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
