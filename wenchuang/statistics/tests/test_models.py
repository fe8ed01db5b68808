"""The standard indicators, the one-current-value rule and what the cube reads."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wenchuang.statistics.models import Indicator, ReportingObligation, ReturnValue
from wenchuang.statistics.selectors import current_values
from wenchuang.statistics.tests.factories import (
    PeriodFactory,
    ReturnValueFactory,
    StatReturnFactory,
)

pytestmark = pytest.mark.django_db


def test_standard_indicators_are_there_in_four_languages():
    revenue = Indicator.objects.get(code="revenue")
    assert (revenue.name_zh_hans, revenue.name_en) == ("营业收入", "Operating revenue")
    assert revenue.name_fr and revenue.name_de and revenue.cumulative
    exports = Indicator.objects.get(code="cultural_exports")
    assert exports.relations == [{"op": "<=", "other": "revenue"}]
    occupancy = Indicator.objects.get(code="park_occupancy")
    assert occupancy.weight.code == "park_tenants" and occupancy.max_value == 100
    assert set(Indicator.objects.filter(reporter="reference").values_list("code", flat=True)) == {
        "gdp",
        "service_trade",
    }
    enterprises = ReportingObligation.objects.get(code="enterprise-quarterly")
    assert enterprises.applies_to == {"above_designated_size": True}
    assert set(enterprises.indicators.values_list("code", flat=True)) == {
        "revenue",
        "employees",
        "value_added",
        "cultural_exports",
        "cultural_imports",
    }


def test_a_return_copies_its_enterprise_placement_and_class():
    stat_return = StatReturnFactory()
    enterprise = stat_return.enterprise
    assert stat_return.reporter_key == f"enterprise:{enterprise.pk}"
    assert (stat_return.region_id, stat_return.prefecture_code, stat_return.province_code) == (
        "320211",
        "320200",
        "320000",
    )
    assert (stat_return.class_code, stat_return.mid_code, stat_return.major_code) == (
        "0241",
        "024",
        "02",
    )


def test_only_one_current_value_per_figure():
    value = ReturnValueFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnValueFactory(stat_return=value.stat_return, revision=2)


def test_current_values_reads_current_rows_of_given_periods():
    old = ReturnValueFactory(
        stat_return=StatReturnFactory(period=PeriodFactory(year=2026, quarter=2))
    )
    kept = ReturnValueFactory(value=Decimal("1"), current=False)
    newest = ReturnValueFactory(stat_return=kept.stat_return, revision=2, value=Decimal("2"))
    assert list(current_values()) == [old, newest]
    assert list(current_values(period_ids=[old.stat_return.period_id])) == [old]
    rows = list(current_values(since=newest.created_at))
    assert rows == [newest] and rows[0].stat_return.prefecture_code == "320200"
    assert ReturnValue.objects.count() == 3


def test_staff_cannot_save_a_relation_the_checker_cannot_apply():
    indicator = Indicator(code="profit", relations=[{"op": "~", "other": "revenue"}])
    with pytest.raises(ValidationError) as refused:
        indicator.clean()
    assert "needs an op" in refused.value.message_dict["relations"][0]
    indicator.relations = [{"op": "<=", "other": "turnover"}]
    with pytest.raises(ValidationError) as refused:
        indicator.clean()
    assert refused.value.message_dict["relations"] == ["No indicator turnover to compare with."]
    indicator.relations = [{"op": "<=", "other": "revenue"}]
    indicator.clean()
