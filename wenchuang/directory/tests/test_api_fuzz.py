"""A bounded schemathesis run over /api/openapi.json: no generated request makes the API fail."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from wenchuang.accounts.models import Organisation, Role
from wenchuang.accounts.services import api_token_create, user_create
from wenchuang.directory import services
from wenchuang.directory.models import Enterprise, Investor, Park, ServiceProvider, Talent
from wenchuang.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
WUXI_BINHU = "320211"


@pytest.fixture(autouse=True)
def keep_the_test_transaction():
    # The WSGI app is called directly, not through Django's test client, so its end-of-request
    # handler would close the connection that holds the test's transaction (PostgreSQL);
    # the test client disconnects the same handler.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db):
    """A few records of each kind (ids 1, 2, ...), a staff and a rep token."""
    staff = user_create(
        username="fuzz-staff",
        password="pw-fuzz-123",
        role=Role.CENTRE_STAFF,
        jurisdiction_code="320200",
    )
    for n in range(3):
        common = {"name_zh_hans": f"无锡文创{n}", "name_en": f"Wuxi Culture {n}"}
        common["region"] = WUXI_BINHU
        services.record_create(model=Enterprise, by=staff, data={**common, "category": "0241"})
        services.record_create(model=Park, by=staff, data=common)
        services.record_create(model=Investor, by=staff, data=common)
        services.record_create(model=Talent, by=staff, data=common)
        services.record_create(model=ServiceProvider, by=staff, data={**common, "service": "legal"})
    rep = user_create(
        username="fuzz-rep",
        password="pw-fuzz-123",
        role=Role.ENTERPRISE_REP,
        organisation=Organisation.objects.create(kind="enterprise", name_zh_hans="某企业"),
    )
    return {
        "staff": api_token_create(user=staff, name="fuzz")[1],
        "rep": api_token_create(user=rep, name="fuzz")[1],
    }


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_never_fails_on_generated_requests(case, tokens):
    # Writes as staff get past authentication into the services; reads as a representative
    # take the other visibility path.
    is_read = case.method.upper() == "GET"
    key = tokens["rep"] if is_read and case.path.count("/") == 3 else tokens["staff"]
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {key}"}
    case.call_and_validate(checks=CHECKS)
