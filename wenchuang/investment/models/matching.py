"""Matchmaking's stored state: cached text embeddings, runs, matches and investors' feedback."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TextEmbedding(models.Model):
    """One text's vector, keyed by the hash of the model's name and the text (decision 0022).

    A text that did not change is never embedded again; a new project costs one embedding.
    """

    key = models.CharField(max_length=64, primary_key=True)
    model_name = models.CharField(max_length=40)
    dimensions = models.PositiveSmallIntegerField()
    # float32, little-endian, unit length.
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("text embedding")
        verbose_name_plural = _("text embeddings")

    def __str__(self) -> str:
        return self.key


class MatchRun(models.Model):
    """One background computation of every match, with its progress for the staff page."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    investors = models.PositiveIntegerField(_("investors"), default=0)
    projects = models.PositiveIntegerField(_("projects"), default=0)
    matches = models.PositiveIntegerField(_("matches"), default=0)
    embedded = models.PositiveIntegerField(_("texts embedded"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.status}"


class Match(models.Model):
    """A project among an investor's best, or an investor among a project's best."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(
        "investment.InvestorProfile",
        verbose_name=_("investor"),
        on_delete=models.CASCADE,
        related_name="matches",
    )
    project = models.ForeignKey(
        "investment.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="matches",
    )
    score = models.FloatField(_("score"))
    fit = models.FloatField(_("structured fit"))
    similarity = models.FloatField(_("text similarity"))
    # Rank among the investor's best projects / the project's best investors (null: not there).
    investor_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    project_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    # Why: {"fits": ["category", "ticket", ...], "topics": [[project word, investor word], ...]}
    reasons = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "profile", "project"], name="match_once")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} × {self.project_id}"


class MatchFeedback(models.Model):
    """An investor's "interested" / "not interested" on a project: later runs follow it."""

    profile = models.ForeignKey(
        "investment.InvestorProfile", on_delete=models.CASCADE, related_name="feedback"
    )
    project = models.ForeignKey(
        "investment.Project", on_delete=models.CASCADE, related_name="feedback"
    )
    interested = models.BooleanField(_("interested"))
    by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feedback on a match")
        verbose_name_plural = _("feedback on matches")
        constraints = [models.UniqueConstraint(fields=["profile", "project"], name="feedback_once")]

    def __str__(self) -> str:
        return f"{self.profile_id} × {self.project_id}: {self.interested}"
