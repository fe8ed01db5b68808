"""Returns shaped like Wuxi's, for the cube's and the dashboards' tests."""

from decimal import Decimal

from wenchuang.directory.tests.factories import EnterpriseFactory
from wenchuang.statistics.models import Indicator
from wenchuang.statistics.tests.factories import (
    PeriodFactory,
    ReturnValueFactory,
    StatReturnFactory,
)


def enterprise_return(period, *, region="320211", category="0241", park=None, **values):
    """One enterprise's return in `period` with `values` by indicator code (year to date)."""
    enterprise = EnterpriseFactory(large=True, region_id=region, category_id=category, park=park)
    stat_return = StatReturnFactory(period=period, reporter_record=enterprise)
    for code, value in values.items():
        if isinstance(value, tuple):
            value, single = value
        else:
            single = value
        ReturnValueFactory(
            stat_return=stat_return,
            indicator=Indicator.objects.get(code=code),
            value=Decimal(value),
            single_quarter=Decimal(single),
        )
    return stat_return


def wuxi_quarters():
    """2019 Q4 and 2020 Q4: four enterprises in Binhu (animation), one in Liangxi (press)."""
    q19, q20 = PeriodFactory(year=2019, quarter=4), PeriodFactory(year=2020, quarter=4)
    for revenue in (100, 200, 300, 400):
        enterprise_return(q19, revenue=(revenue * 4, revenue))
        enterprise_return(q20, revenue=(revenue * 5, revenue + 50))
    enterprise_return(q19, region="320213", category="0110", revenue=(4000, 1000))
    enterprise_return(q20, region="320213", category="0110", revenue=(4800, 1200))
    return q19, q20
