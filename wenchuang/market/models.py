"""Listings, buyers, orders (from inquiry to completion), their message threads and payments."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wenchuang.core.money import Money, currency_field
from wenchuang.core.translated import TranslatedField
from wenchuang.core.validators import description_length, validate_country, value_range

# A Harmonized System code: 6 digits (the world's HS), or 8 / 10 (China's tariff lines).
validate_hs_code = RegexValidator(
    r"^\d{6}(\d{2}){0,2}$",
    _("An HS code has 6, 8 or 10 digits, not “%(value)s”."),
    code="hs_code",
)
# A lead time beyond two years is a typing error.
MAX_LEAD_DAYS = 730
MAX_QUANTITY = 10_000_000


def validate_countries(value: object) -> None:
    """A list of two-letter ISO 3166 codes."""
    if not isinstance(value, list):
        raise ValidationError(_("Countries are a list of ISO 3166 codes."), code="countries")
    for code in value:
        validate_country(code)


def _amount(verbose_name, **options) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=16,
        decimal_places=2,
        validators=value_range(Decimal("0.01")),
        **options,
    )


class Listing(models.Model):
    """A product or service an enterprise offers; staff publish it after moderation.

    Placed in the seller's region (the copied columns of core.regions), so that the staff of
    that region moderate it.
    """

    class Kind(models.TextChoices):
        GOODS = "goods", _("goods")
        SERVICE = "service", _("service")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting moderation")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")
        # Hidden while an infringement report against it is pending.
        HIDDEN = "hidden", _("hidden pending an infringement report")

    enterprise = models.ForeignKey(
        "directory.Enterprise",
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.GOODS)
    category = models.ForeignKey(
        "reference.IndustryCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": 3},
    )
    # Copies of the category's ancestors, so a class filter is one indexed equality.
    major_code = models.CharField(max_length=2, db_index=True, editable=False)
    mid_code = models.CharField(max_length=3, editable=False)
    title = TranslatedField(models.CharField, _("title"), max_length=200, blank=True)
    description = TranslatedField(
        models.TextField, _("description"), blank=True, validators=description_length()
    )
    price = models.DecimalField(
        _("price"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=value_range(Decimal("0.01")),
    )
    currency = currency_field(optional=True)
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("e.g. piece, set, hour")
    )
    minimum_order = models.PositiveIntegerField(
        _("minimum order"), default=1, validators=value_range(1, MAX_QUANTITY)
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), null=True, blank=True, validators=value_range(0, MAX_LEAD_DAYS)
    )
    exportable = models.BooleanField(_("available for export"), default=False)
    countries = models.JSONField(
        _("countries served"),
        default=list,
        blank=True,
        validators=[validate_countries],
        help_text=_("ISO 3166 codes; empty means every country."),
    )
    hs_code = models.CharField(
        _("HS code"), max_length=10, blank=True, validators=[validate_hs_code]
    )
    licence_terms = models.TextField(
        _("licence terms"), blank=True, validators=description_length()
    )
    # The registered original work the goods are based on (their licence terms refer to it).
    work = models.ForeignKey(
        "ip_registry.Work",
        verbose_name=_("registered work"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listings",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    moderation_note = models.TextField(_("moderation note"), blank=True)
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=6, db_index=True, editable=False)
    prefecture_code = models.CharField(max_length=6, blank=True, db_index=True, editable=False)
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "major_code", "id"]),
            models.Index(fields=["enterprise", "status"]),
        ]
        constraints = [
            # No price without its currency.
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(currency__isnull=False),
                name="listing_price_has_currency",
            ),
            models.CheckConstraint(
                condition=models.Q(price__isnull=True) | models.Q(price__gt=0),
                name="listing_price_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(minimum_order__gte=1), name="listing_minimum_order_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("market:listing", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.price is not None and not self.currency_id:
            errors["currency"] = _("A price needs its currency.")
        if not any(getattr(self, f"title_{code}") for code in ("zh_hans", "en", "fr", "de")):
            errors["title_zh_hans"] = _("Give the listing a title in at least one language.")
        if self.hs_code and self.kind == self.Kind.SERVICE:
            errors["hs_code"] = _("Services have no HS code; it is for goods.")
        if errors:
            raise ValidationError(errors)

    @property
    def money(self) -> Money | None:
        return Money.of(self.price, self.currency_id)

    @property
    def is_available(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def serves(self, country: str) -> bool:
        """Whether the seller delivers to `country` (an empty list: everywhere they may)."""
        if country == "CN":
            return True
        return self.exportable and (not self.countries or country in self.countries)


class BuyerProfile(models.Model):
    """Who buys: a person's organisation, country and the currency they see prices in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="buyer_profile",
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(
        _("country (ISO 3166)"), max_length=2, default="CN", validators=[validate_country]
    )
    preferred_currency = currency_field(_("preferred currency"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("buyer profile")
        verbose_name_plural = _("buyer profiles")

    def __str__(self) -> str:
        return self.organisation_name or str(self.user)

    @property
    def abroad(self) -> bool:
        return self.country != "CN"


class Order(models.Model):
    """One deal between a buyer and a seller, from the first inquiry to completion.

    The amounts and the exchange rate are copied when the buyer places the order, so that
    later rates or edits of the listing never change what was agreed.
    """

    class Status(models.TextChoices):
        INQUIRY = "inquiry", _("inquiry")
        QUOTE = "quote", _("quoted")
        ORDERED = "ordered", _("ordered")
        SHIPPED = "shipped", _("shipped")
        DELIVERED = "delivered", _("delivered")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    listing = models.ForeignKey(
        Listing, verbose_name=_("listing"), on_delete=models.PROTECT, related_name="orders"
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buyer"),
        on_delete=models.PROTECT,
        related_name="market_orders",
    )
    seller = models.ForeignKey(
        "directory.Enterprise",
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        related_name="market_orders",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INQUIRY, db_index=True
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=value_range(1, MAX_QUANTITY))
    # The seller's quote: a unit price in the seller's currency.
    unit_price = _amount(_("unit price"), null=True, blank=True)
    currency = currency_field(optional=True)
    quote_note = models.TextField(_("quote terms"), blank=True)
    # Copied when the order is placed.
    total = models.DecimalField(_("total"), max_digits=18, decimal_places=2, null=True, blank=True)
    buyer_currency = models.CharField(_("buyer's currency"), max_length=3, blank=True)
    buyer_rate = models.DecimalField(
        _("exchange rate"), max_digits=20, decimal_places=10, null=True, blank=True
    )
    buyer_total = models.DecimalField(
        _("total in the buyer's currency"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    total_cny = models.DecimalField(
        _("total in yuan"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    cny_rate = models.DecimalField(max_digits=20, decimal_places=10, null=True, blank=True)
    rate_date = models.DateField(_("rate date"), null=True, blank=True)
    placed_at = models.DateTimeField(_("placed"), null=True, blank=True)
    # Copied from the buyer's profile and the listing when the inquiry is sent.
    buyer_country = models.CharField(_("buyer's country"), max_length=2, default="CN")
    class_code = models.CharField(max_length=4, editable=False)
    major_code = models.CharField(max_length=2, editable=False)
    paid_at = models.DateTimeField(_("payment confirmed"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "completed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="order_quantity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price__isnull=True) | models.Q(currency__isnull=False),
                name="order_price_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.listing}"

    def get_absolute_url(self) -> str:
        return reverse("market:order", args=[self.pk])

    @property
    def total_money(self) -> Money | None:
        return Money.of(self.total, self.currency_id)

    @property
    def buyer_money(self) -> Money | None:
        return Money.of(self.buyer_total, self.buyer_currency)


class Message(models.Model):
    """One message of the thread between a buyer and a seller about an order."""

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("message"), validators=description_length())
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:40]


class Payment(models.Model):
    """A payment recorded against an order by a provider (today: manual confirmation)."""

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="payments"
    )
    provider = models.CharField(_("provider"), max_length=32)
    amount = _amount(_("amount"))
    currency = currency_field(default=None)
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["confirmed_at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.amount} {self.currency_id}"


from .infringement import ImageMatch, InfringementReport  # noqa: E402, F401  (the app's models)
