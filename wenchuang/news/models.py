"""Information release: news items in four languages, their categories and subscriptions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wenchuang.core.translated import TranslatedField

from .html import clean_html


class Category(models.Model):
    """A topic readers filter by and subscribe to (culture and tourism, finance, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = TranslatedField(
        models.CharField,
        _("name"),
        max_length=100,
        blank=True,
        per_language={"zh-hans": {"blank": False}},
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name or self.code


class NewsItem(models.Model):
    """One release: a news story, a policy, a call for proposals or an event announcement.

    Its address is its id (`/news/<id>/`), so a link never breaks when the title changes.
    """

    class Kind(models.TextChoices):
        NEWS = "news", _("news")
        POLICY = "policy", _("policy")
        CALL = "call", _("call for proposals")
        EVENT = "event", _("event announcement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("in review")
        SCHEDULED = "scheduled", _("scheduled")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    title = TranslatedField(models.CharField, _("title"), max_length=300, blank=True)
    summary = TranslatedField(models.TextField, _("summary"), max_length=1000, blank=True)
    # HTML, sanitised whenever the item is saved (see `save`) and again when shown.
    body = TranslatedField(models.TextField, _("body"), max_length=100_000, blank=True)
    # The language the author wrote in: the editor shows it beside each translation.
    source_language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="zh-hans"
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="items"
    )
    # Policies
    issuing_authority = models.CharField(_("issuing authority"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    # Calls for proposals: the fund call applicants apply to.
    call = models.ForeignKey(
        "workflows.Call",
        verbose_name=_("fund call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    # Event announcements
    event_starts_on = models.DateField(_("event date"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    # The jurisdiction that releases it (core.regions.place): its staff write and publish.
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6)
    prefecture_code = models.CharField(max_length=6, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The columns TranslatedField adds, spelled out for type checkers.
    title_zh_hans: str
    title_en: str
    title_fr: str
    title_de: str

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "kind", "-published_at"]),
            # The public list and the home page, newest first without a kind: read in index
            # order instead of sorting every published item (270 ms at 100,000 items).
            models.Index(fields=["status", "-published_at", "-id"], name="news_published_newest"),
        ]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def save(self, *args, **kwargs) -> None:
        # Whatever path wrote it (form, API, import, admin), no script is ever stored.
        for suffix in ("zh_hans", "en", "fr", "de"):
            column = f"body_{suffix}"
            setattr(self, column, clean_html(getattr(self, column)))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("news:detail", args=[self.pk])

    def clean(self) -> None:
        if not any(getattr(self, f"title_{s}", "").strip() for s in ("zh_hans", "en", "fr", "de")):
            raise ValidationError({"title_zh_hans": _("Give the item a title in one language.")})
        if self.expires_on and self.effective_on and self.expires_on < self.effective_on:
            raise ValidationError(
                {"expires_on": _("A policy cannot expire before it takes effect.")}
            )
        if self.kind == self.Kind.POLICY and not self.issuing_authority.strip():
            raise ValidationError(
                {"issuing_authority": _("A policy names the authority that issued it.")}
            )


class Subscription(models.Model):
    """What a signed-in reader wants in their digest: kinds and categories (none = all)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="news_subscription"
    )
    kinds = models.JSONField(_("kinds"), default=list, blank=True)
    categories = models.ManyToManyField(Category, verbose_name=_("categories"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    # Items published up to this moment have been sent; a digest covers what came after.
    sent_through = models.DateTimeField()
    last_digest_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("news subscription")
        verbose_name_plural = _("news subscriptions")

    def __str__(self) -> str:
        return str(self.user)
