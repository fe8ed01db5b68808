"""The register's and the calls' API lists are kept for visitors until a write changes them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wenchuang.designation import services
from wenchuang.directory.services import record_update
from wenchuang.workflows import services as engine_services
from wenchuang.workflows.tests.factories import CallFactory

from .factories import DesignationFactory

REGISTER = "/api/v1/designations"
CALLS = "/api/v1/calls"


def visitor(client, url):
    answer = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200
    return answer.json()["results"]


@pytest.mark.django_db(transaction=True)
def test_a_designation_move_reaches_the_next_visitor(client, cast):
    designation = DesignationFactory()
    assert [r["status"] for r in visitor(client, REGISTER)] == ["designated"]
    # Kept: the second visitor's request reads the generations only.
    with CaptureQueriesContext(connection) as queries:
        visitor(client, REGISTER)
    assert not [q for q in queries.captured_queries if "designation_" in q["sql"]]
    services.designation_move(
        designation=designation, target="revoked", by=cast["wuxi_staff"], note="连续两年未达标"
    )
    assert [r["status"] for r in visitor(client, REGISTER)] == ["revoked"]
    # The park's new name too (the register shows it).
    park = designation.park
    record_update(record=park, by=cast["wuxi_staff"], data={"name_en": "Wuxi Studios (renamed)"})
    assert [r["park"]["name"] for r in visitor(client, REGISTER)] == ["Wuxi Studios (renamed)"]


@pytest.mark.django_db(transaction=True)
def test_an_archived_call_leaves_the_next_visitors_list(client, cast):
    call = CallFactory()
    assert [r["status"] for r in visitor(client, CALLS)] == ["published"]
    with CaptureQueriesContext(connection) as queries:
        visitor(client, CALLS)
    assert not [q for q in queries.captured_queries if "workflows_" in q["sql"]]
    engine_services.call_move(call=call, by=cast["wuxi_staff"], status="closed")
    assert visitor(client, CALLS) == []
