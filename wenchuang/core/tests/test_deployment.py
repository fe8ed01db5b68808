"""A production configuration passes Django's deployment checks; a keyless one refuses to start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# What docs/deployment.md puts in the environment file (the key is any long random string).
PRODUCTION = {
    "SECRET_KEY": "k3y-for-the-deploy-check-only-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "wenchuang.example.cn",
    "CSRF_TRUSTED_ORIGINS": "https://wenchuang.example.cn",
}


def manage(tmp_path, *args, **env):
    """manage.py with the real settings and nothing from the test run's environment."""
    base = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "wenchuang.settings",
        "WENCHUANG_VAR_DIR": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_the_site_refuses_to_start(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage(tmp_path, "check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_transport_security_is_on_by_default_and_settable(tmp_path):
    show = (
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    result = manage(tmp_path, "shell", "-c", show, **PRODUCTION)
    assert result.stdout.split()[-4:] == ["True", "True", "True", "31536000"], result.stderr
    changed = {
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "off",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "3600",
    }
    result = manage(tmp_path, "shell", "-c", show, **PRODUCTION, **changed)
    assert result.stdout.split()[-4:] == ["False", "False", "False", "3600"], result.stderr


@pytest.mark.django_db
def test_a_write_waits_for_another_writers_lock_only_a_few_seconds():
    # Past this the page or the API answers 503 "busy, try again" instead of hanging.
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == "5s"
        else:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 5000
