"""Projects looking for investment, their categories, and investors' stated interests."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wenchuang.core.money import Money, currency_field
from wenchuang.core.translated import TranslatedField
from wenchuang.core.validators import description_length, value_range


class ProjectCategory(models.Model):
    """A kind of project the agency promotes (the Dalian seed's list), kept as data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = TranslatedField(models.CharField, _("name"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_zh_hans: str
    name_en: str

    class Meta:
        verbose_name = _("project category")
        verbose_name_plural = _("project categories")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name or self.code


class Project(models.Model):
    """A project an enterprise or a park operator promotes to investors."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("awaiting approval")
        PUBLISHED = "published", _("published")
        IN_TALKS = "in_talks", _("in talks")
        SIGNED = "signed", _("agreement signed")
        LANDED = "landed", _("landed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class InvestmentType(models.TextChoices):
        EQUITY = "equity", _("equity")
        LOAN = "loan", _("loan")
        JOINT_VENTURE = "joint_venture", _("joint venture")
        LEASE = "lease", _("lease")

    class Stage(models.TextChoices):
        IDEA = "idea", _("idea")
        PLANNING = "planning", _("planning")
        CONSTRUCTION = "construction", _("under construction")
        OPERATING = "operating", _("operating")
        EXPANSION = "expansion", _("expansion")

    # Statuses the public sees.
    PUBLIC = ("published", "in_talks", "signed", "landed")

    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = TranslatedField(
        models.CharField,
        _("title"),
        max_length=200,
        blank=True,
        per_language={"zh-hans": {"blank": False}},
    )
    pitch = TranslatedField(
        models.TextField, _("pitch"), blank=True, validators=description_length()
    )
    title_zh_hans: str
    title_en: str
    title_fr: str
    title_de: str
    pitch_zh_hans: str
    pitch_en: str
    pitch_fr: str
    pitch_de: str
    category = models.ForeignKey(
        ProjectCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    industry_class = models.ForeignKey(
        "reference.IndustryCategory",
        verbose_name=_("classification"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False)
    park = models.ForeignKey(
        "directory.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    amount = models.DecimalField(
        _("investment sought"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    currency = currency_field(optional=True)
    investment_type = models.CharField(
        _("type of investment"),
        max_length=16,
        choices=InvestmentType.choices,
        default=InvestmentType.EQUITY,
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.PLANNING
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Titles and pitches in all languages, Chinese segmented: the full-text index reads it.
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "category", "id"])]
        constraints = [
            # An amount means nothing without its currency.
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(currency__isnull=False),
                name="project_amount_has_currency",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="project_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("investment:project", args=[self.pk])

    def clean(self) -> None:
        if self.amount is not None and not self.currency_id:
            raise ValidationError(
                {"currency": _("Give the currency of the amount (e.g. CNY, USD, EUR).")}
            )

    @property
    def sought(self) -> Money | None:
        return Money.of(self.amount, self.currency_id)

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC


class InvestorProfile(models.Model):
    """What an investor of the directory looks for: categories, classes, regions, tickets."""

    investor = models.OneToOneField(
        "directory.Investor",
        verbose_name=_("investor"),
        on_delete=models.CASCADE,
        related_name="investment_profile",
    )
    categories = models.ManyToManyField(
        ProjectCategory, verbose_name=_("project categories"), blank=True, related_name="+"
    )
    classes = models.ManyToManyField(
        "reference.IndustryCategory",
        verbose_name=_("classification"),
        blank=True,
        related_name="+",
    )
    regions = models.ManyToManyField(
        "reference.Region", verbose_name=_("regions"), blank=True, related_name="+"
    )
    stages = models.JSONField(_("stages"), default=list, blank=True)
    ticket_min = models.DecimalField(
        _("smallest ticket"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    ticket_max = models.DecimalField(
        _("largest ticket"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    currency = currency_field(optional=True)
    # Language codes the investor works in (zh-hans, en, fr, de, ...).
    languages = models.JSONField(_("languages"), default=list, blank=True)
    interest_statement = models.TextField(
        _("interest statement"), blank=True, validators=description_length()
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("investor profile")
        verbose_name_plural = _("investor profiles")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(ticket_min__isnull=True) & models.Q(ticket_max__isnull=True))
                | models.Q(currency__isnull=False),
                name="profile_ticket_has_currency",
            ),
            models.CheckConstraint(
                condition=models.Q(ticket_min__isnull=True)
                | models.Q(ticket_max__isnull=True)
                | models.Q(ticket_min__lte=models.F("ticket_max")),
                name="profile_ticket_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.investor)

    def get_absolute_url(self) -> str:
        return reverse("investment:investor", args=[self.pk])

    def clean(self) -> None:
        if (self.ticket_min is not None or self.ticket_max is not None) and not self.currency_id:
            raise ValidationError({"currency": _("Give the currency of the ticket sizes.")})
        if (
            self.ticket_min is not None
            and self.ticket_max is not None
            and self.ticket_min > self.ticket_max
        ):
            raise ValidationError(
                {"ticket_max": _("The largest ticket is smaller than the smallest.")}
            )

    @property
    def ticket_low(self) -> Money | None:
        return Money.of(self.ticket_min, self.currency_id)

    @property
    def ticket_high(self) -> Money | None:
        return Money.of(self.ticket_max, self.currency_id)
