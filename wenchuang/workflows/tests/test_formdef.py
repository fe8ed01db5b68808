"""Application forms as data: a bad definition is refused naming the field; answers checked."""

import pytest
from django.utils import translation

from wenchuang.workflows.defaults import standard_form
from wenchuang.workflows.formdef import application_form, check_answers, check_definition


def field(key, kind, **extra):
    return {"key": key, "type": kind, "label": {"zh-hans": key, "en": key}, **extra}


def form_of(*fields):
    return {"sections": [{"key": "project", "title": {"en": "Project"}, "fields": list(fields)}]}


PARTNER_FORM = form_of(
    field("summary", "long_text", required=True, max_length=50),
    field("has_partner", "yes_no", required=True),
    field("partner", "text", required=True, show_if={"field": "has_partner", "equals": True}),
    field("budget", "money", currency="CNY", required=True),
    field("kind", "choice", choices=[{"value": "film", "label": {"en": "Film"}}]),
    field("plan", "file", accept=["pdf"], max_size=1_000_000),
)


def test_the_standard_form_and_a_full_form_are_accepted():
    assert check_definition(standard_form()) == []
    assert check_definition(PARTNER_FORM) == []


@pytest.mark.parametrize(
    ("bad_field", "path", "words"),
    [
        (field("budget", "monee"), "project.budget.type", "Unknown type monee"),
        (field("summary", "text", max_length=0), "project.summary.max_length", "from 1 to 500"),
        (field("summary", "long_text", max_length="long"), "project.summary.max_length", "whole"),
        (field("kind", "choice", choices=[]), "project.kind.choices", "List the choices"),
        (field("plan", "file", accept=["exe"]), "project.plan.accept", "Accepted types"),
        (field("plan", "file", max_size=10**12), "project.plan.max_size", "bytes up to"),
        ({"key": "x", "type": "text"}, "project.x.label", "label in at least one language"),
        ({"key": "Bad Key", "type": "text"}, "project.fields[0].key", "letters, digits"),
        (
            field("partner", "text", show_if={"field": "later", "equals": True}),
            "project.partner.show_if.field",
            "not a field asked before",
        ),
        (field("amount", "money", currency="yuan"), "project.amount.currency", "ISO 4217"),
    ],
)
def test_a_malformed_field_is_refused_naming_it(bad_field, path, words):
    errors = check_definition(form_of(bad_field))
    assert any(p == path and words in m for p, m in errors), errors


def test_a_definition_that_is_not_a_form_is_refused_not_crashed():
    assert check_definition(None)
    assert check_definition({"sections": "all"})
    assert check_definition({"sections": [None, {"key": "a", "fields": [None]}]})


def test_two_fields_with_one_key_are_refused():
    errors = check_definition(form_of(field("a", "text"), field("a", "number")))
    assert ("project.a", "The key a appears twice.") in errors


def test_errors_speak_the_readers_language():
    with translation.override("zh-hans"):
        message = check_definition(form_of(field("a", "text", max_length=0)))[0][1]
    assert message != "The maximum length is a whole number from 1 to 500."


def test_a_conditional_field_is_required_only_when_shown():
    answers = {
        "summary": "动画",
        "has_partner": False,
        "budget": {"amount": "10.00", "currency": "CNY"},
    }
    assert check_answers(PARTNER_FORM, answers) == []
    errors = check_answers(PARTNER_FORM, {**answers, "has_partner": True})
    assert errors == [("partner", "This field is required.")]


def test_answers_are_checked_against_types_and_limits():
    errors = dict(
        check_answers(
            PARTNER_FORM,
            {
                "summary": "x" * 51,
                "has_partner": "maybe",
                "budget": {"amount": "-5", "currency": "CNY"},
                "kind": "opera",
                "plan": "plan.pdf",
                "colour": "red",
            },
        )
    )
    assert errors["summary"] == "At most 50 characters (this has 51)."
    assert errors["has_partner"] == "Answer yes or no."
    assert errors["budget"] == "At least 0."
    assert errors["kind"] == "Choose one of the choices offered."
    assert errors["plan"] == "Attach a file."
    assert errors["colour"] == "The form has no field colour."


def test_a_draft_may_leave_required_fields_empty():
    assert check_answers(PARTNER_FORM, {"summary": "短"}, complete=False) == []
    assert ("summary", "This field is required.") in check_answers(PARTNER_FORM, {})


def test_the_web_form_turns_posted_values_into_answers():
    data = {
        "summary": " 原创动画 ",
        "has_partner": "yes",
        "partner": "江南大学",
        "budget": "1200.5",
    }
    form = application_form(PARTNER_FORM, {"plan": 7}, data=data)
    assert form.is_valid(), form.errors
    assert form.answers() == {
        "summary": "原创动画",
        "has_partner": True,
        "partner": "江南大学",
        "budget": {"amount": "1200.50", "currency": "CNY"},
        "plan": 7,
    }
    assert [title for title, _fields in form.sections()] == ["Project"]


def test_the_web_form_drops_an_answer_its_condition_hides():
    data = {"summary": "动画", "has_partner": "no", "partner": "江南大学"}
    form = application_form(PARTNER_FORM, data=data)
    assert form.is_valid(), form.errors
    assert "partner" not in form.answers()


def test_the_web_form_refuses_a_text_over_its_limit():
    form = application_form(PARTNER_FORM, data={"summary": "x" * 51})
    assert not form.is_valid()
    assert "summary" in form.errors


@pytest.mark.django_db
def test_labels_follow_the_readers_language_with_fallback():
    definition = form_of(
        {"key": "a", "type": "text", "label": {"zh-hans": "名称", "en": "Name", "de": "Name (de)"}}
    )
    with translation.override("fr"):
        assert application_form(definition)["a"].label == "Name"
    with translation.override("de"):
        assert application_form(definition)["a"].label == "Name (de)"
    with translation.override("zh-hans"):
        assert application_form(definition)["a"].label == "名称"


def test_numbers_from_a_json_client_are_kept_as_decimal_strings():
    from wenchuang.workflows.formdef import normalised

    definition = form_of(field("staff", "number"), field("budget", "money", currency="CNY"))
    assert normalised(definition, {"staff": 100})["staff"] == "100"
    kept = normalised(definition, {"staff": 12.0, "budget": {"amount": 1200.5, "currency": "CNY"}})
    assert kept == {"staff": "12", "budget": {"amount": "1200.50", "currency": "CNY"}}
