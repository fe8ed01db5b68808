"""The crawl's data: the demo data set, built once per module and rolled back afterwards."""

import pytest
from django.db import transaction
from django.test import override_settings

from .site import build_site

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        with transaction.atomic():
            yield build_site()
            transaction.set_rollback(True)


@pytest.fixture
def site(demo_site, db):
    return demo_site
