"""The API's list of a call's applications takes the same queries at any page size (bench)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wenchuang.accounts.services import api_token_create

from .factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db


def test_the_api_list_of_a_calls_applications_takes_the_same_queries_at_any_page_size(client, cast):
    call = CallFactory()
    ApplicationFactory.create_batch(30, call=call, submitted=True)
    _token, key = api_token_create(user=cast["wuxi_staff"], name="bench")
    url = f"/api/v1/calls/{call.pk}/applications"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}
    counts = []
    for size in (5, 10, 25):
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(url, {"page_size": size}, **headers).json()
        assert len(answer["results"]) == size
        # Each row's stage in the asker's language, from the row's own stage table.
        assert {row["stage_label"] for row in answer["results"]} == {"submitted"}
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts
