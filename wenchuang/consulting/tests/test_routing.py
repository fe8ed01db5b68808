"""The routing's choice: category, region served, load, locality; pure, no database."""

from wenchuang.consulting.routing import Candidate, choose, ranked, serves

BINHU, WUXI, JIANGSU, DALIAN = "320211", "320200", "320000", "210200"


def firm(pk, scopes=("legal",), regions=(WUXI,), load=0):
    return Candidate(pk, frozenset(scopes), tuple(regions), load)


def test_a_region_is_served_by_its_county_city_province_or_the_country():
    assert serves([BINHU], BINHU) == 6
    assert serves([WUXI], BINHU) == 4
    assert serves([JIANGSU], BINHU) == 2
    assert serves(["000000"], BINHU) == 0
    assert serves([DALIAN], BINHU) is None
    assert serves(["320214"], BINHU) is None


def test_only_providers_certified_for_the_category_and_serving_the_region_qualify():
    candidates = [
        firm(1, scopes=("investment",)),
        firm(2, regions=(DALIAN,)),
        firm(3, regions=(JIANGSU,)),
    ]
    assert choose(candidates, "legal", BINHU).provider_id == 3
    assert choose(candidates, "technology", BINHU) is None


def test_the_least_loaded_provider_wins_however_local_the_others_are():
    candidates = [firm(1, regions=(BINHU,), load=4), firm(2, regions=(JIANGSU,), load=1)]
    assert choose(candidates, "legal", BINHU).provider_id == 2


def test_at_equal_load_the_most_local_provider_wins_then_the_lowest_id():
    candidates = [firm(5, regions=(JIANGSU,)), firm(7, regions=(BINHU,)), firm(6, regions=(BINHU,))]
    assert [c.provider_id for c in ranked(candidates, "legal", BINHU)] == [6, 7, 5]


def test_providers_that_declined_are_skipped():
    candidates = [firm(1), firm(2, load=3)]
    assert choose(candidates, "legal", BINHU, exclude={1}).provider_id == 2
    assert choose(candidates, "legal", BINHU, exclude={1, 2}) is None


def test_routing_many_requests_spreads_them_evenly():
    candidates = {pk: firm(pk) for pk in range(1, 6)}
    for _ in range(23):
        chosen = choose(list(candidates.values()), "legal", BINHU)
        c = candidates[chosen.provider_id]
        candidates[c.provider_id] = Candidate(c.provider_id, c.scopes, c.regions_served, c.load + 1)
    loads = sorted(c.load for c in candidates.values())
    assert loads == [4, 4, 5, 5, 5]
