"""Settings for the API benchmark only: the project's settings plus a bench-only URL module."""

import os

from wenchuang.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"

# BENCH_CONN_MAX_AGE=60 measures what persistent connections would give (off in production).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("BENCH_CONN_MAX_AGE", "0"))  # noqa: F405
