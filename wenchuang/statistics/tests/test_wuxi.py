"""Wuxi 2019 entered as returns and reference series: the figures give 8.6 bn and 9.2 %."""

from decimal import Decimal

import pytest

from wenchuang.directory.tests.factories import EnterpriseFactory
from wenchuang.statistics.models import ReferenceValue
from wenchuang.statistics.selectors import current_values
from wenchuang.statistics.wuxi import enter_wuxi_2019

pytestmark = pytest.mark.django_db


def test_wuxi_2019_cultural_trade_is_9_2_percent_of_service_trade(cast):
    enterprises = [
        EnterpriseFactory(large=True, category_id=code) for code in ("0241", "0322", "0131")
    ]
    period = enter_wuxi_2019(by=cast["wuxi_staff"], enterprises=enterprises)
    assert (period.label, period.status) == ("2019Q4", "released")
    trade = sum(
        row.value
        for row in current_values(period_ids=[period.pk])
        if row.indicator.code in ("cultural_exports", "cultural_imports")
        and row.stat_return.prefecture_code == "320200"
    )
    assert trade == Decimal("8600000000")
    services = ReferenceValue.objects.get(
        indicator__code="service_trade", region_id="320200", period=period, current=True
    )
    share = (100 * trade / services.value).quantize(Decimal("0.1"))
    assert share == Decimal("9.2")
