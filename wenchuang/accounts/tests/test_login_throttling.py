"""Sign-in throttling: a run of wrong passwords locks that username out from that address."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone, translation

PASSWORD = "pw-for-tests"
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"


def sign_in(client, username, password, address=ATTACKER):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def rep(cast) -> str:
    return cast["rep"].username


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, address=ATTACKER):
    for _ in range(times):
        sign_in(client, username, "wrong-guess", address)


@pytest.mark.django_db
def test_the_right_password_works_after_a_few_mistakes(client, rep, settings):
    fail(client, rep, settings.AXES_FAILURE_LIMIT - 1)
    response = sign_in(client, rep, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_thirty_wrong_passwords_lock_the_account_out_from_that_address(client, rep):
    fail(client, rep, 30)
    response = sign_in(client, rep, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    assert "Too many failed attempts to sign in" in response.content.decode()
    assert "Try again in 15 minutes" in response.content.decode()


@pytest.mark.django_db
def test_the_lockout_is_said_in_the_readers_language(client, rep, settings):
    fail(client, rep, settings.AXES_FAILURE_LIMIT)
    with translation.override("zh-hans"):
        response = sign_in(client, rep, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed attempts" not in page
    assert "15" in page and "分钟" in page


@pytest.mark.django_db
def test_the_same_user_elsewhere_and_other_users_here_can_still_sign_in(
    client, rep, cast, settings
):
    fail(client, rep, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, rep, PASSWORD, address=COLLEAGUE).status_code == 302
    client.logout()
    assert sign_in(client, cast["rival_rep"].username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lockout_ends_after_the_cool_off(client, rep, settings):
    fail(client, rep, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, rep, PASSWORD).status_code == 429
    later = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=later)
    assert sign_in(client, rep, PASSWORD).status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_open_a_new_address(client, rep, settings):
    # Behind one proxy: the proxy appends the real address; what the client wrote is ignored.
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"),
            {"username": rep, "password": "wrong-guess"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        )
    response = client.post(
        reverse("accounts:login"),
        {"username": rep, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}",
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_admin_sign_in_is_throttled_too(client, rep, settings):
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": rep, "password": "wrong"}, REMOTE_ADDR=ATTACKER)
    response = client.post(url, {"username": rep, "password": PASSWORD}, REMOTE_ADDR=ATTACKER)
    assert response.status_code == 429


def test_the_api_takes_no_passwords(client, db):
    # Programs sign in with tokens: no password scheme, no operation that takes a password.
    schema = client.get("/api/openapi.json").json()
    schemes = schema["components"]["securitySchemes"].values()
    assert {(s["type"], s.get("scheme")) for s in schemes} <= {
        ("http", "bearer"),
        ("apiKey", None),
    }
    assert "password" not in str(schema).lower()
