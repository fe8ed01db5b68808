"""Registered works, their perceptual image hashes, and the append-only registration log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wenchuang.core.validators import description_length


class Work(models.Model):
    """An original work a creator or an enterprise registered, with its files' content hash.

    Once registered, the fields written into the log (see `ip_registry.canonical`) never
    change: a correction is a new registration. The log entry proves what was declared when.
    """

    class Kind(models.TextChoices):
        IMAGE = "image", _("image")
        DESIGN = "design", _("design")
        TEXT = "text", _("text")
        AUDIO = "audio", _("audio")
        VIDEO = "video", _("video")
        SOFTWARE = "software", _("software")

    title = models.CharField(_("title"), max_length=200)
    # The language the title and description are written in (the work's own language).
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    kind = models.CharField(_("type of work"), max_length=16, choices=Kind.choices)
    # As the creator declares them, one name per line; kept verbatim in the log.
    authors = models.TextField(_("authors"), max_length=2000)
    created_on = models.DateField(_("date of creation"))
    description = models.TextField(_("description"), blank=True, validators=description_length())
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="registered_works",
    )
    # The enterprise (or other organisation) that holds the rights, when not a person alone.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("rights holder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registered_works",
    )
    # The rights holder's name as declared at registration (the log keeps it as written).
    holder = models.CharField(_("rights holder's name"), max_length=200)
    # SHA-256 of the main file (core.files stores it under this name).
    content_sha256 = models.CharField(_("content hash (SHA-256)"), max_length=64, db_index=True)
    file = models.ForeignKey(
        "core.StoredFile",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered"), db_index=True)

    class Meta:
        verbose_name = _("registered work")
        verbose_name_plural = _("registered works")
        ordering = ["-registered_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ip_registry:detail", args=[self.pk])

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]


class WorkImageHash(models.Model):
    """One 64-bit perceptual hash of a work's image or of a variant of it (rotated, cropped…).

    Several rows per image let a rotated, mirrored or cropped copy land near one of them.
    The value is stored as a signed 64-bit integer (the bits of the unsigned hash).
    """

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="image_hashes")
    kind = models.CharField(_("hash kind"), max_length=32)
    value = models.BigIntegerField(_("hash value"))

    class Meta:
        verbose_name = _("image hash")
        verbose_name_plural = _("image hashes")
        constraints = [
            models.UniqueConstraint(fields=["work", "kind"], name="ip_registry_one_hash_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value & 0xFFFFFFFFFFFFFFFF:016x}"


class LogEntry(models.Model):
    """One leaf of the registration log (RFC 6962): the registration's canonical bytes.

    `index` counts from 0 without gaps; `leaf_hash` is SHA-256(0x00 || leaf). Rows are only
    ever added; `manage.py verify_log` recomputes every hash and names the first bad entry.
    """

    index = models.PositiveBigIntegerField(_("log index"), unique=True)
    work = models.OneToOneField(
        Work, on_delete=models.PROTECT, related_name="log_entry", null=True, blank=True
    )
    leaf = models.BinaryField(_("canonical registration"))
    leaf_hash = models.CharField(_("leaf hash"), max_length=64)
    appended_at = models.DateTimeField(_("appended"))

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        ordering = ["index"]

    def __str__(self) -> str:
        return f"#{self.index}"


class TreeHead(models.Model):
    """A signed tree head: the log's size and Merkle root at a moment, signed with Ed25519.

    `frontier` keeps the roots of the perfect subtrees that make up the tree (largest first),
    so that the next append computes the new root in O(log n) without reading every leaf.
    """

    size = models.PositiveBigIntegerField(_("tree size"), unique=True)
    root_hash = models.CharField(_("root hash"), max_length=64)
    timestamp = models.PositiveBigIntegerField(_("timestamp (ms since 1970)"))
    signature = models.CharField(_("signature"), max_length=128)
    key_id = models.CharField(_("key id"), max_length=64)
    frontier = models.JSONField(default=list)

    class Meta:
        verbose_name = _("signed tree head")
        verbose_name_plural = _("signed tree heads")
        ordering = ["-size"]
        get_latest_by = "size"

    def __str__(self) -> str:
        return f"{self.size}:{self.root_hash[:16]}"


class LogLock(models.Model):
    """The one row appends lock (SELECT … FOR UPDATE), so two registrations never share an index."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)

    class Meta:
        verbose_name = _("log lock")

    def __str__(self) -> str:
        return "log lock"
