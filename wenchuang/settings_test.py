"""Settings for the test suite: the real settings with fast hashing and immediate tasks."""

import os

# The real settings refuse to start without a key when DEBUG is off, as tests run.
os.environ.setdefault("SECRET_KEY", "wenchuang-tests-only-key-" + "x" * 40)

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
# The test client and the browser tests' live server speak plain HTTP.
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_PROXY_SSL_HEADER = None
TRUSTED_PROXY_COUNT = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file in WAL mode, as a real installation runs, not SQLite's shared in-memory database:
    # there a writer locks whole tables against readers, and no busy timeout applies, so tests
    # of concurrent writers (an import beside staff edits) would test SQLite's test mode.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
