"""Submitting and revising returns: rules, flags, cumulative figures, revisions, the lock."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.core.transitions import Conflict
from wenchuang.statistics.models import ReturnValue, StatReturn
from wenchuang.statistics.services import period_move, return_submit
from wenchuang.statistics.tests.conftest import ytd

pytestmark = pytest.mark.django_db


def submit(cast, directory, obligation, period, values, who="rep", **kwargs):
    return return_submit(
        obligation=obligation,
        period=period,
        record=directory["acme"],
        values=values,
        by=cast[who],
        **kwargs,
    )


def messages(excinfo) -> dict:
    return excinfo.value.message_dict


def test_an_enterprise_submits_and_the_placement_is_copied(
    cast, directory, enterprise_obligation, quarters
):
    done = submit(cast, directory, enterprise_obligation, quarters[2026, 1], ytd(1))
    assert done.created and sorted(done.changed) == sorted(ytd(1))
    row = done.stat_return
    assert (row.region_id, row.prefecture_code, row.class_code, row.park_id) == (
        "320211",
        "320200",
        "0241",
        directory["studios"].pk,
    )
    revenue = row.values.get(indicator__code="revenue")
    assert revenue.value == Decimal("7500000") and revenue.single_quarter == Decimal("7500000")


def test_wrong_type_range_required_and_relation_are_refused_per_field(
    cast, directory, enterprise_obligation, quarters
):
    values = ytd(1) | {
        "employees": "40.5",
        "revenue": "abc",
        "cultural_imports": "-3",
        "value_added": "",
    }
    with pytest.raises(ValidationError) as refused:
        submit(cast, directory, enterprise_obligation, quarters[2026, 1], values)
    found = messages(refused)
    assert found["employees"] == ["Enter a whole number."]
    assert found["revenue"] == ["Enter a number."]
    assert found["cultural_imports"] == ["Must be at least 0."]
    assert found["value_added"] == ["This figure is required."]
    assert not StatReturn.objects.exists()

    values = ytd(1) | {"cultural_exports": "9000000"}
    with pytest.raises(ValidationError) as refused:
        submit(cast, directory, enterprise_obligation, quarters[2026, 1], values)
    assert messages(refused) == {
        "cultural_exports": ["Must not be more than Operating revenue (7,500,000)."]
    }
    with pytest.raises(ValidationError) as refused:
        submit(cast, directory, enterprise_obligation, quarters[2026, 1], ytd(1) | {"gdp": "1"})
    assert messages(refused) == {"gdp": ["This return has no indicator gdp."]}


def test_cumulative_values_derive_the_quarter_and_refuse_a_fall(
    cast, directory, enterprise_obligation, quarters
):
    submit(cast, directory, enterprise_obligation, quarters[2026, 2], ytd(2))
    with pytest.raises(ValidationError) as refused:
        submit(cast, directory, enterprise_obligation, quarters[2026, 3], ytd(1))
    assert messages(refused)["revenue"] == [
        "A year-to-date figure cannot be lower than the previous quarter's (15,000,000): "
        "enter the total from January to the end of this quarter."
    ]
    done = submit(cast, directory, enterprise_obligation, quarters[2026, 3], ytd(3))
    revenue = done.stat_return.values.get(indicator__code="revenue")
    assert revenue.value == Decimal("22500000") and revenue.single_quarter == Decimal("7500000")
    employees = done.stat_return.values.get(indicator__code="employees")
    assert employees.single_quarter is None  # a stock, not a flow


def test_a_revision_keeps_the_old_figure_and_rederives_the_next_quarter(
    cast, directory, enterprise_obligation, quarters
):
    submit(cast, directory, enterprise_obligation, quarters[2026, 1], ytd(1))
    submit(cast, directory, enterprise_obligation, quarters[2026, 2], ytd(2))
    revised = submit(
        cast,
        directory,
        enterprise_obligation,
        quarters[2026, 1],
        ytd(1) | {"revenue": "8000000"},
        version=1,
    )
    assert revised.changed == ["revenue"] and revised.stat_return.version == 2
    history = ReturnValue.objects.filter(
        stat_return=revised.stat_return, indicator__code="revenue"
    ).order_by("revision")
    assert [(r.revision, r.value, r.current) for r in history] == [
        (1, Decimal("7500000"), False),
        (2, Decimal("8000000"), True),
    ]
    q2 = ReturnValue.objects.get(
        current=True, indicator__code="revenue", stat_return__period=quarters[2026, 2]
    )
    assert q2.single_quarter == Decimal("7000000")
    with pytest.raises(Conflict):  # a second tab still on version 1
        submit(
            cast,
            directory,
            enterprise_obligation,
            quarters[2026, 1],
            ytd(1) | {"revenue": "8100000"},
            version=1,
        )


def test_the_same_submission_twice_makes_one_return_and_one_revision(
    cast, directory, enterprise_obligation, quarters
):
    first = submit(cast, directory, enterprise_obligation, quarters[2026, 1], ytd(1))
    again = submit(cast, directory, enterprise_obligation, quarters[2026, 1], ytd(1))
    assert not again.created and again.changed == []
    assert StatReturn.objects.count() == 1 and first.stat_return.pk == again.stat_return.pk
    assert ReturnValue.objects.count() == 5


def test_after_the_lock_a_revision_is_refused_with_a_message(
    cast, directory, enterprise_obligation, quarters
):
    submit(cast, directory, enterprise_obligation, quarters[2026, 1], ytd(1))
    period_move(period=quarters[2026, 1], target="locked", by=cast["wuxi_staff"])
    with pytest.raises(ValidationError) as refused:
        submit(cast, directory, enterprise_obligation, quarters[2026, 1], ytd(1) | {"revenue": "1"})
    assert "2026Q1 is closed for returns (locked)" in refused.value.messages[0]
    assert ReturnValue.objects.filter(indicator__code="revenue").count() == 1


def test_a_jump_on_last_year_is_flagged_and_needs_an_explanation(
    cast, directory, enterprise_obligation, quarters
):
    submit(cast, directory, enterprise_obligation, quarters[2025, 1], ytd(1))
    doubled = ytd(1, scale=2.0) | {"employees": "40"}
    with pytest.raises(ValidationError) as refused:
        submit(cast, directory, enterprise_obligation, quarters[2026, 1], doubled)
    assert messages(refused)["revenue"] == [
        "Changed by 100% on the same quarter last year (7,500,000). "
        "Check the figure, or explain it to submit it."
    ]
    why = {code: "Two new series sold abroad." for code in doubled if code != "employees"}
    done = submit(
        cast, directory, enterprise_obligation, quarters[2026, 1], doubled, explanations=why
    )
    assert done.stat_return.status == StatReturn.Status.FLAGGED
    revenue = done.stat_return.values.get(indicator__code="revenue")
    assert revenue.flags[0]["code"] == "yoy_change"
    assert revenue.explanation == "Two new series sold abroad."


def test_only_its_representatives_and_regional_staff_report_for_an_enterprise(
    cast, directory, enterprise_obligation, quarters
):
    for who in ("rival_rep", "dalian_staff", "investor"):
        with pytest.raises(PermissionDenied):
            submit(cast, directory, enterprise_obligation, quarters[2026, 1], ytd(1), who=who)
    for who in ("district", "wuxi_staff"):
        submit(cast, directory, enterprise_obligation, quarters[2026, 1], ytd(1), who=who)
    assert StatReturn.objects.count() == 1
