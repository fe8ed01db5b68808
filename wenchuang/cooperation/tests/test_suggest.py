"""The pairing score: across zones, stronger carries weaker, shared focus, existing ties."""

from wenchuang.cooperation.suggest import Candidate, score_pair, suggest
from wenchuang.cooperation.zones import zone_of

NANJING = Candidate(1, "Qinhuai", "national_demo", "320104", frozenset({"01", "04"}))
URUMQI = Candidate(2, "Seven Textiles", "other", "650102", frozenset({"01"}))
SUZHOU = Candidate(3, "Suzhou park", "municipal", "320505", frozenset({"01"}))
CHENGDU = Candidate(4, "Chengdu park", "municipal", "510108", frozenset())
SHENZHEN = Candidate(5, "OCT-LOFT", "national_demo", "440305", frozenset({"04"}))


def test_zones_follow_the_nbs_four_regions():
    assert [zone_of(c) for c in ("320104", "650102", "210202", "430104", "810000")] == [
        "east",
        "west",
        "northeast",
        "central",
        "",
    ]


def test_an_eastern_national_park_carrying_a_western_one_says_why():
    s = score_pair(NANJING, URUMQI)
    codes = [code for code, _params in s.reasons]
    assert codes == ["level_gap", "zones", "shared_focus"]
    assert dict(s.reasons)["zones"] == {"from": "east", "to": "west"}
    assert dict(s.reasons)["shared_focus"] == {"majors": ["01"]}
    # The same pair scores more with ties that already exist.
    tied = score_pair(NANJING, URUMQI, earlier_pair=True, shared_enterprises=2)
    assert tied.score > s.score
    assert [c for c, _p in tied.reasons][-2:] == ["earlier_pair", "shared_enterprises"]


def test_no_pair_inside_one_province_and_the_weaker_never_carries():
    assert score_pair(NANJING, SUZHOU) is None  # both Jiangsu
    assert score_pair(URUMQI, NANJING) is None  # an "other" park does not carry
    assert score_pair(CHENGDU, SHENZHEN) is None  # municipal under national demonstration


def test_suggestions_rank_each_carrying_parks_partners_and_skip_taken_parks():
    found = suggest([NANJING, URUMQI, SUZHOU, CHENGDU, SHENZHEN], per_carrying=2)
    assert {(s.carrying.id, s.partner.id) for s in found} >= {(1, 2), (5, 4)}
    assert all(s.carrying.id in (1, 5) for s in found)
    assert found == sorted(found, key=lambda s: -s.score)
    after = suggest([NANJING, URUMQI, SUZHOU, CHENGDU, SHENZHEN], taken=[2], per_carrying=2)
    assert all(2 not in (s.carrying.id, s.partner.id) for s in after)
