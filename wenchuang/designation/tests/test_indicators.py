"""Indicator sets as data: a bad definition is refused when saved, values are checked and scored."""

import copy
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.designation import indicators, services
from wenchuang.designation.models import IndicatorSet
from wenchuang.designation.standard import (
    GOOD_VALUES,
    POOR_VALUES,
    STANDARD_DEFINITION,
    WARN_VALUES,
)


def test_the_standard_set_is_sound_and_has_both_kinds_of_indicator():
    assert indicators.check_definition(STANDARD_DEFINITION) == []
    groups = {item["group"] for item in STANDARD_DEFINITION["indicators"]}
    assert groups == {"quantitative", "qualitative"}


@pytest.mark.parametrize(
    ("values", "score", "outcome"),
    [
        (GOOD_VALUES, "83.75", "renew"),
        (WARN_VALUES, "57.61", "warn"),
        (POOR_VALUES, "23.63", "revoke"),
    ],
)
def test_a_total_out_of_100_decides_renewal_warning_or_revocation(values, score, outcome):
    cleaned, problems = indicators.check_values(STANDARD_DEFINITION, values, complete=True)
    assert problems == []
    total = indicators.total_score(STANDARD_DEFINITION, cleaned)
    assert total == Decimal(score)
    assert indicators.outcome(STANDARD_DEFINITION, total) == outcome


def test_a_value_above_its_target_scores_no_more_than_the_weight():
    values = {**GOOD_VALUES, "tenant_enterprises": 10_000}
    assert indicators.total_score(STANDARD_DEFINITION, values) == Decimal("83.75")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("tenant_enterprises", "12.5", "Enter a whole number."),
        ("tenant_enterprises", "-3", "The value cannot be negative."),
        ("occupancy", "140", "A percentage is at most 100."),
        ("revenue", "lots", "Enter a number."),
        ("revenue", "NaN", "Enter a number."),
        ("management", 4, "Choose one of the levels."),
        ("management", True, "Choose one of the levels."),
    ],
)
def test_a_wrong_value_is_refused_naming_its_indicator(key, value, message):
    _cleaned, problems = indicators.check_values(
        STANDARD_DEFINITION, {**GOOD_VALUES, key: value}, complete=True
    )
    assert problems == [(key, message)]


def test_a_draft_may_be_incomplete_but_a_submission_may_not():
    partial = {"tenant_enterprises": 12}
    assert indicators.check_values(STANDARD_DEFINITION, partial, complete=False)[1] == []
    problems = indicators.check_values(STANDARD_DEFINITION, partial, complete=True)[1]
    assert ("revenue", "This indicator needs a value.") in problems


def test_an_unknown_indicator_is_refused_not_dropped():
    problems = indicators.check_values(STANDARD_DEFINITION, {"footfall": 3}, complete=False)[1]
    assert problems == [("footfall", "This indicator set has no indicator footfall.")]


def _broken(**changes):
    definition = copy.deepcopy(STANDARD_DEFINITION)
    definition.update(changes)
    return definition


@pytest.mark.parametrize(
    ("definition", "path", "message"),
    [
        ([], "", "The definition is an object with indicators and marks."),
        (_broken(indicators=[]), "indicators", "List at least one indicator."),
        (_broken(pass_mark=120), "pass_mark", "The pass mark is a number from 1 to 100."),
        (
            _broken(warn_mark=80),
            "warn_mark",
            "The warning mark is a number from 0 to the pass mark.",
        ),
        (_broken(validity_years=0), "validity_years", "A designation lasts 1 to 10 years."),
    ],
)
def test_a_malformed_definition_is_refused_with_where_and_why(definition, path, message):
    assert (path, message) in indicators.check_definition(definition)


def test_weights_that_do_not_add_up_to_100_are_refused():
    definition = copy.deepcopy(STANDARD_DEFINITION)
    definition["indicators"][0]["weight"] = 20
    assert indicators.check_definition(definition) == [
        ("indicators", "The weights add up to 105, not 100.")
    ]


def test_an_indicator_needs_its_unit_target_and_levels():
    definition = copy.deepcopy(STANDARD_DEFINITION)
    definition["indicators"][0].update(unit="bananas", target=0)
    definition["indicators"][5]["levels"] = [{"zh-hans": "好", "en": "good"}]
    definition["indicators"][6]["key"] = "management"
    paths = {path for path, _message in indicators.check_definition(definition)}
    assert paths == {
        "indicators[0].unit",
        "indicators[0].target",
        "indicators[5].levels",
        "indicators[6].key",
    }


def test_staff_cannot_save_a_malformed_set_and_nothing_is_stored(cast):
    broken = _broken(pass_mark="high")
    with pytest.raises(ValidationError) as refused:
        services.indicator_set_save(
            by=cast["wuxi_staff"], code="broken", title_zh_hans="坏", definition=broken
        )
    assert "pass_mark: The pass mark is a number from 1 to 100." in refused.value.messages
    assert not IndicatorSet.objects.filter(code="broken").exists()


def test_staff_save_a_sound_set_and_others_may_not(cast):
    saved = services.indicator_set_save(
        by=cast["wuxi_staff"],
        code="wuxi-2026",
        title_zh_hans="无锡指标",
        definition=STANDARD_DEFINITION,
    )
    assert saved.pk and saved.definition["pass_mark"] == 70
    for who in ("assessor", "park_manager", "district"):
        with pytest.raises(PermissionDenied):
            services.indicator_set_save(
                by=cast[who], code="x", title_zh_hans="x", definition=STANDARD_DEFINITION
            )


def test_the_admin_refuses_a_malformed_definition(client, db):
    from wenchuang.accounts.models import User

    admin = User.objects.create_superuser("root", password="pw-for-tests")
    client.force_login(admin)
    response = client.post(
        "/en/admin/designation/indicatorset/add/",
        {"code": "bad", "title_zh_hans": "坏", "definition": '{"indicators": []}'},
    )
    assert response.status_code == 200
    assert "List at least one indicator." in response.content.decode()
    assert not IndicatorSet.objects.filter(code="bad").exists()
