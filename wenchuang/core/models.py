"""The append-only audit trail shared by every domain."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .regions import CODE_COLUMNS, ORIGIN_COLUMNS


class AuditEvent(models.Model):
    """One change to one record: who, when, what, and each field's old and new value."""

    region_columns = (CODE_COLUMNS, ORIGIN_COLUMNS)

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        SUBMIT = "submit", _("submitted for validation")
        APPROVE = "approve", _("approved")
        REJECT = "reject", _("rejected")
        IMPORT = "import", _("imported")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    # A label such as "directory.enterprise" keeps the trail readable without joins.
    record_type = models.CharField(_("record type"), max_length=64)
    record_id = models.CharField(_("record id"), max_length=64)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # Where the record was after the change (and before it, for a move), so that the trail
    # can be read by jurisdiction (core.regions.jurisdiction_scope); blank when unplaced.
    region_code = models.CharField(_("region"), max_length=6, blank=True, default="", db_index=True)
    province_code = models.CharField(max_length=6, blank=True, default="", db_index=True)
    prefecture_code = models.CharField(max_length=6, blank=True, default="", db_index=True)
    origin_region_code = models.CharField(max_length=6, blank=True, default="")
    origin_province_code = models.CharField(max_length=6, blank=True, default="", db_index=True)
    origin_prefecture_code = models.CharField(max_length=6, blank=True, default="", db_index=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.record_type}#{self.record_id} {self.action} @ {self.at:%Y-%m-%d %H:%M}"
