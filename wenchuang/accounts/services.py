"""Writes on accounts: users for the demo and admins, and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ApiToken, Organisation, Role, User


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
    return user


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
