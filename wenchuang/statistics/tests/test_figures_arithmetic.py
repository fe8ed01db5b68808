"""Growth, shares, target progress and disclosure control, on figures shaped like Wuxi's."""

from datetime import date
from decimal import Decimal

from wenchuang.statistics.growth import growth, previous_quarter, rounded, share
from wenchuang.statistics.progress import Standing, target_progress
from wenchuang.statistics.suppression import CellFacts, Group, suppressed_cells


def test_wuxi_cultural_trade_is_9_2_percent_of_service_trade():
    # 8.6 bn yuan of cultural trade in 2019; service trade about 93.5 bn.
    assert rounded(share(Decimal("8.6e9"), Decimal("93.5e9"))) == Decimal("9.2")


def test_growth_compares_with_the_base_and_has_none_without_one():
    assert growth(Decimal(110), Decimal(100)) == Decimal(10)
    assert growth(Decimal(90), Decimal(100)) == Decimal(-10)
    assert growth(Decimal(90), Decimal(0)) is None
    assert growth(Decimal(90), None) is None
    assert previous_quarter(2020, 1) == (2019, 4)
    assert rounded(Decimal("9.15")) == Decimal("9.2")  # half up, not to even


def test_a_target_behind_its_straight_line_is_at_risk():
    common = dict(
        baseline=Decimal(600),
        baseline_on=date(2019, 1, 1),
        target=Decimal(1000),
        deadline=date(2021, 12, 31),
    )
    halfway = date(2020, 7, 2)
    assert target_progress(actual=Decimal(820), today=halfway, **common).standing == "on_track"
    assert target_progress(actual=Decimal(650), today=halfway, **common).standing == "at_risk"
    assert target_progress(actual=Decimal(1010), today=halfway, **common).standing == "reached"
    late = target_progress(actual=Decimal(900), today=date(2022, 3, 1), **common)
    assert late.standing == Standing.MISSED and late.share_done == Decimal(75)
    assert target_progress(actual=None, today=halfway, **common).standing == "no_data"


def cell(value, contributors, largest):
    return CellFacts(Decimal(value), contributors, Decimal(largest))


def test_small_and_dominated_cells_are_withheld():
    cells = {
        "two": cell(500, 2, 300),
        "dominated": cell(1000, 12, 900),
        "fine": cell(1000, 12, 200),
        "empty": cell(0, 0, 0),
    }
    assert suppressed_cells(cells) == {"two", "dominated"}


def test_a_lone_withheld_class_takes_the_smallest_other_with_it():
    # Wuxi's total is shown; only class 0111 is sensitive. Without a complement,
    # total − the others would give the withheld enterprise's figure.
    cells = {
        "wuxi": cell(10_000, 40, 900),
        "0111": cell(700, 2, 400),
        "0121": cell(4_000, 18, 500),
        "0131": cell(2_000, 10, 300),
        "0141": cell(3_300, 10, 900),
    }
    hidden = suppressed_cells(cells, [Group("wuxi", ("0111", "0121", "0131", "0141"))])
    assert hidden == {"0111", "0131"}
    shown = [k for k in ("0121", "0141") if k not in hidden]
    # Nothing left on the page adds up to a withheld value.
    assert cells["wuxi"].value - sum(cells[k].value for k in shown) == 2_700


def test_complements_propagate_through_nested_groups():
    cells = {
        "nation": cell(100_000, 300, 900),
        "js": cell(60_000, 200, 900),
        "zj": cell(40_000, 100, 900),
        "wuxi": cell(30_000, 150, 900),
        "suzhou": cell(29_000, 48, 900),
        "tiny": cell(1_000, 2, 600),
    }
    groups = [Group("nation", ("js", "zj")), Group("js", ("wuxi", "suzhou", "tiny"))]
    hidden = suppressed_cells(cells, groups)
    assert hidden == {"tiny", "suzhou"}
    # With one other part left, it goes too: the total alone then gives neither away.
    only = {"t": cell(1_000, 5, 300), "a": cell(900, 4, 300), "b": cell(100, 1, 100)}
    assert suppressed_cells(only, [Group("t", ("a", "b"))]) == {"a", "b"}
