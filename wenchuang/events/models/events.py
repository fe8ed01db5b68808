"""Events, their sessions, registrations, exhibitors and booths, and field visits."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wenchuang.core.translated import TranslatedField
from wenchuang.core.validators import description_length, validate_country


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    """An IANA time zone name ("Asia/Shanghai", "Europe/Paris")."""
    if value not in _time_zones():
        raise ValidationError(
            _("Unknown time zone “%(value)s” (write an IANA name such as Asia/Shanghai)."),
            code="time_zone",
            params={"value": value},
        )


def _ends_after_starts(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(ends_at__gt=models.F("starts_at")), name=f"{prefix}_ends_after_starts"
    )


class Event(models.Model):
    """A conference, exhibition, sales exhibition or promotion, on site, online or both."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("conference")
        EXHIBITION = "exhibition", _("exhibition")
        SALES_EXHIBITION = "sales_exhibition", _("sales exhibition")
        PROMOTION = "promotion", _("investment promotion")

    class Format(models.TextChoices):
        ON_SITE = "on_site", _("on site")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        # Published: visible, registration open.
        OPEN = "open", _("registration open")
        CLOSED = "closed", _("registration closed")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    title = TranslatedField(models.CharField, _("title"), max_length=200, blank=True)
    summary = TranslatedField(
        models.TextField, _("summary"), blank=True, validators=description_length()
    )
    title_zh_hans: str
    title_en: str
    title_fr: str
    title_de: str
    summary_zh_hans: str
    summary_en: str
    summary_fr: str
    summary_de: str

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    # Times are stored in UTC; pages show them in this zone and in the reader's.
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False)
    organiser = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Do participants book 1:1 meetings at this event?
    meetings = models.BooleanField(_("1:1 meetings"), default=False)
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=30)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-id"]
        constraints = [_ends_after_starts("event")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An event ends after it starts.")})


class EventSession(models.Model):
    """A session of the programme: talks, a promotion, a signing ceremony."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = TranslatedField(models.CharField, _("title"), max_length=200, blank=True)
    title_zh_hans: str
    title_en: str
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    # A signing ceremony is where the event's agreements are signed (the report lists them).
    signing = models.BooleanField(_("signing ceremony"), default=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [_ends_after_starts("event_session")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"


class Registration(models.Model):
    """A participant: a user, for an organisation, in a role; the organiser approves."""

    class Role(models.TextChoices):
        INVESTOR = "investor", _("investor")
        PROJECT_OWNER = "project_owner", _("project owner")
        EXHIBITOR = "exhibitor", _("exhibitor")
        VISITOR = "visitor", _("visitor")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("participant"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The participant's profile in the directory, when it has one.
    enterprise = models.ForeignKey(
        "directory.Enterprise", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    park = models.ForeignKey(
        "directory.Park", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    investor = models.ForeignKey(
        "directory.Investor", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    display_name = models.CharField(_("name shown to participants"), max_length=200)
    country = models.CharField(
        _("country (ISO 3166)"), max_length=2, default="CN", validators=[validate_country]
    )
    # Language codes the participant meets in ("zh", "en", "de"...).
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # The zone the participant's agenda is shown in (their own, for an online event).
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    interests = models.TextField(
        _("what I offer or look for"), blank=True, validators=description_length()
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["display_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_event")
        ]

    def __str__(self) -> str:
        return self.display_name or f"#{self.pk}"


class Exhibitor(models.Model):
    """An exhibitor at an exhibition or sales exhibition, with what it shows or sells."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibitors")
    registration = models.OneToOneField(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="exhibitor"
    )
    name = TranslatedField(models.CharField, _("name"), max_length=200, blank=True)
    name_zh_hans: str
    name_en: str
    enterprise = models.ForeignKey(
        "directory.Enterprise", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    products = models.TextField(_("products shown"), blank=True, validators=description_length())
    sells = models.BooleanField(_("sells on site"), default=False)

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"


class Booth(models.Model):
    """A booth of an exhibition hall, given to at most one exhibitor."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="booths")
    code = models.CharField(_("booth"), max_length=20)
    hall = models.CharField(_("hall"), max_length=60, blank=True)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=7, decimal_places=1, default=9)
    exhibitor = models.OneToOneField(
        Exhibitor, null=True, blank=True, on_delete=models.SET_NULL, related_name="booth"
    )

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["hall", "code"]
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="booth_code_unique")]

    def __str__(self) -> str:
        return f"{self.hall} {self.code}".strip()


class FieldVisit(models.Model):
    """A field visit: an itinerary of sites, with a capacity; sign-ups stop when full."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="field_visits")
    title = TranslatedField(models.CharField, _("title"), max_length=200, blank=True)
    title_zh_hans: str
    title_en: str
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    meeting_point = models.CharField(_("meeting point"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))

    class Meta:
        verbose_name = _("field visit")
        verbose_name_plural = _("field visits")
        ordering = ["starts_at", "id"]
        constraints = [_ends_after_starts("field_visit")]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"


class FieldVisitStop(models.Model):
    """A site on a field visit's itinerary, in order (a park, an enterprise or a place)."""

    visit = models.ForeignKey(FieldVisit, on_delete=models.CASCADE, related_name="stops")
    order = models.PositiveSmallIntegerField(_("order"))
    site = models.CharField(_("site"), max_length=200)
    park = models.ForeignKey(
        "directory.Park", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    arrives_at = models.DateTimeField(_("arrives"), null=True, blank=True)

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["visit", "order"]

    def __str__(self) -> str:
        return self.site


class FieldVisitSignUp(models.Model):
    """A participant's place on a field visit."""

    visit = models.ForeignKey(FieldVisit, on_delete=models.CASCADE, related_name="sign_ups")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="visit_sign_ups"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("field visit sign-up")
        verbose_name_plural = _("field visit sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["visit", "registration"], name="visit_sign_up_once")
        ]

    def __str__(self) -> str:
        return f"{self.registration} @ {self.visit}"
