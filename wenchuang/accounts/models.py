"""Users, the organisations they act for in which roles (affiliations), and API tokens."""

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
    # Staff of an entrusted institution (Organisation.Kind.INSTITUTION) that carries out
    # field assessments of cluster areas for the centre.
    ASSESSOR = "assessor", _("assessor")
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


def organisation_field(**options) -> models.ForeignKey:
    """The organisation a user acts for (the primary copy on User, and each affiliation's)."""
    return models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, **options
    )


def jurisdiction_field() -> models.ForeignKey:
    """The region staff act within (the primary copy on User, and each affiliation's)."""
    return models.ForeignKey(
        "reference.Region",
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Staff act only on records inside this region; the country root means all."),
    )


class User(AbstractUser):
    # The primary affiliation, copied from the user's oldest `Affiliation` by the accounts
    # services (decision 0014): a label for lists and the demo, never a permission source —
    # permissions ask `accounts.roles`, which reads every affiliation.
    role = models.CharField(
        _("primary role"), max_length=32, choices=Role.choices, default=Role.PUBLIC
    )
    organisation = organisation_field(on_delete=models.SET_NULL, related_name="users")
    jurisdiction = jurisdiction_field()
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
        """Does any affiliation make the user agency staff (centre staff or district official)?"""
        from .roles import has_role

        return has_role(self, *STAFF_ROLES)

    @property
    def is_centre_staff(self) -> bool:
        """Does any affiliation make the user centre staff (templates ask this)?"""
        from .roles import has_role

        return has_role(self, Role.CENTRE_STAFF)

    @property
    def is_expert_reviewer(self) -> bool:
        """Is the user an expert reviewer (the header links the review queue)?"""
        from .roles import has_role

        return has_role(self, Role.EXPERT_REVIEWER)


class Affiliation(models.Model):
    """One role a user holds: for an organisation, and for staff within a jurisdiction.

    A person may hold several: an expert reviewer who also represents an enterprise, staff of
    a city centre who also speaks for the association. (Not "Membership": that word is the
    directory's `AssociationMembership`, an organisation's membership of an association.)
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    # An affiliation with a deleted organisation means nothing; the role goes with it.
    organisation = organisation_field(on_delete=models.CASCADE, related_name="affiliations")
    jurisdiction = jurisdiction_field()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["created_at", "id"]
        constraints = [
            # Only agency staff act within a jurisdiction; any other role with one would
            # look like staff to a reader of the table.
            models.CheckConstraint(
                condition=models.Q(jurisdiction__isnull=True)
                | models.Q(role__in=sorted(r.value for r in STAFF_ROLES)),
                name="affiliation_jurisdiction_only_for_staff",
                violation_error_message=_("Only agency staff act within a jurisdiction."),
            ),
            # A visitor is someone without affiliations; a "public" row would mean nothing.
            models.CheckConstraint(
                condition=~models.Q(role=Role.PUBLIC.value),
                name="affiliation_not_public",
                violation_error_message=_(
                    "A public visitor holds no role; remove the roles instead."
                ),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        parts = [str(Role(self.role).label)]
        if self.organisation_id:
            parts.append(str(self.organisation))
        if self.jurisdiction_id:
            parts.append(str(self.jurisdiction))
        return " · ".join(parts)


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
