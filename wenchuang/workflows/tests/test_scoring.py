"""Scoring forms and scores: checks, weighted means ignoring n/a, divergence and ranking."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from wenchuang.workflows.scoring import (
    Recommendation,
    ScoredReview,
    check_review_form,
    check_scores,
    criterion_label,
    rank,
    shown,
    summarise,
    weighted_mean,
)

# The scoring form of a special-fund call, as staff would write it.
FORM = {
    "criteria": [
        {
            "key": "innovation",
            "label": {"zh-hans": "创新性", "en": "Innovation", "fr": "Innovation"},
            "weight": 3,
            "allow_na": False,
        },
        {"key": "feasibility", "label": {"zh-hans": "可行性", "en": "Feasibility"}, "weight": 2},
        {"key": "budget", "label": {"zh-hans": "预算合理性"}, "weight": 1},
    ]
}


def test_a_well_formed_scoring_form_passes():
    assert check_review_form(FORM) == []


@pytest.mark.parametrize(
    "criterion, path",
    [
        ({"key": "x", "label": {"en": "X"}, "weight": 0}, "criteria[0].weight"),
        ({"key": "x", "label": {"en": "X"}, "weight": -2}, "criteria[0].weight"),
        ({"key": "x", "label": {"en": "X"}, "weight": True}, "criteria[0].weight"),
        ({"key": "x", "label": {"en": "X"}, "weight": float("nan")}, "criteria[0].weight"),
        ({"key": "x", "label": {"en": "X"}, "weight": "3"}, "criteria[0].weight"),
        ({"key": "x", "label": {"en": "X"}}, "criteria[0].weight"),
        ({"key": "X Y", "label": {"en": "X"}, "weight": 1}, "criteria[0].key"),
        ({"key": "x", "label": {"fr": "X"}, "weight": 1}, "criteria[0].label"),
        ({"key": "x", "label": {"en": "X", "jp": "X"}, "weight": 1}, "criteria[0].label"),
        ({"key": "x", "label": "X", "weight": 1}, "criteria[0].label"),
        (
            {"key": "x", "label": {"en": "X"}, "weight": 1, "allow_na": "yes"},
            "criteria[0].allow_na",
        ),
        ("innovation", "criteria[0]"),
    ],
)
def test_a_malformed_criterion_is_refused_with_its_place(criterion, path):
    problems = check_review_form({"criteria": [criterion]})
    assert [p for p, _ in problems] == [path]


@pytest.mark.parametrize("definition", [None, [], {}, {"criteria": []}, {"criteria": "x"}])
def test_a_form_without_criteria_is_refused(definition):
    assert check_review_form(definition)


def test_two_criteria_with_one_key_are_refused():
    twice = {"criteria": [FORM["criteria"][1], FORM["criteria"][1]]}
    assert check_review_form(twice) == [("criteria[1].key", "Two criteria have the same key.")]


def test_labels_follow_the_reader_then_english_then_chinese():
    innovation, _, budget = FORM["criteria"]
    assert criterion_label(innovation, "fr") == "Innovation"
    assert criterion_label(innovation, "zh-hans") == "创新性"
    assert criterion_label(budget, "de") == "预算合理性"


def test_scores_are_whole_points_from_0_to_5_or_na_where_allowed():
    good = {"innovation": 4, "feasibility": "n/a", "budget": 0}
    assert check_scores(FORM, good) == []
    bad = {"innovation": "n/a", "feasibility": 6, "budget": 2.5, "impact": 3}
    assert dict(check_scores(FORM, bad)) == {
        "impact": "This criterion is not on the scoring form.",
        "innovation": "This criterion cannot be marked n/a.",
        "feasibility": "A score is a whole number from 0 to 5, or n/a.",
        "budget": "A score is a whole number from 0 to 5, or n/a.",
    }
    assert dict(check_scores(FORM, {"innovation": 3})) == {
        "feasibility": "Give a score for this criterion.",
        "budget": "Give a score for this criterion.",
    }
    assert check_scores(FORM, [3, 4, 5]) == [("", "Scores must be given per criterion.")]
    assert check_scores(FORM, {"innovation": True, "feasibility": 1, "budget": -1})


def test_the_weighted_mean_leaves_na_criteria_out():
    # (3×5 + 2×2 + 1×1) / 6 = 20/6
    assert weighted_mean(FORM, {"innovation": 5, "feasibility": 2, "budget": 1}) == Fraction(10, 3)
    assert shown(Fraction(10, 3)) == Decimal("3.33")
    # n/a feasibility: (3×4 + 1×1) / 4, not (3×4 + 0 + 1×1) / 6
    assert weighted_mean(FORM, {"innovation": 4, "feasibility": "n/a", "budget": 1}) == Fraction(
        13, 4
    )
    only_na = {"criteria": [FORM["criteria"][1]]}
    assert weighted_mean(only_na, {"feasibility": "n/a"}) is None
    assert shown(None) is None


def review(name, score, recommendation=Recommendation.MAYBE):
    return ScoredReview(name, Fraction(score) if score is not None else None, recommendation)


def test_mean_and_spread_of_an_application():
    result = summarise(7, [review("li", "4"), review("wang", "3.5"), review("zhao", "4.5")])
    assert result.mean == 4
    assert result.spread == 1
    assert not result.is_divergent


def test_a_review_far_from_the_others_is_flagged_divergent():
    result = summarise(7, [review("li", "4"), review("wang", "4.2"), review("zhao", "1.5")])
    assert result.divergent == {"zhao"}
    # 1.4 points from the others' mean: not yet divergent.
    assert not summarise(8, [review("li", "4"), review("zhao", "2.6")]).is_divergent
    assert summarise(9, [review("li", "4"), review("zhao", "2.5")]).divergent == {"li", "zhao"}


def test_opposite_recommendations_are_flagged_even_with_close_scores():
    result = summarise(
        7,
        [
            review("li", "3", Recommendation.YES),
            review("wang", "3", Recommendation.NO),
            review("zhao", "3", Recommendation.MAYBE),
        ],
    )
    assert result.divergent == {"li", "wang"}
    assert result.recommendations == {"yes": 1, "maybe": 1, "no": 1}


def test_a_single_review_or_unscored_reviews_are_never_divergent():
    assert not summarise(1, [review("li", "0")]).is_divergent
    nothing = summarise(2, [review("li", None)])
    assert nothing.mean is None and nothing.spread is None and not nothing.is_divergent


def test_the_ranking_is_by_mean_and_ties_are_broken_the_same_way_every_time():
    day = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    scores = [
        summarise("late", [review("a", "4", Recommendation.YES), review("b", "4")]),
        summarise("early", [review("a", "4", Recommendation.YES), review("b", "4")]),
        summarise("more yes", [review("a", "4", Recommendation.YES), review("b", "4", "yes")]),
        summarise("wider", [review("a", "5", Recommendation.YES), review("b", "3")]),
        summarise("best", [review("a", "4.5")]),
        summarise("unscored", [review("a", None)]),
        summarise("worst", [review("a", "1")]),
    ]
    order = {"late": day + datetime.timedelta(hours=2), "early": day}
    ranked = [s.application for s in rank(scores, order)]
    assert ranked == ["best", "more yes", "early", "late", "wider", "worst", "unscored"]
    assert [s.application for s in rank(list(reversed(scores)), order)] == ranked
