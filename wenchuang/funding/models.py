"""Awards of a special fund, their payment tranches and the recipients' reports on their use."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wenchuang.core.money import Money, currency_field
from wenchuang.core.validators import value_range


def _amount(verbose_name, **options) -> models.DecimalField:
    """An amount of money (the currency is a column beside it); Decimal, never float."""
    return models.DecimalField(
        verbose_name,
        max_digits=16,
        decimal_places=2,
        validators=value_range(Decimal("0.01")),
        **options,
    )


class Award(models.Model):
    """A grant of a special fund to one organisation, from agreement to closing.

    Placed in the recipient's region (the copied columns of core.regions), so staff see the
    awards of their jurisdiction and nobody else's.
    """

    class Status(models.TextChoices):
        AGREEMENT = "agreement", _("awaiting the agreement")
        PAYMENTS = "payments", _("payments in tranches")
        REPORTING = "reporting", _("progress reports")
        FINAL_REPORT = "final_report", _("final report under review")
        CLOSED = "closed", _("closed")
        REPAYMENT = "repayment", _("repayment requested")
        STOPPED = "stopped", _("funding stopped")

    project = models.CharField(_("project"), max_length=200)
    recipient = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="awards",
    )
    amount = _amount(_("amount awarded"))
    currency = currency_field()
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.AGREEMENT
    )
    # The application it was awarded on (none for an award entered by hand). The award is
    # the record of public money paid: it outlives its application.
    application = models.OneToOneField(
        "workflows.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award",
    )
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    final_report_due_on = models.DateField(_("final report due on"))
    # Placement columns, filled by core.regions.place(); jurisdiction_scope reads them.
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6, db_index=True)
    prefecture_code = models.CharField(max_length=6, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="award_amount_positive")
        ]

    def __str__(self) -> str:
        return self.project

    def get_absolute_url(self) -> str:
        return reverse("funding:award-detail", args=[self.pk])

    @property
    def money(self) -> Money:
        return Money(self.amount, self.currency_id)


class Tranche(models.Model):
    """One payment of an award, tied to a milestone.

    A tranche that `needs_report` is paid only once the progress report on its milestone is
    accepted; the first tranche, paid on signing, usually needs none.
    """

    award = models.ForeignKey(
        Award, verbose_name=_("award"), on_delete=models.CASCADE, related_name="tranches"
    )
    position = models.PositiveSmallIntegerField(_("number"))
    milestone = models.CharField(_("milestone"), max_length=200)
    amount = _amount(_("amount"))
    due_on = models.DateField(_("due on"))
    needs_report = models.BooleanField(_("paid after an accepted report"), default=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("paid by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["award", "position"]
        constraints = [
            models.UniqueConstraint(fields=["award", "position"], name="tranche_position_unique"),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="tranche_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.milestone}"

    @property
    def money(self) -> Money:
        return Money(self.amount, self.award.currency_id)


class UseReport(models.Model):
    """A report the recipient owes on the use of the funds: one per milestone, and a final one.

    Created as an obligation (`due`) when the award's tranches are set; the recipient submits
    it with attachments; staff accept or reject it. A rejected progress report goes back to
    the recipient; a rejected final report stops the funding or asks for the money back.
    """

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("progress report")
        FINAL = "final", _("final report")

    class Status(models.TextChoices):
        DUE = "due", _("due")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    award = models.ForeignKey(
        Award, verbose_name=_("award"), on_delete=models.CASCADE, related_name="reports"
    )
    # The milestone reported on; its tranche is paid once this report is accepted.
    tranche = models.OneToOneField(
        Tranche,
        verbose_name=_("tranche"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DUE, db_index=True
    )
    summary = models.TextField(_("what the funds were used for"), blank=True, max_length=10000)
    amount_spent = models.DecimalField(
        _("amount spent"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("reason"), max_length=500, blank=True)
    # The last reminder sent ("due", "overdue-1", "overdue-2", …): one per period, never twice.
    reminder_key = models.CharField(max_length=16, blank=True, editable=False)
    # Placement copied from the award, so that the audit trail of a report is read by region.
    region = models.ForeignKey("reference.Region", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6)
    prefecture_code = models.CharField(max_length=6, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("report on the use of funds")
        verbose_name_plural = _("reports on the use of funds")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        if self.tranche_id:
            return f"{self.get_kind_display()}: {self.tranche.milestone}"
        return str(self.get_kind_display())

    def get_absolute_url(self) -> str:
        return reverse("funding:award-detail", args=[self.award_id]) + f"#report-{self.pk}"

    @property
    def is_open(self) -> bool:
        """Still waiting for the recipient (due, or sent back after a rejection)."""
        return self.status in (self.Status.DUE, self.Status.REJECTED)
