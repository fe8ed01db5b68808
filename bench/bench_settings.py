"""Settings for the API benchmark only: the project's settings plus a bench-only URL module."""

from wenchuang.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"
