"""Writes on accounts: users, the roles they hold (affiliations), and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import roles
from .models import Affiliation, ApiToken, Organisation, Role, User


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str = Role.PUBLIC,
    organisation: Organisation | None = None,
    jurisdiction_code: str | None = None,
    email: str = "",
) -> User:
    user = User(
        username=username,
        role=role,
        organisation=organisation,
        jurisdiction_id=jurisdiction_code,
        email=email,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    if role != Role.PUBLIC:
        _affiliation_save(user, role, organisation, jurisdiction_code)
    return user


def _may_grant(by: User | None) -> None:
    # Roles are handed out by administrators (the admin site) and by code that creates
    # users itself (the demo, tests); `by=None` is that code.
    if by is not None and not by.is_superuser:
        raise PermissionDenied(_("Only administrators grant or withdraw roles."))


def _affiliation_save(
    user: User, role: str, organisation: Organisation | None, jurisdiction_code: str | None
) -> Affiliation:
    existing = Affiliation.objects.filter(
        user=user,
        role=role,
        organisation=organisation,
        jurisdiction_id=jurisdiction_code,
    ).first()
    if existing is not None:
        return existing
    affiliation = Affiliation(
        user=user, role=role, organisation=organisation, jurisdiction_id=jurisdiction_code
    )
    affiliation.full_clean()
    affiliation.save()
    user_primary_refresh(user)
    return affiliation


@transaction.atomic
def affiliation_add(
    *,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    jurisdiction_code: str | None = None,
    by: User | None = None,
) -> Affiliation:
    """Grant `user` one more role (for an organisation, within a jurisdiction for staff)."""
    _may_grant(by)
    return _affiliation_save(user, role, organisation, jurisdiction_code)


@transaction.atomic
def affiliation_remove(*, affiliation: Affiliation, by: User | None = None) -> None:
    """Withdraw one role; the rights it gave end with it (on the user's next request)."""
    _may_grant(by)
    user = affiliation.user
    affiliation.delete()
    user_primary_refresh(user)


def user_primary_refresh(user: User) -> None:
    """Copy the oldest affiliation into the user's primary columns (public when none).

    The columns are a label (lists, the demo's login table); permissions read every
    affiliation through `accounts.roles`.
    """
    first = Affiliation.objects.filter(user=user).order_by("created_at", "id").first()
    user.role = first.role if first else Role.PUBLIC
    user.organisation_id = first.organisation_id if first else None
    user.jurisdiction_id = first.jurisdiction_id if first else None
    User.objects.filter(pk=user.pk).update(
        role=user.role, organisation_id=user.organisation_id, jurisdiction_id=user.jurisdiction_id
    )
    # Also fetched relations and cached grants must not answer from before the change.
    for name in ("organisation", "jurisdiction"):
        user._state.fields_cache.pop(name, None)
    roles.forget(user)


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token; the plain key is returned once and never stored."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=ApiToken.hash_key(key), prefix=key[3:11]
    )
    return token, key


def api_token_authenticate(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked=False, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def user_language_set(*, user: User, language: str) -> None:
    """Remember the language a user chose, so mail and notifications reach them in it."""
    if language in {code for code, _name in settings.LANGUAGES} and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
