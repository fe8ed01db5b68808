"""The shipped reference data is complete and holds together."""

from decimal import Decimal

import pytest

from wenchuang.reference.models import Currency, IndustryCategory, Region, SizeThreshold
from wenchuang.reference.selectors import SizeRule

pytestmark = pytest.mark.django_db


def test_classification_has_9_majors_43_mids_146_smalls_in_four_languages():
    counts = {level: IndustryCategory.objects.filter(level=level).count() for level in (1, 2, 3)}
    assert counts == {1: 9, 2: 43, 3: 146}
    missing = (
        IndustryCategory.objects.filter(name_en="")
        | IndustryCategory.objects.filter(name_fr="")
        | IndustryCategory.objects.filter(name_de="")
    )
    assert not missing.exists()


def test_core_domain_is_01_to_06_and_related_07_to_09():
    for major in IndustryCategory.objects.filter(level=1):
        expected = "core" if major.code <= "06" else "related"
        assert major.domain == expected
        assert set(
            IndustryCategory.objects.filter(code__startswith=major.code).values_list(
                "domain", flat=True
            )
        ) == {expected}


def test_every_small_category_maps_to_gbt4754_classes():
    for small in IndustryCategory.objects.filter(level=3):
        assert small.gbt_classes, small.code
        assert all(len(c) == 4 and c.isdigit() for c in small.gbt_classes), small.code


def test_regions_cover_every_province_and_nest_by_code():
    assert Region.objects.filter(level=Region.Level.PROVINCE).count() == 34
    assert Region.objects.filter(level=Region.Level.COUNTY).count() >= 2800
    wuxi = Region.objects.get(code="320200")
    assert (wuxi.name_zh_hans, wuxi.name_en, wuxi.parent_id) == ("无锡市", "Wuxi", "320000")
    assert {r.code for r in wuxi.children.all()} >= {"320211", "320214"}
    for county in Region.objects.filter(level=Region.Level.COUNTY).select_related("parent")[:500]:
        assert county.code.startswith(county.parent.prefix)


def test_currencies_include_yuan_euro_and_dollar_with_chinese_names():
    assert Currency.objects.get(code="CNY").name_zh_hans == "人民币元"
    assert Currency.objects.get(code="EUR").name_zh_hans == "欧元"
    assert Currency.objects.filter(code="USD").exists()


@pytest.mark.parametrize(
    "category, revenue, expected",
    [
        ("0261", "20000000", True),  # manufacturing: 20 M yuan
        ("0261", "19999999.99", False),
        ("0414", "5000000", True),  # retail of books: 5 M
        ("0412", "5000000", False),  # wholesale of newspapers: 20 M
        ("0231", "5000000", True),  # performing arts, culture division 90: 5 M
    ],
)
def test_above_designated_size_depends_on_sector(category, revenue, expected):
    rule = SizeRule.load()
    assert rule.is_above(category, Decimal(revenue), 2024) is expected


def test_size_rule_is_data_that_staff_can_change():
    SizeThreshold.objects.filter(division_from="86").update(min_revenue_yuan=8_000_000)
    assert not SizeRule.load().is_above("0231", Decimal("6000000"), 2024)
