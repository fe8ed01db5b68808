"""Shared records of the toolkit: the audit trail, notifications, stored files."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy as _

from .regions import CODE_COLUMNS, ORIGIN_COLUMNS
from .verbs import MAX_VERB_LENGTH, register_verb, verb_label


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
    # Open-ended: core's verbs above and any a domain registers (core.verbs), no migration.
    action = models.CharField(_("action"), max_length=MAX_VERB_LENGTH)
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

    @property
    def action_label(self) -> str:
        return verb_label(self.action)


for _verb, _label in AuditEvent.Action.choices:
    register_verb(_verb, _label)


class Notification(models.Model):
    """A message to one user, written in their language when it was sent; also emailed."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # The event's name, such as "membership_renewal_due": what happened, for filtering.
    event = models.CharField(_("event"), max_length=64)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=16)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    # Why the email could not be sent; the in-app notification stays either way.
    email_error = models.CharField(_("email error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject


class StoredFile(models.Model):
    """An uploaded file attached to a record, kept on disk under its content's SHA-256.

    The same content uploaded twice is stored once; each upload still has its own row, owner
    and name. Files are read only through `core:file`, which asks the owner's model who may.
    """

    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    # Sniffed from the content, never taken from the name or the browser.
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    owner_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    owner_id = models.CharField(max_length=64)
    owner = GenericForeignKey("owner_type", "owner_id")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")
        indexes = [models.Index(fields=["owner_type", "owner_id"])]

    def __str__(self) -> str:
        return self.original_name

    @property
    def relative_path(self) -> str:
        """Where the content lives below the files folder: ab/cd/abcd…"""
        return f"{self.sha256[:2]}/{self.sha256[2:4]}/{self.sha256}"


class ContentGeneration(models.Model):
    """How many committed writes have changed a model's rows: `core.generations`."""

    # A model's label ("directory.enterprise"); a row appears with the model's first write.
    name = models.CharField(max_length=100, primary_key=True)
    value = models.BigIntegerField(default=1)

    class Meta:
        verbose_name = _("content generation")
        verbose_name_plural = _("content generations")

    def __str__(self) -> str:
        return f"{self.name} {self.value}"
