"""Directory records: enterprises, parks, investors, talents and service providers."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wenchuang.core.money import currency_field
from wenchuang.core.translated import TranslatedField
from wenchuang.core.validators import (
    DESCRIPTION_MAX_LENGTH,
    EARLIEST_FOUNDING_YEAR,
    EARLIEST_REVENUE_YEAR,
    MAX_EMPLOYEES,
    description_length,
    validate_country,
    validate_credit_code,
    validate_phone,
    validate_website,
    value_range,
    year_range,
)

from ..rules import (
    enterprise_constraints,
    investor_constraints,
    park_constraints,
    record_constraints,
)

# Fields only agency staff and the record's own organisation see: pages, API and exports.
CONTACT_FIELDS = ("contact_person", "email", "phone", "website")


class PublicationStatus(models.TextChoices):
    PENDING = "pending", _("awaiting validation")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
    # Written by a bulk import that has not finished yet; published (or removed) at its end.
    IMPORTING = "importing", _("being imported")


class DirectoryRecord(models.Model):
    """What every directory record has: names and descriptions in four languages, a region,
    contacts that only staff see, a publication status and a search document."""

    # Which URL namespace the record's pages live under; set by each concrete kind.
    kind: str = ""

    # name_zh_hans, name_en, name_fr, name_de; `record.name` reads the reader's language.
    name = TranslatedField(models.CharField, _("name"), max_length=200, blank=True)
    description = TranslatedField(
        models.TextField,
        _("description"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=description_length(),
    )
    # The columns the two declarations add, spelled out for type checkers.
    name_zh_hans: str
    name_en: str
    name_fr: str
    name_de: str
    description_zh_hans: str
    description_en: str
    description_fr: str
    description_de: str

    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    # Copies of the region's province and prefecture codes, so that a filter or a
    # jurisdiction scope is one indexed equality instead of a prefix scan.
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, db_index=True, editable=False)
    address = models.CharField(_("address"), max_length=300, blank=True)

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    website = models.URLField(_("website"), blank=True, validators=[validate_website])

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PENDING,
        db_index=True,
    )
    # Names and descriptions in all languages, Chinese segmented into words; indexed
    # by the full-text search (FTS5 on SQLite, tsvector on PostgreSQL).
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = models.Manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("directory:detail", args=[self.kind, self.pk])


class Park(DirectoryRecord):
    """A cultural industry park or cluster area."""

    kind = "park"

    class Level(models.TextChoices):
        NATIONAL_DEMONSTRATION = "national_demo", _("national demonstration park")
        NATIONAL_PILOT = "national_pilot", _("national pilot park")
        NATIONAL_BASE = "national_base", _("national base")
        PROVINCIAL = "provincial", _("provincial demonstration park")
        MUNICIPAL = "municipal", _("municipal demonstration park")
        CLUSTER_AREA = "cluster_area", _("designated cluster area")
        OTHER = "other", _("other park")

    level = models.CharField(_("level"), max_length=32, choices=Level.choices, default="other")
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=value_range(-90, 90),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=value_range(-180, 180),
    )
    area_hectares = models.DecimalField(
        _("area (hectares)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    vacancy_rate = models.DecimalField(
        _("vacancy rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0, 100),
    )
    focus_categories = models.ManyToManyField(
        "reference.IndustryCategory",
        verbose_name=_("focus categories"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["id"]
        constraints = park_constraints()


class Enterprise(DirectoryRecord):
    """A cultural enterprise, classified by its main small category of the 2018 classification."""

    kind = "enterprise"

    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
    )
    category = models.ForeignKey(
        "reference.IndustryCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Copies of the category's ancestors and domain, for the same reason as province_code.
    major_code = models.CharField(max_length=2, db_index=True, editable=False)
    mid_code = models.CharField(max_length=3, db_index=True, editable=False)
    domain = models.CharField(max_length=8, db_index=True, editable=False)
    park = models.ForeignKey(
        Park,
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tenants",
    )
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=year_range(EARLIEST_FOUNDING_YEAR)
    )
    employees = models.PositiveIntegerField(
        _("employees"), null=True, blank=True, validators=value_range(0, MAX_EMPLOYEES)
    )
    annual_revenue = models.DecimalField(
        _("annual revenue (yuan)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    revenue_year = models.PositiveSmallIntegerField(
        _("revenue year"), null=True, blank=True, validators=year_range(EARLIEST_REVENUE_YEAR)
    )
    # Computed from the category's sector rule and the reported revenue, never entered.
    above_designated_size = models.BooleanField(
        _("above designated size"), default=False, editable=False, db_index=True
    )

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["status", "province_code", "id"]),
            models.Index(fields=["status", "prefecture_code", "id"]),
            models.Index(fields=["status", "major_code", "id"]),
        ]
        constraints = enterprise_constraints()


class Investor(DirectoryRecord):
    kind = "investor"

    class InvestorType(models.TextChoices):
        VENTURE = "venture", _("venture capital")
        PRIVATE_EQUITY = "private_equity", _("private equity")
        ANGEL = "angel", _("angel investor")
        CORPORATE = "corporate", _("corporate investor")
        GOVERNMENT_FUND = "government_fund", _("government guidance fund")
        BANK = "bank", _("bank or financial institution")

    investor_type = models.CharField(
        _("investor type"), max_length=32, choices=InvestorType.choices, default="venture"
    )
    country = models.CharField(
        _("country (ISO 3166)"), max_length=2, default="CN", validators=[validate_country]
    )
    ticket_min = models.DecimalField(
        _("smallest investment"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    ticket_max = models.DecimalField(
        _("largest investment"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(0),
    )
    currency = currency_field()
    focus_categories = models.ManyToManyField(
        "reference.IndustryCategory",
        verbose_name=_("focus categories"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("investor")
        verbose_name_plural = _("investors")
        ordering = ["id"]
        constraints = investor_constraints()


class Talent(DirectoryRecord):
    """A person listed in the talent pool: designers, artists, managers."""

    kind = "talent"

    title = models.CharField(_("professional title"), max_length=120, blank=True)
    category = models.ForeignKey(
        "reference.IndustryCategory",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("talent")
        verbose_name_plural = _("talents")
        ordering = ["id"]
        constraints = record_constraints("talent")


class ServiceProvider(DirectoryRecord):
    kind = "provider"

    class Service(models.TextChoices):
        INFORMATION = "information", _("information consulting")
        INVESTMENT = "investment", _("investment and financing")
        LEGAL = "legal", _("legal services")
        INTELLECTUAL_PROPERTY = "ip", _("intellectual property")
        TRAINING = "training", _("training")

    service = models.CharField(_("main service"), max_length=32, choices=Service.choices)
    certified = models.BooleanField(_("certified by the centre"), default=False)

    class Meta:
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")
        ordering = ["id"]
        constraints = record_constraints("serviceprovider")
