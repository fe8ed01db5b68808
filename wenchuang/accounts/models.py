"""Users with one role each, the organisations they act for, and API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from wenchuang.core.languages import localized
from wenchuang.core.translated import TranslatedField


class Role(models.TextChoices):
    CENTRE_STAFF = "centre_staff", _("centre staff")
    DISTRICT_OFFICIAL = "district_official", _("district official")
    PARK_MANAGER = "park_manager", _("park manager")
    ENTERPRISE_REP = "enterprise_rep", _("enterprise representative")
    INVESTOR = "investor", _("investor")
    EXPERT_REVIEWER = "expert_reviewer", _("expert reviewer")
    SERVICE_PROVIDER = "service_provider", _("service provider")
    ASSOCIATION_MEMBER = "association_member", _("association member")
    PUBLIC = "public", _("public visitor")


# Roles that act for the agency inside a jurisdiction.
STAFF_ROLES = frozenset({Role.CENTRE_STAFF, Role.DISTRICT_OFFICIAL})


class Organisation(models.Model):
    """A body users act for: the centre itself, an association, a park operator, an enterprise..."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("promotion centre or culture bureau")
        DISTRICT = "district", _("district government")
        ASSOCIATION = "association", _("industry association")
        PARK_OPERATOR = "park_operator", _("park operator")
        ENTERPRISE = "enterprise", _("enterprise")
        INVESTOR = "investor", _("investor")
        SERVICE_PROVIDER = "service_provider", _("service provider")
        INSTITUTION = "institution", _("entrusted institution")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name = TranslatedField(models.CharField, _("name"), max_length=200, blank=True)
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return localized(self, "name").text or f"#{self.pk}"


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.PUBLIC)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    jurisdiction = models.ForeignKey(
        "reference.Region",
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Staff act only on records inside this region; the country root means all."),
    )
    # Mails and notifications reach the user in this language, whatever page sent them.
    language = models.CharField(
        _("preferred language"),
        max_length=16,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_agency_staff(self) -> bool:
        return self.is_authenticated and self.role in STAFF_ROLES


class ApiToken(models.Model):
    """A bearer token for programs; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "wc_" + secrets.token_urlsafe(32)
