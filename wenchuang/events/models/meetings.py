"""1:1 meetings: slots, tables, availability, preferences, requests, meetings, scheduler runs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import Event, Registration


class MeetingSlot(models.Model):
    """A time at which 1:1 meetings take place, on site or online (aware, stored in UTC)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    online = models.BooleanField(_("online"), default=False)

    class Meta:
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_slot_ends_after_starts",
            ),
            models.UniqueConstraint(fields=["event", "starts_at"], name="meeting_slot_start_once"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} UTC"


class MeetingTable(models.Model):
    """A table or room on site, or an online room with its link: one meeting per slot."""

    class Kind(models.TextChoices):
        TABLE = "table", _("table")
        ROOM = "room", _("room")
        ONLINE = "online", _("online room")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TABLE)
    online_link = models.URLField(_("meeting link"), blank=True)

    class Meta:
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="table_name_unique")]

    def __str__(self) -> str:
        return self.name


class Availability(models.Model):
    """A participant is free to meet in a slot."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="availability"
    )
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        constraints = [
            models.UniqueConstraint(fields=["registration", "slot"], name="availability_once")
        ]

    def __str__(self) -> str:
        return f"{self.registration} @ {self.slot}"


class MeetingPreference(models.Model):
    """How much one participant wants to meet another."""

    class Level(models.TextChoices):
        MUST = "must", _("must meet")
        LIKE = "like", _("would like to meet")
        NO = "no", _("no thanks")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="preferences"
    )
    other = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("preference"), max_length=8, choices=Level.choices)

    class Meta:
        verbose_name = _("meeting preference")
        verbose_name_plural = _("meeting preferences")
        constraints = [
            models.UniqueConstraint(fields=["registration", "other"], name="preference_once"),
            models.CheckConstraint(
                condition=~models.Q(registration=models.F("other")), name="preference_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} → {self.other}: {self.level}"


class MeetingRequest(models.Model):
    """One participant asks another for a 1:1 meeting; the other accepts or declines."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    OPEN = (Status.REQUESTED, Status.ACCEPTED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="requests_sent"
    )
    recipient = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="requests_received"
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    # Either side marked the other "must meet": the scheduler places these first.
    must_meet = models.BooleanField(_("must meet"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    created_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("recipient")),
                name="meeting_request_not_self",
            ),
            # One open request per pair and direction; a declined one may be asked again.
            models.UniqueConstraint(
                fields=["requester", "recipient"],
                condition=models.Q(status__in=["requested", "accepted"]),
                name="meeting_request_open_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class Meeting(models.Model):
    """An accepted request placed in a slot at a table; confirmed ones stay put on re-runs."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("scheduled")
        CONFIRMED = "confirmed", _("confirmed")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    PLACED = (Status.PROPOSED, Status.CONFIRMED, Status.HELD)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings_set")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.PROTECT, related_name="meetings")
    table = models.ForeignKey(MeetingTable, on_delete=models.PROTECT, related_name="meetings")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    run = models.ForeignKey(
        "events.SchedulingRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "table_id"]
        constraints = [
            # A table holds one meeting per slot.
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=models.Q(status__in=["proposed", "confirmed", "held"]),
                name="meeting_table_once_per_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot}"


class SchedulingRun(models.Model):
    """One run of the scheduler for an event: progress while it runs, figures when done."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="scheduling_runs")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    started_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    requests = models.PositiveIntegerField(_("accepted requests"), default=0)
    placed = models.PositiveIntegerField(_("meetings placed"), default=0)
    must_placed = models.PositiveIntegerField(_("must-meet meetings placed"), default=0)
    must_total = models.PositiveIntegerField(_("must-meet requests"), default=0)
    kept = models.PositiveIntegerField(_("confirmed meetings kept"), default=0)
    # Why requests stayed unplaced: [{"request": id, "reason": "..."}].
    unplaced = models.JSONField(_("unplaced requests"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Two organisers pressing "run" at once start one run.
            models.UniqueConstraint(
                fields=["event"],
                condition=models.Q(status__in=["queued", "running"]),
                name="scheduling_run_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"
