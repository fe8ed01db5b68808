"""API schema fields derived from model fields: the model's rules, run and documented once.

::

    class EnterpriseIn(Schema):
        credit_code: model_rule(Enterprise, "credit_code") | None = None
        employees: model_rule(Enterprise, "employees") | None = None

A value is checked by the model field's own validators (the ones forms and importers run),
so a refusal carries the same translated message on every path; the OpenAPI document shows
the field's bounds (maxLength, minimum, maximum, pattern) taken from the same validators.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from wenchuang.core.validators import CREDIT_CODE_CHARS, CreditCodeValidator


def _no_null_character(value: Any) -> Any:
    # PostgreSQL refuses NUL in text; say so here instead of failing at the database.
    if isinstance(value, str) and "\x00" in value:
        raise PydanticCustomError("null_character", "Text may not contain NUL characters.")
    return value


def _python_type(field: models.Field) -> type:
    if isinstance(field, models.DecimalField):
        return Decimal
    if isinstance(field, models.IntegerField):
        return int
    if isinstance(field, models.BooleanField):
        return bool
    if isinstance(field, models.DateField):
        return datetime.date
    return str


def _limit(value: Any) -> Any:
    value = value() if callable(value) else value
    return float(value) if isinstance(value, Decimal) else value


def _json_schema(field: models.Field) -> dict[str, Any]:
    """What the OpenAPI document says of the field, read from its validators."""
    schema: dict[str, Any] = {}
    for rule in field.validators:
        if isinstance(rule, MaxLengthValidator):
            schema["maxLength"] = _limit(rule.limit_value)
        elif isinstance(rule, MinLengthValidator):
            schema["minLength"] = _limit(rule.limit_value)
        elif isinstance(rule, MaxValueValidator):
            schema["maximum"] = min(
                schema.get("maximum", _limit(rule.limit_value)), _limit(rule.limit_value)
            )
        elif isinstance(rule, MinValueValidator):
            schema["minimum"] = max(
                schema.get("minimum", _limit(rule.limit_value)), _limit(rule.limit_value)
            )
        elif isinstance(rule, CreditCodeValidator):
            chars = CREDIT_CODE_CHARS
            schema["pattern"] = f"^[{chars}]{{18}}$"
            schema["description"] = "GB 32100-2015, with its check character"
        elif isinstance(rule, RegexValidator) and not rule.inverse_match:
            schema.setdefault("pattern", rule.regex.pattern)
    if field.blank:
        # An empty value means "none" and is not checked: the document must allow it too.
        if "pattern" in schema:
            schema["pattern"] = f"^$|{schema['pattern']}"
    elif isinstance(field, models.EmailField):
        schema["format"] = "email"
    elif isinstance(field, models.URLField):
        schema["format"] = "uri"
    return schema


def _checker(field: models.Field):
    def check(value: Any) -> Any:
        if value is None or value == "":
            return value
        _no_null_character(value)
        try:
            field.run_validators(value)
        except ValidationError as error:
            # The first reason, as a form shows it beside the field.
            raise PydanticCustomError("field_rule", error.messages[0].replace("{", "{{")) from None
        return value

    return check


def model_rule(model: type[models.Model], name: str) -> Any:
    """The type of an API field that follows the rules of `model`'s field `name`."""
    field = model._meta.get_field(name)
    return Annotated[
        _python_type(field),  # type: ignore[valid-type]
        AfterValidator(_checker(field)),
        Field(json_schema_extra=_json_schema(field)),
    ]
