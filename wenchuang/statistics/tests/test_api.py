"""Returns through the API: submit, revise, read, with the page's permissions and clear refusals."""

import json

import pytest

from wenchuang.accounts.services import api_token_create
from wenchuang.statistics.models import ReturnValue, StatReturn
from wenchuang.statistics.services import period_move
from wenchuang.statistics.tests.conftest import ytd

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='test')[1]}"}


def post(client, user, body):
    return client.post(
        "/api/v1/statistics/returns",
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(user),
    )


def body(directory, period="2026Q1", values=None, **extra):
    return {
        "obligation": "enterprise-quarterly",
        "period": period,
        "reporter_id": directory["acme"].pk,
        "values": values if values is not None else ytd(1),
        **extra,
    }


def test_an_enterprise_submits_revises_and_reads_its_return(client, cast, directory, quarters):
    created = post(client, cast["rep"], body(directory))
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["version"] == 1 and data["region"] == "320211"
    revenue = next(v for v in data["values"] if v["indicator"] == "revenue")
    assert revenue["value"] == "7500000.0000" and revenue["single_quarter"] == "7500000.0000"

    again = post(client, cast["rep"], body(directory))
    assert again.status_code == 200 and again.json()["version"] == 1
    assert StatReturn.objects.count() == 1

    revised = post(
        client,
        cast["rep"],
        body(directory, values=ytd(1) | {"revenue": 8000000}, version=1),
    )
    assert revised.status_code == 200 and revised.json()["version"] == 2
    stale = post(
        client,
        cast["rep"],
        body(directory, values=ytd(1) | {"revenue": 8100000}, version=1),
    )
    assert stale.status_code == 409

    mine = client.get("/api/v1/statistics/returns", **bearer(cast["rep"])).json()
    assert [r["id"] for r in mine["results"]] == [data["id"]]
    one = client.get(f"/api/v1/statistics/returns/{data['id']}", **bearer(cast["rep"]))
    assert one.json()["version"] == 2


def test_bad_returns_get_clear_messages_and_write_nothing(client, cast, directory, quarters):
    wrong = post(client, cast["rep"], body(directory, values=ytd(1) | {"employees": "many"}))
    assert wrong.status_code == 422
    assert wrong.json()["detail"] == [
        {"loc": ["body", "values", "employees"], "msg": "Enter a number.", "type": "value_error"}
    ]
    unknown = post(client, cast["rep"], body(directory, values=ytd(1) | {"profit": "1"}))
    assert unknown.json()["detail"][0]["loc"] == ["body", "values", "profit"]
    no_period = post(client, cast["rep"], body(directory, period="2019Q1"))
    assert no_period.status_code == 422
    assert no_period.json()["detail"][0]["msg"] == "No quarter 2019Q1 in the reporting calendar."
    bad_obligation = post(client, cast["rep"], body(directory) | {"obligation": "weekly"})
    assert bad_obligation.json()["detail"][0]["loc"] == ["body", "obligation"]
    assert not ReturnValue.objects.exists()

    post(client, cast["rep"], body(directory))
    period_move(period=quarters[2026, 1], target="locked", by=cast["wuxi_staff"])
    late = post(client, cast["rep"], body(directory, values=ytd(1) | {"revenue": "1"}, version=1))
    assert late.status_code == 422
    assert "2026Q1 is closed for returns" in late.json()["detail"][0]["msg"]


@pytest.mark.parametrize(
    ("who", "may_submit", "sees"),
    [
        ("rep", True, True),
        ("wuxi_staff", True, True),
        ("district", True, True),
        ("rival_rep", False, False),
        ("dalian_staff", False, False),
        ("investor", False, False),
    ],
)
def test_roles_and_actions(client, cast, directory, quarters, who, may_submit, sees):
    answer = post(client, cast[who], body(directory))
    assert (answer.status_code == 201) == may_submit
    if not may_submit:
        assert answer.status_code == 403
        post(client, cast["rep"], body(directory))
    pk = StatReturn.objects.get().pk
    assert (
        client.get(f"/api/v1/statistics/returns/{pk}", **bearer(cast[who])).status_code == 200
    ) == sees
    listed = client.get("/api/v1/statistics/returns", **bearer(cast[who])).json()["count"]
    assert listed == (1 if sees else 0)


def test_a_visitor_reads_indicators_and_the_calendar_but_no_return(
    client, cast, directory, quarters
):
    post(client, cast["rep"], body(directory))
    assert client.get("/api/v1/statistics/returns").json()["count"] == 0
    pk = StatReturn.objects.get().pk
    assert client.get(f"/api/v1/statistics/returns/{pk}").status_code == 403
    indicators = client.get("/api/v1/statistics/indicators", HTTP_ACCEPT_LANGUAGE="fr").json()
    names = {i["code"]: i["name"] for i in indicators["results"]}
    assert names["revenue"] == "Chiffre d'affaires"
    periods = client.get("/api/v1/statistics/periods").json()["results"]
    assert periods[0]["period"] == "2026Q3"
    anonymous = client.post(
        "/api/v1/statistics/returns", json.dumps(body(directory)), content_type="application/json"
    )
    assert anonymous.status_code in (401, 403)
